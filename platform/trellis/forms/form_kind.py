"""The form kind: its fields are checked against their field types as well as the
meta-schema; publishing syncs the form's table (forms/publish.py); the impact preview
lists what that sync would change or refuse; editing needs the `manage` action on the
published form (administrators always have it; only they create forms)."""
from __future__ import annotations

from ..kernel.errors import Forbidden, NotFound
from ..meta.kind import DefinitionKind
from ..meta.schemas import field_problems
from . import sync
from .model import FormModel
from .publish import carry_deleted, publish_form


class FormKind(DefinitionKind):
    key = "form"
    label = ("表单", "form")
    removable = False

    def problems(self, body, field_types) -> list[dict]:
        problems = super().problems(body, field_types)
        if isinstance(body, dict) and field_types is not None:
            problems += field_problems(body.get("fields"), field_types)
        return problems

    def publish(self, conn, app, body, previous, store):
        return publish_form(conn, app, body, previous, store)

    def may_edit(self, rt, who, app, key, body, existing) -> None:
        if who.is_admin:
            return
        try:
            model = rt.form(app, key)
        except NotFound:
            raise Forbidden("只有系统管理员可以新建表单", "only administrators create forms") from None
        rt.access(who, model).require("manage")

    def may_list(self, rt, who, app, key, body) -> bool:
        """The forms list shows the published forms the caller may read (the menu), not only
        those they edit."""
        if who.is_admin:
            return True
        try:
            return rt.access(who, rt.form(app, key)).allowed("read")
        except NotFound:
            return False

    def impact(self, rt, app, key, draft, previous):
        body = carry_deleted(dict(draft, fields=list(draft.get("fields", []))), previous)
        new = FormModel(app, body, rt.registries.field_types)
        old = FormModel(app, previous, rt.registries.field_types) if previous else None
        with rt.engine.connect() as conn:
            return sync.plan(conn, new, old)
