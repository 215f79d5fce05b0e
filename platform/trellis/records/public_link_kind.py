"""The public-link kind (`public_link`): a form published as a page anyone may fill in
without signing in (报名, 问卷, 开户预约). A link names its form, the fields the page shows
(the only ones a submission may set), its texts, captcha and rate limits, and the source
its records are stamped with. Publishing checks all of that against the published form
and gives a new link its token (kept by the server, never in the definition: an exported
app does not carry it); whoever may manage the form edits its links."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid, Forbidden, NotFound, bilingual
from ..meta.kind import DefinitionKind
from . import public_tokens

_KEPT_OFF = ("hidden", "readonly", "deleted")


def _problem(pointer: str, code: str, zh: str, en: str) -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}")}


def fillable(field: dict, types) -> bool:
    """May a field appear on a public page: a plain value an anonymous visitor can type
    (not computed, generated, hidden or read-only, and naming no user, department or record)."""
    if any(field.get(k) for k in _KEPT_OFF) or field.get("type") not in types:
        return False
    t = types.get(field["type"])
    return bool(t.inline_editable and t.references is None and not t.computed and not t.generated)


def stampable(field: dict, types) -> bool:
    """May a field hold a link's source: a text value (a text field or a select's option)."""
    if field.get("deleted") or field.get("type") not in types:
        return False
    t = types.get(field["type"])
    return t.sql_kind == "text" and t.references is None and not t.computed and not t.generated


def check_link(body: dict, form: dict | None, types) -> list[dict]:
    """Problems of a link against its published form (`form`: None when not published)."""
    if form is None:
        return [_problem("/form", "unknown_form", f"表单 {body['form']} 不存在或未发布",
                         f"form {body['form']} does not exist or is not published")]
    fields = {f["id"]: f for f in form.get("fields", [])}
    problems = []
    for j, fid in enumerate(body.get("fields", [])):
        f = fields.get(fid)
        if f is None or f.get("deleted"):
            problems.append(_problem(f"/fields/{j}", "unknown_field", f"未知字段 {fid}", f"unknown field {fid}"))
        elif not fillable(f, types):
            problems.append(_problem(f"/fields/{j}", "not_public", f"字段 {fid} 不能出现在公开页面(隐藏、只读、计算或引用字段)",
                                     f"field {fid} cannot be shown on a public page (hidden, read-only, computed or a reference)"))
    listed = set(body.get("fields", []))
    for f in form.get("fields", []):
        if f.get("required") and not f.get("deleted") and f["id"] not in listed and "default" not in f \
                and fillable(f, types) and (body.get("source") or {}).get("field") != f["id"]:
            problems.append(_problem("/fields", "required_missing", f"必填字段 {f['id']} 须出现在公开页面上",
                                     f"required field {f['id']} must be on the public page"))
    source = body.get("source")
    if source:
        f = fields.get(source["field"])
        if f is None or not stampable(f, types):
            problems.append(_problem("/source/field", "not_stampable", f"来源字段 {source['field']} 须是表单的文本或单选字段",
                                     f"source field {source['field']} must be a text or single-select field of the form"))
        elif source["field"] in listed:
            problems.append(_problem("/source/field", "source_listed", "来源字段由系统填写,不能同时出现在公开页面上",
                                     "the source field is filled by the system and cannot also be on the page"))
        else:
            try:
                types.get(f["type"])(f).coerce(source["value"])
            except ValueError:
                problems.append(_problem("/source/value", "invalid_value", f"来源值 {source['value']} 不是该字段的有效值",
                                         f"source value {source['value']} is not a valid value of that field"))
    return problems


class PublicLinkKind(DefinitionKind):
    key = "public_link"
    label = ("外链", "public link")

    def publish(self, conn, app, body, previous, store):
        found = store.published(app, "form", body["form"], conn)
        problems = check_link(body, found[0] if found else None, store.field_types)
        if problems:
            raise DefinitionInvalid(problems)
        public_tokens.ensure(conn, app, body["id"])
        return body

    def may_edit(self, rt, who, app, key, body, existing) -> None:
        if who.is_admin:
            return
        target = body if body is not None else existing
        if target is None:
            return  # nothing there: the store answers 404
        try:
            model = rt.form(app, target["form"])
        except NotFound:
            raise Forbidden("只有系统管理员可以为未发布的表单设置外链",
                            "only administrators set up public links of unpublished forms") from None
        rt.access(who, model).require("manage")
