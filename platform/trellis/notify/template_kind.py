"""The `template` kind of definition: a notification's texts (metadata/template.schema.json).
Drafts are checked against the meta-schema and every text is parsed by the sandboxed
Jinja (kernel/templating.py), so a syntax error is refused at save time with the JSON
pointer of the text and the line in it; publishing checks that its form exists."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid, bilingual
from ..kernel.templating import TemplateFailed, check
from ..meta.kind import DefinitionKind

TEXTS = ("subject", "body", "html")


def texts_of(body: dict):
    """(JSON pointer, Jinja text) of every text in a template body."""
    for part in TEXTS:
        for lang, text in (body.get(part) or {}).items():
            yield f"/{part}/{lang}", text
    for name, variant in (body.get("channels") or {}).items():
        for part in TEXTS:
            for lang, text in ((variant or {}).get(part) or {}).items():
                yield f"/channels/{name}/{part}/{lang}", text


class TemplateKind(DefinitionKind):
    key = "template"
    label = ("消息模板", "message template")

    def problems(self, body, field_types) -> list[dict]:
        found = super().problems(body, field_types)
        if found or not isinstance(body, dict):
            return found
        for pointer, text in texts_of(body):
            if not isinstance(text, str):
                continue
            try:
                check(text)
            except TemplateFailed as e:
                found.append({"pointer": pointer, "code": e.code,
                              "message": bilingual(f"{pointer}:{e.message['zh']}", f"{pointer}: {e.message['en']}")})
        return found

    def publish(self, conn, app, body, previous, store):
        form = body.get("form")
        if form and store.published(app, "form", form, conn=conn) is None:
            raise DefinitionInvalid([{"pointer": "/form", "code": "unknown_form",
                                      "message": bilingual(f"表单 {form} 不存在或未发布", f"form {form} does not exist or is not published")}])
        return body
