"""The organization: departments (a tree), their managers and members, and the user
context row scopes read (`$user.department_tree`, `$user.subordinates`, ...).

Org trees are small, so a walk over the whole department table in Python is the plan:
one query for the tree, one for memberships.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ..storage import models
from ..kernel.errors import BadRequest, Conflict, NotFound
from ..forms.types.base import INT32_MAX
from ..kernel.timestamps import stamp

DEPT = models.department
MEMBER = models.user_department
USERS = sa.table("ab_user", sa.column("id", sa.Integer), sa.column("username", sa.String))
FIELDS = ("code", "name", "name_en", "parent_id", "manager_id", "sort")
NAMED = 10  # how many children / members a refusal names before "and N more"


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _row(r) -> dict:
    return {"id": r["id"], "parent_id": r["parent_id"], "code": r["code"], "name": r["name"],
            "name_en": r["name_en"], "manager_id": r["manager_id"], "sort": r["sort"],
            "created_at": stamp(r["created_at"])}


def _all(conn) -> list[dict]:
    return [_row(r) for r in conn.execute(sa.select(DEPT).order_by(DEPT.c.sort, DEPT.c.id)).mappings()]


def get(conn, dept_id: int) -> dict:
    r = conn.execute(sa.select(DEPT).where(DEPT.c.id == dept_id)).mappings().first()
    if r is None:
        raise NotFound(f"部门 {dept_id} 不存在", f"department {dept_id} does not exist")
    return _row(r)


def children_of(depts: list[dict]) -> dict:
    out: dict = {}
    for d in depts:
        out.setdefault(d["parent_id"], []).append(d["id"])
    return out


def descendants(depts_or_children, roots) -> set[int]:
    """The roots and every department below them."""
    children = depts_or_children if isinstance(depts_or_children, dict) else children_of(depts_or_children)
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        d = stack.pop()
        if d in seen:
            continue
        seen.add(d)
        stack.extend(children.get(d, ()))
    return seen


def tree(conn) -> list[dict]:
    """Every department, nested: each node carries `children` (ordered by sort, then id)."""
    depts = _all(conn)
    nodes = {d["id"]: {**d, "children": []} for d in depts}
    roots = []
    for d in depts:
        parent = nodes.get(d["parent_id"])
        (parent["children"] if parent else roots).append(nodes[d["id"]])
    return roots


# -- writes -------------------------------------------------------------------------------

def _text(value, name: str, limit: int, *, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise BadRequest(f"缺少 {name}", f"{name} is required", code="malformed", details={"field": name})
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{name} 必须是文本", f"{name} must be a string", code="malformed", details={"field": name})
    value = value.strip()
    if len(value) > limit:
        raise BadRequest(f"{name} 不能超过 {limit} 个字符", f"{name} must be at most {limit} characters",
                         code="malformed", details={"field": name})
    return value


def _int(value, name: str, *, nullable: bool = True) -> int | None:
    """A whole number that fits the INTEGER columns of the organization tables."""
    if value is None and nullable:
        return None
    if type(value) is not int or not -INT32_MAX - 1 <= value <= INT32_MAX:
        raise BadRequest(f"{name} 必须是 {-INT32_MAX - 1} 到 {INT32_MAX} 的整数",
                         f"{name} must be an integer from {-INT32_MAX - 1} to {INT32_MAX}", code="malformed",
                         details={"field": name})
    return value


def _check_code_free(conn, code: str, dept_id: int | None = None) -> None:
    q = sa.select(DEPT.c.id).where(DEPT.c.code == code)
    if dept_id is not None:
        q = q.where(DEPT.c.id != dept_id)
    if conn.execute(q).first() is not None:
        raise Conflict(f"部门编码 {code} 已存在", f"department code {code} already exists", code="duplicate")


def check_users(conn, user_ids) -> None:
    """Refuse ids of users who do not exist (when FAB's user table is there)."""
    ids = sorted(set(user_ids))
    if not ids or not sa.inspect(conn).has_table("ab_user"):
        return
    found = set(conn.execute(sa.select(USERS.c.id).where(USERS.c.id.in_(ids))).scalars())
    missing = [u for u in ids if u not in found]
    if missing:
        raise BadRequest(f"用户 {missing[0]} 不存在", f"user {missing[0]} does not exist", code="not_found",
                         details={"user_id": missing[0]})


def create(conn, *, code=None, name=None, name_en=None, parent_id=None, manager_id=None, sort=0) -> dict:
    values = {"code": _text(code, "code", 64, required=True), "name": _text(name, "name", 100, required=True),
              "name_en": _text(name_en, "name_en", 100, required=False),
              "parent_id": _int(parent_id, "parent_id"), "manager_id": _int(manager_id, "manager_id"),
              "sort": _int(sort, "sort", nullable=False)}
    _check_code_free(conn, values["code"])
    if values["parent_id"] is not None:
        get(conn, values["parent_id"])
    if values["manager_id"] is not None:
        check_users(conn, [values["manager_id"]])
    new_id = conn.execute(DEPT.insert().values(**values, created_at=_now()).returning(DEPT.c.id)).scalar_one()
    return get(conn, new_id)


def update(conn, dept_id: int, changes: dict) -> dict:
    """Rename (code, name, name_en), move (parent_id), set the manager, reorder (sort)."""
    unknown = sorted(set(changes) - set(FIELDS))
    if unknown:
        raise BadRequest(f"未知的部门属性:{', '.join(unknown)}", f"unknown department keys: {', '.join(unknown)}",
                         code="malformed")
    get(conn, dept_id)
    if "parent_id" in changes:
        move(conn, dept_id, changes["parent_id"])
    if "manager_id" in changes:
        set_manager(conn, dept_id, changes["manager_id"])
    values = {}
    if "code" in changes:
        values["code"] = _text(changes["code"], "code", 64, required=True)
        _check_code_free(conn, values["code"], dept_id)
    if "name" in changes:
        values["name"] = _text(changes["name"], "name", 100, required=True)
    if "name_en" in changes:
        values["name_en"] = _text(changes["name_en"], "name_en", 100, required=False)
    if "sort" in changes:
        values["sort"] = _int(changes["sort"], "sort", nullable=False)
    if values:
        conn.execute(DEPT.update().where(DEPT.c.id == dept_id).values(**values))
    return get(conn, dept_id)


def rename(conn, dept_id: int, name: str, name_en: str | None = None) -> dict:
    return update(conn, dept_id, {"name": name, "name_en": name_en})


def move(conn, dept_id: int, parent_id: int | None) -> dict:
    """Put a department under another (None: at the top); refuses to make a cycle."""
    dept = get(conn, dept_id)
    parent_id = _int(parent_id, "parent_id")
    if parent_id is not None:
        parent = get(conn, parent_id)
        if parent_id in descendants(_all(conn), [dept_id]):
            raise Conflict(f"不能把部门“{dept['name']}”移到它自己或它的下级部门“{parent['name']}”之下",
                           f"cannot move department “{dept['name']}” under itself or its own sub-department "
                           f"“{parent['name']}”", code="cycle")
    conn.execute(DEPT.update().where(DEPT.c.id == dept_id).values(parent_id=parent_id))
    return get(conn, dept_id)


def set_manager(conn, dept_id: int, user_id: int | None) -> dict:
    get(conn, dept_id)
    user_id = _int(user_id, "manager_id")
    if user_id is not None:
        check_users(conn, [user_id])
    conn.execute(DEPT.update().where(DEPT.c.id == dept_id).values(manager_id=user_id))
    return get(conn, dept_id)


def _named(names: list[str]) -> tuple[str, str]:
    shown = "、".join(names[:NAMED]), ", ".join(names[:NAMED])
    if len(names) > NAMED:
        return f"{shown[0]} 等 {len(names)} 个", f"{shown[1]} and {len(names) - NAMED} more"
    return shown


def usernames(conn, ids) -> dict[int, str]:
    ids = sorted(set(ids))
    if not ids or not sa.inspect(conn).has_table("ab_user"):
        return {}
    return dict(conn.execute(sa.select(USERS.c.id, USERS.c.username).where(USERS.c.id.in_(ids))).all())


def delete(conn, dept_id: int) -> None:
    """Delete a department; refused while it has sub-departments or members (named)."""
    dept = get(conn, dept_id)
    kids = conn.execute(sa.select(DEPT.c.name).where(DEPT.c.parent_id == dept_id)
                        .order_by(DEPT.c.sort, DEPT.c.id)).scalars().all()
    member_ids = conn.execute(sa.select(MEMBER.c.user_id).where(MEMBER.c.department_id == dept_id)
                              .order_by(MEMBER.c.user_id)).scalars().all()
    if kids or member_ids:
        names = usernames(conn, member_ids)
        zh, en = [], []
        if kids:
            k = _named(list(kids))
            zh.append(f"子部门:{k[0]}")
            en.append(f"sub-departments: {k[1]}")
        if member_ids:
            m = _named([names.get(u, f"#{u}") for u in member_ids])
            zh.append(f"成员:{m[0]}")
            en.append(f"members: {m[1]}")
        raise Conflict(f"部门“{dept['name']}”不能删除,它还有{';'.join(zh)}",
                       f"department “{dept['name']}” cannot be deleted while it has {'; '.join(en)}",
                       code="in_use", details={"children": list(kids), "members": list(member_ids)})
    conn.execute(DEPT.delete().where(DEPT.c.id == dept_id))


# -- members ------------------------------------------------------------------------------

def members(conn, dept_id: int) -> list[dict]:
    get(conn, dept_id)
    rows = conn.execute(sa.select(MEMBER.c.user_id, MEMBER.c.is_primary)
                        .where(MEMBER.c.department_id == dept_id).order_by(MEMBER.c.user_id)).mappings()
    rows = [dict(r) for r in rows]
    names = usernames(conn, [r["user_id"] for r in rows])
    return [{"user_id": r["user_id"], "username": names.get(r["user_id"]), "is_primary": bool(r["is_primary"])}
            for r in rows]


def _memberships(conn, user_ids) -> dict[int, dict[int, bool]]:
    out: dict[int, dict[int, bool]] = {u: {} for u in user_ids}
    if user_ids:
        q = sa.select(MEMBER.c.user_id, MEMBER.c.department_id, MEMBER.c.is_primary).where(
            MEMBER.c.user_id.in_(sorted(user_ids)))
        for uid, did, primary in conn.execute(q):
            out[uid][did] = bool(primary)
    return out


def _write_user(conn, user_id: int, wanted: dict[int, bool]) -> None:
    """Replace one user's memberships by `wanted` {department_id: is_primary} (one primary)."""
    conn.execute(MEMBER.delete().where(MEMBER.c.user_id == user_id))
    if wanted:
        conn.execute(MEMBER.insert(), [{"user_id": user_id, "department_id": d, "is_primary": p}
                                       for d, p in sorted(wanted.items())])


def _one_primary(wanted: dict[int, bool], prefer: int | None = None) -> dict[int, bool]:
    """Exactly one primary among a user's departments: keep `prefer` (or the one marked, or
    the lowest id) and clear the rest."""
    if not wanted:
        return wanted
    marked = [d for d, p in wanted.items() if p]
    keep = prefer if prefer in wanted else (marked[0] if marked else min(wanted))
    return {d: d == keep for d in wanted}


def set_user_departments(conn, user_id: int, department_ids, primary: int | None = None) -> list[dict]:
    """A user's departments, exactly one of them primary (`primary` may be left out when
    there is a single department)."""
    user_id = _int(user_id, "user_id", nullable=False)
    ids = [_int(d, "department_id", nullable=False) for d in (department_ids or [])]
    if len(set(ids)) != len(ids):
        raise BadRequest("部门重复", "a department is listed twice", code="malformed")
    if ids and primary is None and len(ids) == 1:
        primary = ids[0]
    if ids and primary not in ids:
        raise BadRequest("必须在所属部门中指定且只指定一个主部门",
                         "exactly one of the user's departments must be the primary one", code="primary")
    check_users(conn, [user_id])
    known = set(conn.execute(sa.select(DEPT.c.id).where(DEPT.c.id.in_(ids))).scalars()) if ids else set()
    missing = [d for d in ids if d not in known]
    if missing:
        raise NotFound(f"部门 {missing[0]} 不存在", f"department {missing[0]} does not exist")
    _write_user(conn, user_id, {d: d == primary for d in ids})
    return user_departments(conn, user_id)


def user_departments(conn, user_id: int) -> list[dict]:
    q = (sa.select(DEPT.c.id, DEPT.c.code, DEPT.c.name, MEMBER.c.is_primary)
         .join(MEMBER, MEMBER.c.department_id == DEPT.c.id).where(MEMBER.c.user_id == user_id)
         .order_by(MEMBER.c.is_primary.desc(), DEPT.c.sort, DEPT.c.id))
    return [{"id": r["id"], "code": r["code"], "name": r["name"], "is_primary": bool(r["is_primary"])}
            for r in conn.execute(q).mappings()]


def set_members(conn, dept_id: int, wanted: list) -> list[dict]:
    """Replace a department's members by `[{"user_id", "is_primary"}]`. A member marked
    primary gets this as their one primary department; a user whose primary department this
    was and who leaves it gets another of theirs as primary; a user's only department is
    their primary one."""
    get(conn, dept_id)
    if not isinstance(wanted, list):
        raise BadRequest("成员列表必须是数组", "members must be a list", code="malformed")
    new: dict[int, bool] = {}
    for i, m in enumerate(wanted):
        if not isinstance(m, dict) or set(m) - {"user_id", "is_primary", "username", "name"}:
            raise BadRequest(f"第 {i + 1} 个成员格式不对,应为 {{\"user_id\", \"is_primary\"}}",
                             f"member {i + 1} must be {{\"user_id\", \"is_primary\"}}", code="malformed")
        uid = _int(m.get("user_id"), "user_id", nullable=False)
        if uid in new:
            raise BadRequest(f"用户 {uid} 重复", f"user {uid} is listed twice", code="malformed")
        primary = m.get("is_primary", False)
        if not isinstance(primary, bool):
            raise BadRequest("is_primary 必须是布尔值", "is_primary must be a boolean", code="malformed")
        new[uid] = primary
    check_users(conn, new)
    old = set(conn.execute(sa.select(MEMBER.c.user_id).where(MEMBER.c.department_id == dept_id)).scalars())
    current = _memberships(conn, set(new) | old)
    for uid, mine in current.items():
        mine = dict(mine)
        if uid in new:
            mine[dept_id] = new[uid]
            # primary here, or else keep the primary the user has elsewhere
            prefer = dept_id if new[uid] else next((d for d, p in mine.items() if p and d != dept_id), None)
        else:
            mine.pop(dept_id, None)
            prefer = None
        fixed = _one_primary(mine, prefer)
        if fixed != current[uid]:
            _write_user(conn, uid, fixed)
    return members(conn, dept_id)


# -- the user context row scopes read -----------------------------------------------------

def user_context(conn, user_id: int, username: str | None = None) -> dict:
    """`{"id", "username", "department", "department_code", "departments", "department_tree",
    "subordinates"}` for row scopes; ids are sorted lists."""
    depts = _all(conn)
    by_id = {d["id"]: d for d in depts}
    children = children_of(depts)
    mine = dict(conn.execute(sa.select(MEMBER.c.department_id, MEMBER.c.is_primary)
                             .where(MEMBER.c.user_id == user_id)).all())
    primary = next((d for d, p in sorted(mine.items()) if p), None)
    managed = [d["id"] for d in depts if d["manager_id"] == user_id]
    subordinates: list[int] = []
    if managed:
        under = sorted(descendants(children, managed))
        q = sa.select(MEMBER.c.user_id).where(MEMBER.c.department_id.in_(under), MEMBER.c.user_id != user_id)
        subordinates = sorted(set(conn.execute(q).scalars()))
    if username is None:
        username = usernames(conn, [user_id]).get(user_id)
    return {"id": user_id, "username": username, "department": primary,
            "department_code": by_id[primary]["code"] if primary in by_id else None,
            "departments": sorted(mine), "department_tree": sorted(descendants(children, mine)),
            "subordinates": subordinates}
