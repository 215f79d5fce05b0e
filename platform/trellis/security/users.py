"""User administration over Flask-AppBuilder's tables (ab_user, ab_role, ab_user_role): the
list with search and filters, creating a user with their departments and roles, changing
them, deactivating, resetting a password. Everything is written on the caller's
connection, so a user, their memberships, their settings and the audit entry land in one
transaction or not at all.

A user's display name is `last_name + first_name` (how the directory shows Chinese names);
a name written here goes whole into first_name. FAB requires a unique email: a user
without one gets `<username>@no-email.invalid` (a reserved domain) and is answered with
`email: null`.
"""
from __future__ import annotations

import re
import secrets
import string
from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from ..kernel.errors import FieldError, Forbidden, NotFound, ValidationFailed
from ..kernel.timestamps import stamp
from ..storage import models
from . import org, passwords

_FAB = sa.MetaData()  # Flask-AppBuilder's tables, as much of them as is read and written here
USERS = sa.Table("ab_user", _FAB, sa.Column("id", sa.Integer, sa.Sequence("ab_user_id_seq"), primary_key=True),
                 sa.Column("first_name", sa.String(64)), sa.Column("last_name", sa.String(64)),
                 sa.Column("username", sa.String(128)), sa.Column("password", sa.String(256)),
                 sa.Column("active", sa.Boolean), sa.Column("email", sa.String(320)),
                 sa.Column("last_login", sa.DateTime), sa.Column("fail_login_count", sa.Integer),
                 sa.Column("created_on", sa.DateTime), sa.Column("changed_on", sa.DateTime))
ROLES = sa.Table("ab_role", _FAB, sa.Column("id", sa.Integer, sa.Sequence("ab_role_id_seq"), primary_key=True),
                 sa.Column("name", sa.String(64)))
LINK = sa.Table("ab_user_role", _FAB, sa.Column("id", sa.Integer, sa.Sequence("ab_user_role_id_seq"), primary_key=True),
                sa.Column("user_id", sa.Integer), sa.Column("role_id", sa.Integer))
MEMBER = models.user_department
DEPT = models.department
SETTINGS = models.user_settings
NO_EMAIL = "@no-email.invalid"
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
WRITABLE = ("name", "email", "active", "departments", "roles")
MAX_PAGE = 200


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def generate_password(username: str | None = None, length: int = 12) -> str:
    """A password the policy accepts: letters and digits (no look-alikes), at least one of each."""
    letters = "".join(c for c in string.ascii_letters if c not in "lIO")
    digits = "23456789"
    while True:
        chars = [secrets.choice(letters + digits) for _ in range(length - 2)]
        chars += [secrets.choice(letters), secrets.choice(digits)]
        secrets.SystemRandom().shuffle(chars)
        out = "".join(chars)
        if not passwords.problems(out, username):
            return out


# -- reading ------------------------------------------------------------------------------

def display_name(row) -> str:
    return f"{row['last_name'] or ''}{row['first_name'] or ''}" or row["username"]


def _email(value: str | None) -> str | None:
    return None if not value or value.endswith(NO_EMAIL) else value


def _items(conn, rows: list) -> list[dict]:
    ids = [r["id"] for r in rows]
    depts: dict[int, list] = {i: [] for i in ids}
    roles: dict[int, list] = {i: [] for i in ids}
    must: dict[int, bool] = {}
    if ids:
        q = (sa.select(MEMBER.c.user_id, DEPT.c.id, DEPT.c.name, DEPT.c.name_en, MEMBER.c.is_primary)
             .join(DEPT, DEPT.c.id == MEMBER.c.department_id).where(MEMBER.c.user_id.in_(ids))
             .order_by(MEMBER.c.is_primary.desc(), DEPT.c.sort, DEPT.c.id))
        for uid, did, name, name_en, primary in conn.execute(q):
            depts[uid].append({"id": did, "name": name, "name_en": name_en, "is_primary": bool(primary)})
        q = (sa.select(LINK.c.user_id, ROLES.c.name).join(ROLES, ROLES.c.id == LINK.c.role_id)
             .where(LINK.c.user_id.in_(ids)).order_by(ROLES.c.name))
        for uid, name in conn.execute(q):
            roles[uid].append(name)
        q = sa.select(SETTINGS.c.user_id, SETTINGS.c.must_change_password).where(SETTINGS.c.user_id.in_(ids))
        must = {uid: bool(flag) for uid, flag in conn.execute(q)}
    return [{"id": r["id"], "username": r["username"], "name": display_name(r), "email": _email(r["email"]),
             "active": bool(r["active"]), "departments": depts[r["id"]], "roles": roles[r["id"]],
             "last_login": stamp(r["last_login"]), "created_on": stamp(r["created_on"]),
             "must_change_password": must.get(r["id"], False)} for r in rows]


def _columns():
    return (USERS.c.id, USERS.c.username, USERS.c.first_name, USERS.c.last_name, USERS.c.email, USERS.c.active,
            USERS.c.last_login, USERS.c.created_on)


def search_clause(q: str):
    """Username or name containing `q` (the name as shown: last name then first name)."""
    like = f"%{q}%"
    full = sa.func.coalesce(USERS.c.last_name, "") + sa.func.coalesce(USERS.c.first_name, "")
    return sa.or_(USERS.c.username.ilike(like), USERS.c.first_name.ilike(like), USERS.c.last_name.ilike(like),
                  full.ilike(like))


def list_users(conn, *, q: str | None = None, department: int | None = None, role: str | None = None,
               active: bool | None = None, limit: int = 50, offset: int = 0) -> dict:
    """`{"items", "total"}`; a department includes its sub-departments."""
    where = []
    if q:
        where.append(search_clause(q))
    if department is not None:
        tree = [dict(r) for r in conn.execute(sa.select(DEPT.c.id, DEPT.c.parent_id)).mappings()]
        under = org.descendants(tree, [department])
        where.append(USERS.c.id.in_(sa.select(MEMBER.c.user_id).where(MEMBER.c.department_id.in_(sorted(under)))))
    if role:
        where.append(USERS.c.id.in_(sa.select(LINK.c.user_id).join(ROLES, ROLES.c.id == LINK.c.role_id)
                                    .where(ROLES.c.name == role)))
    if active is not None:
        where.append(USERS.c.active.is_(True) if active else sa.or_(USERS.c.active.is_(False),
                                                                    USERS.c.active.is_(None)))
    total = conn.execute(sa.select(sa.func.count()).select_from(USERS).where(*where)).scalar_one()
    rows = conn.execute(sa.select(*_columns()).where(*where).order_by(USERS.c.id)
                        .limit(min(limit, MAX_PAGE)).offset(offset)).mappings().all()
    return {"items": _items(conn, rows), "total": total}


def get_user(conn, user_id: int) -> dict:
    row = conn.execute(sa.select(*_columns()).where(USERS.c.id == user_id)).mappings().first()
    if row is None:
        raise NotFound(f"用户 {user_id} 不存在", f"user {user_id} does not exist")
    return _items(conn, [row])[0]


def role_names(conn) -> list[str]:
    return list(conn.execute(sa.select(ROLES.c.name).order_by(ROLES.c.name)).scalars())


# -- checking what an administrator wrote ---------------------------------------------------

def _text(errors: list, body: dict, key: str, label: tuple[str, str], limit: int, required: bool):
    value = body.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            errors.append(FieldError(key, "required", f"{label[0]}必填", f"{label[1]} is required"))
        return None
    if not isinstance(value, str):
        errors.append(FieldError(key, "type", f"{label[0]}必须是文本", f"{label[1]} must be text"))
        return None
    value = value.strip()
    if len(value) > limit:
        errors.append(FieldError(key, "too_long", f"{label[0]}不能超过 {limit} 个字符",
                                 f"{label[1]} must be at most {limit} characters"))
        return None
    return value


def _taken(conn, column, value: str, user_id: int | None) -> bool:
    q = sa.select(USERS.c.id).where(sa.func.lower(column) == value.lower())
    if user_id is not None:
        q = q.where(USERS.c.id != user_id)
    return conn.execute(q).first() is not None


def _check_email(conn, errors: list, body: dict, user_id: int | None):
    email = _text(errors, body, "email", ("邮箱", "the email"), 320, required=False)
    if email is None:
        return None
    if not EMAIL.match(email) or email.lower().endswith(NO_EMAIL):
        errors.append(FieldError("email", "format", f"邮箱“{email}”格式不对", f"“{email}” is not an email address"))
    elif _taken(conn, USERS.c.email, email, user_id):
        errors.append(FieldError("email", "duplicate", f"邮箱 {email} 已被其他用户使用",
                                 f"the email {email} is used by another user"))
    return email


def _check_departments(conn, errors: list, value) -> list[int] | None:
    if value is None:
        return []
    if not isinstance(value, list) or not all(type(d) is int for d in value):
        errors.append(FieldError("departments", "type", "部门应为部门编号的列表", "departments must be a list of ids"))
        return None
    ids = list(dict.fromkeys(value))
    known = set(conn.execute(sa.select(DEPT.c.id).where(DEPT.c.id.in_(ids))).scalars()) if ids else set()
    missing = [d for d in ids if d not in known]
    if missing:
        errors.append(FieldError("departments", "unknown", f"部门 {missing[0]} 不存在",
                                 f"department {missing[0]} does not exist"))
        return None
    return ids


def _check_roles(conn, errors: list, value) -> dict[str, int] | None:
    if value is None:
        return {}
    if not isinstance(value, list) or not all(isinstance(r, str) for r in value):
        errors.append(FieldError("roles", "type", "角色应为角色名的列表", "roles must be a list of role names"))
        return None
    names = list(dict.fromkeys(value))
    known = dict(conn.execute(sa.select(ROLES.c.name, ROLES.c.id).where(ROLES.c.name.in_(names))).all()) \
        if names else {}
    missing = [r for r in names if r not in known]
    if missing:
        errors.append(FieldError("roles", "unknown", f"角色“{missing[0]}”不存在", f"role “{missing[0]}” does not exist"))
        return None
    return {n: known[n] for n in names}


def _check_password(errors: list, value, username: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(FieldError("password", "type", "密码必须是文本", "the password must be text"))
        return None
    found = passwords.problems(value, username)
    if found:
        errors.append(FieldError("password", "weak_password", ";".join(p[0] for p in found),
                                 "; ".join(p[1] for p in found)))
        return None
    return value


def _unknown_keys(body, allowed) -> list:
    if not isinstance(body, dict):
        return [FieldError("", "malformed", "请求体必须是对象", "the request body must be an object")]
    return [FieldError(k, "unknown", f"未知的属性 {k}", f"unknown key {k}") for k in sorted(set(body) - set(allowed))]


def check_new(conn, body, *, taken: set | None = None) -> tuple[dict, list]:
    """A new user's values and every problem with them (each naming its field). `taken`:
    usernames already claimed by earlier rows of the same import (lower case)."""
    errors = _unknown_keys(body, ("username", "name", "email", "departments", "roles", "password",
                                  "must_change_password"))
    if not isinstance(body, dict):
        return {}, errors
    username = _text(errors, body, "username", ("用户名", "the username"), 64, required=True)
    if username is not None:
        if not USERNAME.match(username):
            errors.append(FieldError("username", "format", "用户名须为 2-64 位字母、数字或 . _ - @,以字母或数字开头",
                                     "a username is 2-64 letters, digits or . _ - @, starting with a letter or digit"))
        elif _taken(conn, USERS.c.username, username, None) or username.lower() in (taken or set()):
            errors.append(FieldError("username", "duplicate", f"用户名 {username} 已存在",
                                     f"the username {username} is taken"))
    values = {"username": username,
              "name": _text(errors, body, "name", ("姓名", "the name"), 64, required=True),
              "email": _check_email(conn, errors, body, None),
              "departments": _check_departments(conn, errors, body.get("departments")),
              "roles": _check_roles(conn, errors, body.get("roles")),
              "password": _check_password(errors, body.get("password"), username)}
    must = body.get("must_change_password", True)
    if not isinstance(must, bool):
        errors.append(FieldError("must_change_password", "type", "must_change_password 必须是布尔值",
                                 "must_change_password must be a boolean"))
    values["must_change_password"] = must is not False
    return values, errors


# -- writing ------------------------------------------------------------------------------

def _set_roles(conn, user_id: int, role_ids: dict[str, int]) -> None:
    conn.execute(LINK.delete().where(LINK.c.user_id == user_id))
    for rid in role_ids.values():
        conn.execute(LINK.insert().values(user_id=user_id, role_id=rid))


def set_must_change(conn, user_id: int, flag: bool) -> None:
    updated = conn.execute(SETTINGS.update().where(SETTINGS.c.user_id == user_id)
                           .values(must_change_password=flag, updated_at=_now())).rowcount
    if not updated:
        conn.execute(SETTINGS.insert().values(user_id=user_id, must_change_password=flag, updated_at=_now()))


def insert_user(conn, values: dict, hashed: str | None = None) -> tuple[dict, str | None]:
    """Write a user checked by `check_new`: (the user, the generated password or None)."""
    generated = None
    password = values.get("password")
    if password is None:
        password = generated = generate_password(values["username"])
    now = _now()
    uid = conn.execute(USERS.insert().values(
        username=values["username"], first_name=values["name"], last_name="",
        email=values["email"] or f"{values['username']}{NO_EMAIL}", password=hashed or hash_password(password),
        active=True, created_on=now, changed_on=now).returning(USERS.c.id)).scalar_one()
    _set_roles(conn, uid, values["roles"] or {})
    if values["departments"]:
        org.set_user_departments(conn, uid, values["departments"], values["departments"][0])
    set_must_change(conn, uid, values["must_change_password"])
    return get_user(conn, uid), generated


def create_user(conn, body) -> tuple[dict, str | None]:
    values, errors = check_new(conn, body)
    if errors:
        raise ValidationFailed(errors)
    return insert_user(conn, values)


def _admin_role(conn, admin_role: str) -> int | None:
    return conn.execute(sa.select(ROLES.c.id).where(ROLES.c.name == admin_role)).scalar()


def update_user(conn, user_id: int, changes, *, caller_id: int, admin_role: str = "Admin") -> dict:
    """Change name, email, active, departments (the first is the primary one) and roles.
    An administrator cannot deactivate themselves or take away their own admin role."""
    before = get_user(conn, user_id)
    errors = _unknown_keys(changes, WRITABLE)
    if not isinstance(changes, dict):
        raise ValidationFailed(errors)
    values: dict = {}
    if "name" in changes:
        values["first_name"] = _text(errors, changes, "name", ("姓名", "the name"), 64, required=True)
        values["last_name"] = ""
    if "email" in changes:
        email = _check_email(conn, errors, changes, user_id)
        values["email"] = email or f"{before['username']}{NO_EMAIL}"
    if "active" in changes:
        if not isinstance(changes["active"], bool):
            errors.append(FieldError("active", "type", "active 必须是布尔值", "active must be a boolean"))
        values["active"] = changes["active"]
    depts = _check_departments(conn, errors, changes.get("departments")) if "departments" in changes else None
    roles = _check_roles(conn, errors, changes.get("roles")) if "roles" in changes else None
    if errors:
        raise ValidationFailed(errors)
    if user_id == caller_id and values.get("active") is False:
        raise Forbidden("不能停用自己的账号", "you cannot deactivate your own account", code="own_account",
                        details={"field": "active"})
    if user_id == caller_id and roles is not None and admin_role in before["roles"] and admin_role not in roles:
        raise Forbidden(f"不能移除自己的管理员角色({admin_role})", f"you cannot remove your own {admin_role} role",
                        code="own_account", details={"field": "roles"})
    if values:
        conn.execute(USERS.update().where(USERS.c.id == user_id).values(**values, changed_on=_now()))
    if roles is not None:
        _set_roles(conn, user_id, roles)
    if depts is not None:
        org.set_user_departments(conn, user_id, depts, depts[0] if depts else None)
    return get_user(conn, user_id)


def reset_password(conn, user_id: int, password=None, must_change: bool = True) -> str | None:
    """Set a new password (the given one, or a generated one, which is returned)."""
    user = get_user(conn, user_id)
    errors: list = []
    checked = _check_password(errors, password, user["username"])
    if errors:
        raise ValidationFailed(errors)
    generated = None if checked is not None else generate_password(user["username"])
    conn.execute(USERS.update().where(USERS.c.id == user_id).values(
        password=hash_password(checked or generated), fail_login_count=0, changed_on=_now()))
    set_must_change(conn, user_id, must_change)
    return generated
