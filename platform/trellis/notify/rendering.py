"""Rendering a template for one recipient on one channel: the context (the record's
values as a user reads them, the records its relations point at, the recipient, a link
back to the record) and the texts (the channel's variant where it has one, else the
template's; the recipient's language, else Chinese). Plain texts render with
`templating.render`, HTML with `render_html` (every value escaped)."""
from __future__ import annotations

from ..kernel.actor import SYSTEM
from ..kernel.errors import NotFound
from ..kernel.templating import render, render_html
from ..sheets.display import cell_formatter

PARTS = ("subject", "body", "html")


def record_context(rt, app: str, form_id: str | None, record_id, lang: str) -> dict:
    """{"record": display values by field id, "raw": stored values, "related": {field:
    {"id", "title"}}} of one record, read as the system (a message is about the record,
    whoever receives it); empty when there is no record."""
    if not form_id or record_id is None:
        return {"record": {}, "raw": {}, "related": {}}
    service = rt.records(app, form_id, SYSTEM)
    form = service.form
    expand = [t.id for t in form.active if t.references is not None and t.has_column]
    try:
        row = service.get(int(record_id), expand=expand)
    except NotFound:
        return {"record": {"id": record_id}, "raw": {"id": record_id}, "related": {}}
    shown, related, raw = {"id": row["id"]}, {}, {"id": row["id"]}
    for t in form.active:
        value = row.get(t.id)
        if isinstance(value, dict) and "title" in value:
            related[t.id] = value
            raw[t.id] = value.get("id")
            shown[t.id] = value.get("title") or value.get("id")
            continue
        raw[t.id] = value
        fmt = cell_formatter(t, lang, "csv")
        shown[t.id] = fmt(value) if fmt is not None and value is not None else value
    for k in ("created_at", "updated_at"):
        shown[k] = raw[k] = row.get(k)
    return {"record": shown, "raw": raw, "related": related}


def link_of(base: str, app: str, form_id: str | None, record_id) -> str | None:
    if not form_id or record_id is None:
        return None
    return f"{(base or '').rstrip('/')}/apps/{app}/forms/{form_id}/records/{record_id}"


def pick(template: dict, channel: str | None, part: str, lang: str) -> str | None:
    """The text of `part` for `channel` in `lang`: the channel's variant, else the template's."""
    for source in ((template.get("channels") or {}).get(channel) or {}, template):
        texts = source.get(part)
        if texts:
            return texts.get(lang) or texts.get("zh") or next(iter(texts.values()), None)
    return None


def render_texts(template: dict, channel: str | None, lang: str, context: dict) -> dict:
    """{"subject", "text", "html"} rendered (html None when the template has none)."""
    subject = pick(template, channel, "subject", lang)
    body = pick(template, channel, "body", lang)
    html = pick(template, channel, "html", lang)
    return {"subject": render(subject, context).strip() if subject else "",
            "text": render(body, context) if body else "",
            "html": render_html(html, context) if html else None}
