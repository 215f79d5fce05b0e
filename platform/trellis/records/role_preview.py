"""A form as a user holding only one role would see it ("view as this role"): the actions
the role allows, how many records its row scope holds, the first of them with only the
visible fields, and the hidden and read-only fields.

Nothing is computed here that the access code does not compute for a real user: the
answer comes from a record service whose actor holds only the role's Flask-AppBuilder role
and has the chosen user's id (so `$user.*` reads that user's departments and
subordinates). A role's draft is read through the same code by a runtime view whose
`access` takes the draft's body in place of the published one (`RoleRuntime`)."""
from __future__ import annotations

from ..kernel.actor import Actor
from ..security.access import ACTIONS
from ..security.roles import fab_role_name
from .service import RecordService

PREVIEW_ROWS = 20  # the most rows a preview answers


class RoleRuntime:
    """The runtime, except that the access of app `app` is computed from `roles` (role
    definitions by id, e.g. one role's draft) instead of the published roles."""

    def __init__(self, runtime, app: str, roles: dict):
        self._runtime = runtime
        self._app = app
        self._roles = roles

    def __getattr__(self, name):
        return getattr(self._runtime, name)

    def access(self, actor, form):
        roles = self._roles if form.app == self._app else None
        return self._runtime.grants.access(actor, form, roles=roles)


def _field(t) -> dict:
    return {"id": t.id, "label": t.field.get("label") or {"zh": t.id, "en": t.id}, "type": t.field.get("type")}


def role_preview(runtime, app: str, role_id: str, body: dict | None, form_id: str, user, *,
                 limit: int = PREVIEW_ROWS) -> dict:
    """What `user` (an object with `id` and `username`) would see of form `form_id` holding
    only role `role_id`; `body`: the role's definition to use (a draft), or None for the
    published one."""
    form = runtime.form(app, form_id)
    actor = Actor(id=user.id, username=user.username, roles=(fab_role_name(app, role_id),))
    seen_by = runtime if body is None else RoleRuntime(runtime, app, {role_id: body})
    service = RecordService(seen_by, form, actor)
    access = service.access
    actions = [a for a in ACTIONS if access.allowed(a)]
    visible = access.visible()
    visible = form.active_ids if visible is None else visible
    # read-only: what the role may not change on a record it may edit (nothing when it edits none)
    writable = access.writable("update") if "update" in actions else None
    shown = [t for t in form.active if t.id in visible]
    out = {"role": role_id, "form": form_id, "form_label": form.label, "draft": body is not None,
           "user": {"id": user.id, "username": user.username}, "actions": actions,
           "columns": [_field(t) for t in shown],
           "hidden": [_field(t) for t in form.active if t.id not in visible],
           "readonly": [_field(t) for t in shown if writable is not None and t.id not in writable],
           "count": 0, "items": []}
    if "read" not in actions:
        return out
    expand = [t.id for t in shown if t.references is not None and t.in_row]
    listed = service.list(limit=limit, count="exact", expand=expand, sort=None)
    out["count"] = listed["count"]
    out["items"] = listed["items"]
    return out
