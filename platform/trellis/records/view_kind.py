"""The saved-view kind: publishing checks the view against its published form
(forms/publish.py). Personal views belong to their owner, who alone edits them (besides
administrators); a shared view is edited by those who may manage its form. A view is listed
to a caller as they can apply it (records/saved_views.py), and cannot be saved over by a
caller who would lose the parts naming fields they may not see."""
from __future__ import annotations

from ..forms.publish import check_view
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..meta.kind import DefinitionKind
from .saved_views import fit_view, has_hidden_parts


class ViewKind(DefinitionKind):
    key = "view"
    label = ("视图", "view")

    def publish(self, conn, app, body, previous, store):
        return check_view(conn, app, body, previous, store)

    def prepare(self, rt, who, app, key, body, existing):
        """A view names its form; `dropped` (what the caller could not apply) is never
        stored; a personal view keeps its owner, or gets the caller as its owner."""
        if not isinstance(body, dict) or not isinstance(body.get("form"), str) or not body["form"]:
            raise BadRequest("视图必须指定表单(form:表单标识)", "a view names its form (form: the form's id)",
                             code="malformed", details={"param": "form"})
        body = {k: v for k, v in body.items() if k != "dropped"}
        if not body.get("shared"):
            body["owner"] = (existing or {}).get("owner") or who.id
        return body

    def may_edit(self, rt, who, app, key, body, existing) -> None:
        if who.is_admin:
            return
        if existing is not None and not existing.get("shared") and existing.get("owner") != who.id:
            raise Forbidden("这是别人的个人视图", "this is someone else's personal view")
        target = body if body is not None else existing
        if target is None:
            return  # nothing there: the store answers 404
        model = rt.form(app, target["form"])
        access = rt.access(who, model)
        access.require("manage" if target.get("shared") or (existing or {}).get("shared") else "read")
        if body is not None and existing is not None and self._hides_parts(rt, who, app, existing):
            raise Forbidden("此视图用到了你无权查看的字段,不能覆盖保存;请另存为新视图",
                            "this view uses fields you may not see, so you cannot save over it; "
                            "save a new view instead", code="view_has_hidden_fields")

    @staticmethod
    def _form(rt, who, app: str, form_id: str):
        """(published form, `who`'s access to it), or None when it is not published."""
        try:
            model = rt.form(app, form_id)
        except NotFound:
            return None
        return model, rt.access(who, model)

    def _hides_parts(self, rt, who, app: str, existing: dict) -> bool:
        found = self._form(rt, who, app, existing["form"])
        return found is not None and has_hidden_parts(existing, *found)

    def may_list(self, rt, who, app, key, body) -> bool:
        return self.fitted(rt, who, app, body) is not None

    def fitted(self, rt, who, app: str, body: dict) -> dict | None:
        """The view as `who` can apply it, or None when they may not see it."""
        if not body.get("shared") and body.get("owner") not in (None, who.id) and not who.is_admin:
            return None
        found = self._form(rt, who, app, body["form"])
        return fit_view(body, *found) if found is not None and found[1].allowed("read") else None
