"""Public form links at work: the page a token opens (the listed fields only, with their
labels in both languages and their options), its captcha, and anonymous submissions.

A submission goes through the record service like every write (coercion, validation,
computed fields, lifecycle handlers, flows, the audit log), as an anonymous actor
(username "anonymous", the client's address) allowed to create records with the listed
fields only; its cause is the link (kind "public", kernel/cause.py), so the audit entry
and a record's history say "外链 <name>", and the record is stamped with the link's
source value when the link names a source field. Before that: the hourly limits (per
client address and per link, 429 with Retry-After) and the captcha (400 naming
`captcha`). A disabled or unknown link, or one whose form is not published, is a 404."""
from __future__ import annotations

from ..kernel.actor import Actor
from ..kernel.cause import link
from ..kernel.errors import FieldError, NotFound, ValidationFailed, bilingual
from ..security.access import Access
from . import public_tokens
from .public_guard import PublicGuard
from .public_link_kind import fillable
from .service import RecordService

KIND = "public_link"
ANONYMOUS = "anonymous"
DEFAULT_IP_LIMIT = 10
DEFAULT_LINK_LIMIT = 500
# what a page shows of a field's definition (never conditions on fields it does not show)
PAGE_KEYS = ("id", "type", "label", "help", "required", "placeholder", "default", "options", "max_length",
             "min_length", "pattern", "precision", "currency", "min", "max", "max_items")


def gone(token) -> NotFound:
    return NotFound("链接不存在或已停用", "this link does not exist or is no longer open",
                    code="unknown_link", details={"token": str(token)[:64]})


class PublicLinks:
    def __init__(self, runtime):
        self.rt = runtime
        self.guard = PublicGuard(runtime.engine, runtime.clock)

    # -- finding a link ------------------------------------------------------------------
    def resolve(self, token: str) -> tuple[str, dict, object]:
        """(app, the published link, its published form) of an open link, else 404."""
        found = public_tokens.resolve(self.rt.engine, token)
        if found is None:
            raise gone(token)
        app, key = found
        published = self.rt.store.published(app, KIND, key)
        if published is None or not published[0].get("enabled"):
            raise gone(token)
        body = published[0]
        try:
            form = self.rt.form(app, body["form"])
        except NotFound:
            raise gone(token) from None
        return app, body, form

    def shown(self, body: dict, form) -> list[dict]:
        """The link's fields as the page shows them, in the link's order (fields since made
        hidden, read-only, computed or deleted in the form are left out)."""
        types = self.rt.store.field_types
        out = []
        for fid in body["fields"]:
            t = form.fields.get(fid)
            if t is None or not fillable(t.field, types):
                continue
            out.append({k: t.field[k] for k in PAGE_KEYS if k in t.field})
        return out

    # -- the page ------------------------------------------------------------------------
    def page(self, token: str) -> dict:
        _app, body, form = self.resolve(token)
        return {
            "title": body.get("title") or body["label"],
            "description": body.get("description"),
            "success_message": body.get("success_message") or bilingual("提交成功,感谢您的填写!", "Submitted. Thank you!"),
            "captcha": bool(body.get("captcha")),
            "form": {"label": form.label},
            "fields": self.shown(body, form),
        }

    def captcha(self, token: str) -> tuple[str, str]:
        _app, body, _form = self.resolve(token)
        return self.guard.issue(token)

    # -- a submission --------------------------------------------------------------------
    def submit(self, token: str, payload: dict, ip: str | None) -> dict:
        app, body, form = self.resolve(token)
        client = (ip or "unknown")[:64]
        name = body["label"].get("zh") or body["id"]
        self.guard.count([
            (f"ip:{app}:{body['id']}:{client}", int(body.get("rate_limit_per_hour") or DEFAULT_IP_LIMIT),
             ("此设备", "from this address")),
            (f"link:{app}:{body['id']}", int(body.get("link_limit_per_hour") or DEFAULT_LINK_LIMIT),
             ("此链接", "to this link")),
        ])
        data = payload.get("data")
        if not isinstance(data, dict):
            raise ValidationFailed([FieldError("data", "not_object", "提交的内容必须是对象", "the values must be an object")])
        listed = [f["id"] for f in self.shown(body, form)]
        refused = [FieldError(k, "unknown_field", f"此页面没有字段 {k}", f"this page has no field {k}")
                   for k in data if k not in listed]
        if refused:
            raise ValidationFailed(refused)
        if body.get("captcha"):
            given = payload.get("captcha") if isinstance(payload.get("captcha"), dict) else {}
            self.guard.check(token, given.get("id"), given.get("answer"))
        values = dict(data)
        source = body.get("source")
        writable = list(listed)
        if source and source["field"] in form.active_ids:
            values[source["field"]] = source["value"]
            writable.append(source["field"])
        access = Access(form, [(f"{KIND}:{body['id']}", {"actions": ["create"], "visible": writable})])
        actor = Actor(id=None, username=ANONYMOUS, ip=client)
        RecordService(self.rt, form, actor, access=access, cause=link("public", body["id"], name)).create(values)
        return {"ok": True, "message": body.get("success_message") or bilingual("提交成功,感谢您的填写!",
                                                                                 "Submitted. Thank you!")}

    # -- administration --------------------------------------------------------------------
    def token(self, app: str, key: str) -> str | None:
        return public_tokens.current(self.rt.engine, app, key)

    def regenerate(self, app: str, key: str) -> str:
        if self.rt.store.published(app, KIND, key) is None:
            raise NotFound(f"外链 {key} 不存在或未发布", f"public link {key} does not exist or is not published",
                           code="unknown_link", details={"link": key})
        return public_tokens.regenerate(self.rt.engine, app, key)
