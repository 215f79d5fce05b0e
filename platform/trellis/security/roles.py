"""App roles as metadata (kind "role", `metadata/role.schema.json`).

The publish hook checks a role against the app's published forms (every form, field and
scope variable must exist; a relation path `client.account_manager` must follow a
relation field) and makes sure the matching Flask-AppBuilder role `<app>.<role>` exists,
so FAB's own security API keeps working and users get app roles as FAB roles.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from ..kernel.errors import DefinitionInvalid, bilingual
from ..forms.model import SYSTEM_FIELDS
from ..logic import LogicError, rule_vars
from ..logic.limits import check_rule_size

USER_VARS = ("id", "username", "department", "department_code", "departments", "department_tree", "subordinates")


def fab_role_name(app: str, role_id: str) -> str:
    return f"{app}.{role_id}"


def _problem(pointer: str, zh: str, en: str, code: str = "unknown_field") -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}")}


def _fields(store, conn, app: str, form_id: str) -> dict | None:
    found = store.published(app, "form", form_id, conn)
    if found is None:
        return None
    return {f["id"]: f for f in found[0].get("fields", []) if not f.get("deleted")}


def scope_problems(store, conn, app: str, fields: dict | None, scope, pointer: str) -> list[dict]:
    """Every variable of a scope must be a `$user.*` variable, a field (or system field) of
    the form, or a relation path `<relation field>.<field of the target>`; the rule must be
    within the size limits of a condition compiled to SQL."""
    try:
        check_rule_size(scope)
    except LogicError as e:
        return [_problem(pointer, e.message["zh"], e.message["en"], e.code)]
    problems = []
    for name in sorted(rule_vars(scope)):
        head, _, rest = name.partition(".")
        if head == "$user":
            if rest not in USER_VARS:
                problems.append(_problem(pointer, f"未知的用户变量 {name}(可用:{', '.join(USER_VARS)})",
                                         f"unknown user variable {name} (known: {', '.join(USER_VARS)})", "unknown_variable"))
            continue
        if head in SYSTEM_FIELDS and not rest:
            continue
        if fields is None or head not in fields:
            problems.append(_problem(pointer, f"数据范围引用了未知字段 {name}", f"scope names unknown field {name}"))
            continue
        if rest:
            f = fields[head]
            target = _fields(store, conn, app, f.get("target", "")) if f.get("type") == "relation" else None
            if target is None or (rest not in target and rest not in SYSTEM_FIELDS):
                problems.append(_problem(pointer, f"{name} 不是“关联字段.目标字段”", f"{name} is not <relation field>.<target field>"))
    return problems


def check_role(conn, app: str, body: dict, previous: dict | None, store) -> dict:
    problems = []
    for form_id, grant in (body.get("forms") or {}).items():
        ptr = f"/forms/{form_id}"
        fields = _fields(store, conn, app, form_id)
        if fields is None:
            problems.append(_problem(ptr, f"表单 {form_id} 不存在或未发布", f"form {form_id} does not exist or is not published",
                                     "unknown_form"))
            continue
        for key in grant.get("fields", {}):
            if key not in fields:
                problems.append(_problem(f"{ptr}/fields/{key}", f"未知字段 {key}", f"unknown field {key}"))
        for i, key in enumerate(grant.get("visible", [])):
            if key not in fields:
                problems.append(_problem(f"{ptr}/visible/{i}", f"未知字段 {key}", f"unknown field {key}"))
        if grant.get("scope") is not None:
            problems += scope_problems(store, conn, app, fields, grant["scope"], f"{ptr}/scope")
    default = body.get("all_forms")
    if default and default.get("scope") is not None:
        problems += scope_problems(store, conn, app, {}, default["scope"], "/all_forms/scope")
    if default and (default.get("fields") or default.get("visible")):
        problems.append(_problem("/all_forms", "字段权限只能按表单设置", "field permissions are set per form", "invalid"))
    if problems:
        raise DefinitionInvalid(problems)
    ensure_fab_role(conn, fab_role_name(app, body["id"]))
    return body


def ensure_fab_role(conn, name: str) -> int:
    roles = fab_models.Role.__table__
    if not sa.inspect(conn).has_table("ab_role"):
        return None
    rid = conn.execute(sa.select(roles.c.id).where(roles.c.name == name)).scalar()
    if rid is None:
        rid = conn.execute(roles.insert().values(name=name).returning(roles.c.id)).scalar_one()
    return rid
