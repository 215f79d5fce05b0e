"""Who a human step goes to (审批人 / 办理人 / 抄送人): approver sources, each resolved to
active user ids, in the order written and without repeats.

- {"type": "user", "user": id or username};
- {"type": "role", "role": "risk_officer"}: the members of the app's role;
- {"type": "department_head", "levels": N, "of"?: a user field}: the head of the
  initiator's (or the field's user's) primary department, N levels up (1: their own
  department's head; a head who is that user goes one level further up);
- {"type": "field", "field": "account_manager"}: a user field of the record;
- {"type": "manager"}: the initiator's manager (department_head with levels 1);
- {"type": "initiator_choice"}: users the initiator picked when submitting
  (`$vars.approvers.<node id>`).

`SOURCE` is the JSON Schema of one source, shared by the approval, handle and cc nodes
and by an SLA's transfer target."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models
from ..storage.prepared import Prepared
from .acting import ID, USER_ID, has_table, members, titled

SOURCE = {"oneOf": [
    {"type": "object", "required": ["type", "user"], "additionalProperties": False,
     "properties": {"type": {"const": "user"}, "user": {"oneOf": [USER_ID, {"type": "string", "minLength": 1,
                                                                            "maxLength": 64}]}}},
    {"type": "object", "required": ["type", "role"], "additionalProperties": False,
     "properties": {"type": {"const": "role"}, "role": ID}},
    {"type": "object", "required": ["type"], "additionalProperties": False,
     "properties": {"type": {"const": "department_head"}, "levels": {"type": "integer", "minimum": 1, "maximum": 10},
                    "of": ID}},
    {"type": "object", "required": ["type", "field"], "additionalProperties": False,
     "properties": {"type": {"const": "field"}, "field": ID}},
    {"type": "object", "required": ["type"], "additionalProperties": False,
     "properties": {"type": {"const": "manager"}}},
    {"type": "object", "required": ["type"], "additionalProperties": False,
     "properties": {"type": {"const": "initiator_choice"}}},
]}
SOURCES = titled({"type": "array", "minItems": 1, "maxItems": 20, "items": SOURCE}, "处理人", "Assignees")
USERS = sa.table("ab_user", sa.column("id"), sa.column("username"), sa.column("active"))
DEPT, MEMBER = models.department, models.user_department


def resolve(conn, app: str, sources: list, *, record: dict | None, initiator: int | None, node_id: str,
            variables: dict | None = None) -> list[int]:
    """The active users the sources name, in order, each once."""
    out: list[int] = []
    for src in sources or []:
        for uid in _one(conn, app, src, record or {}, initiator, node_id, variables or {}):
            if uid is not None and uid not in out:
                out.append(uid)
    return _active(conn, out)


def _one(conn, app, src: dict, record: dict, initiator, node_id, variables) -> list:
    kind = src.get("type")
    if kind == "user":
        return [_user_id(conn, src["user"])]
    if kind == "role":
        return members(conn, app, {"role": src["role"]})
    if kind in ("department_head", "manager"):
        whose = _field_users(record, src["of"])[:1] if src.get("of") else [initiator]
        return [head_of(conn, whose[0], src.get("levels", 1))] if whose and whose[0] else []
    if kind == "field":
        return _field_users(record, src["field"])
    if kind == "initiator_choice":
        chosen = (variables.get("approvers") or {}).get(node_id) or []
        return [int(v) for v in (chosen if isinstance(chosen, list) else [chosen]) if str(v).isdigit()]
    return []


def _field_users(record: dict, field: str) -> list[int]:
    value = record.get(field)
    values = value if isinstance(value, list) else [value]
    return [int(v) for v in values if isinstance(v, int) or (isinstance(v, str) and v.isdigit())]


_BY_NAME = Prepared(sa.select(USERS.c.id).where(USERS.c.username == sa.bindparam("u")))
_ONE_ACTIVE = Prepared(sa.select(USERS.c.active).where(USERS.c.id == sa.bindparam("i")))


def _user_id(conn, user) -> int | None:
    if isinstance(user, int):
        return user
    return _BY_NAME.scalar(conn, {"u": user})


def _active(conn, ids: list[int]) -> list[int]:
    if not ids or not has_table(conn, "ab_user"):
        return ids
    if len(ids) == 1:  # a step's usual case
        row = _ONE_ACTIVE.first(conn, {"i": ids[0]})
        return ids if row is not None and _on(row["active"]) else []
    active = {r.id for r in conn.execute(sa.select(USERS.c.id, USERS.c.active).where(USERS.c.id.in_(ids)))
              if _on(r.active)}
    return [i for i in ids if i in active]


def _on(active) -> bool:
    """An account is active unless marked otherwise (SQLite keeps the flag as 0 / 1)."""
    return active is None or bool(active)


def head_of(conn, user_id: int, levels: int = 1) -> int | None:
    """The head of the user's primary department, `levels` up (skipping the user themself)."""
    depts = {r.id: (r.parent_id, r.manager_id) for r in conn.execute(sa.select(DEPT.c.id, DEPT.c.parent_id,
                                                                                DEPT.c.manager_id))}
    mine = conn.execute(sa.select(MEMBER.c.department_id).where(MEMBER.c.user_id == user_id)
                        .order_by(MEMBER.c.is_primary.desc(), MEMBER.c.department_id)).scalar()
    dept, left, seen = mine, max(1, int(levels)), set()
    while dept is not None and dept in depts and dept not in seen:
        seen.add(dept)
        parent, head = depts[dept]
        if head is not None and head != user_id:
            left -= 1
            if left == 0:
                return head
        dept = parent
    return None


def admins(conn) -> list[int]:
    """The instance's administrators (FAB role Admin): where an approver-less step goes."""
    roles = sa.table("ab_role", sa.column("id"), sa.column("name"))
    user_roles = sa.table("ab_user_role", sa.column("user_id"), sa.column("role_id"))
    if not has_table(conn, "ab_role"):
        return []
    stmt = (sa.select(user_roles.c.user_id).join(roles, roles.c.id == user_roles.c.role_id)
            .where(roles.c.name == "Admin").order_by(user_roles.c.user_id))
    return _active(conn, list(conn.execute(stmt).scalars()))


def describe(src: dict) -> tuple[str, str]:
    kind = src.get("type")
    if kind == "user":
        return f"用户 {src.get('user')}", f"user {src.get('user')}"
    if kind == "role":
        return f"角色 {src.get('role')}", f"role {src.get('role')}"
    if kind == "department_head":
        n, of = src.get("levels", 1), src.get("of")
        return (f"{'字段 ' + of + ' 中的人' if of else '发起人'}的第 {n} 级部门负责人",
                f"the department head of {'the user in ' + of if of else 'the initiator'}, {n} level(s) up")
    if kind == "field":
        return f"字段 {src.get('field')} 中的人", f"the user in field {src.get('field')}"
    if kind == "manager":
        return "发起人的上级", "the initiator's manager"
    if kind == "initiator_choice":
        return "发起人自选", "chosen by the initiator"
    return "?", "?"
