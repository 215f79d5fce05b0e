"""Explain a user's access to one record: for each action, which roles grant it and
whether the record lies in each role's scope; for each field, who makes it visible,
hidden or read-only. For admins debugging a permission."""
from __future__ import annotations

import sqlalchemy as sa

from .access import ACTIONS, Access
from .roles import fab_role_name


def explain(runtime, app: str, form_id: str, record_id: int, actor) -> dict:
    form = runtime.form(app, form_id)
    access = runtime.access(actor, form)
    t = form.table
    with runtime.engine.connect() as conn:
        exists = conn.execute(sa.select(sa.func.count()).select_from(t).where(t.c.id == record_id)).scalar() > 0

        def in_scope(grant) -> bool:
            if grant.get("scope") in (None, True, {}):
                return True
            cond = access.compile_scope(grant["scope"])
            q = sa.select(sa.func.count()).select_from(t).where(t.c.id == record_id, cond)
            return conn.execute(q).scalar() > 0

        held = [rid for rid in runtime.roles_of(app) if fab_role_name(app, rid) in actor.roles]
        out = {"user": {"id": actor.id, "username": actor.username, "admin": access.unrestricted},
               "form": form_id, "record": record_id, "exists": exists, "roles": held,
               "actions": {}, "fields": {}}
        for action in ACTIONS:
            detail = []
            for rid, grant in access.grants or []:
                grants = action in grant.get("actions", ())
                detail.append({"role": rid, "grants": grants, "in_scope": in_scope(grant) if grants and exists else None,
                               "scope": grant.get("scope")})
            allowed = access.unrestricted or any(d["grants"] and d["in_scope"] for d in detail)
            out["actions"][action] = {"allowed": bool(allowed and exists), "roles": detail,
                                      "reason": _reason(access, detail, exists)}
        for f in form.active:
            out["fields"][f.id] = _field(access, f.id)
    return out


def _reason(access: Access, detail: list, exists: bool) -> str:
    if not exists:
        return "no such record"
    if access.unrestricted:
        return "administrator"
    if not detail:
        return "no role of the user covers this form"
    if not any(d["grants"] for d in detail):
        return "no role grants this action"
    if not any(d["grants"] and d["in_scope"] for d in detail):
        return "the record is outside every granting role's scope"
    return "granted by " + ", ".join(d["role"] for d in detail if d["grants"] and d["in_scope"])


def _field(access: Access, fid: str) -> dict:
    if access.unrestricted:
        return {"visible": True, "writable": True, "visible_by": ["*"], "hidden_by": [], "readonly_by": []}
    visible_by, hidden_by, readonly_by = [], [], []
    for rid, grant in access.grants:
        if fid in access._hidden(grant):
            hidden_by.append(rid)
        elif "read" in grant.get("actions", ()):
            visible_by.append(rid)
        if grant.get("fields", {}).get(fid) == "readonly":
            readonly_by.append(rid)
    writable = fid in (access.writable("update") or set())
    return {"visible": bool(visible_by), "writable": writable, "visible_by": visible_by,
            "hidden_by": hidden_by, "readonly_by": readonly_by}
