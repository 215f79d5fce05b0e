"""Who a message goes to. A recipient spec names
- a user: {"user": id};
- a role of the app: {"role": "account_manager"} (its members);
- a department: {"department": id} (its members) or {"department": id, "head": true} (its head);
- a user field of the record: {"field": "account_manager"};
- the client themself: {"client": true}: the record's contact fields (email, mobile, WeCom /
  DingTalk id, preferred channels), found by the routing's `contacts` or by field type;
- a fixed address: {"address": "ops@example.com", "channel": "email"}.
Each resolves to recipients {"kind", "key", "name", "user_id", "lang", "contacts",
"preference"}; `key` identifies the recipient across messages (caps, dedupe, signals)."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import BadRequest
from ..security.roles import fab_role_name
from ..storage import models

USERS = sa.table("ab_user", sa.column("id"), sa.column("username"), sa.column("first_name"),
                 sa.column("last_name"), sa.column("email"), sa.column("active"))
ROLES = sa.table("ab_role", sa.column("id"), sa.column("name"))
USER_ROLES = sa.table("ab_user_role", sa.column("user_id"), sa.column("role_id"))
KINDS = ("user", "role", "department", "field", "client", "address")


def _bad(zh: str, en: str, index: int):
    return BadRequest(f"收件人 #{index + 1}:{zh}", f"recipient #{index + 1}: {en}", code="bad_recipient",
                      details={"field": f"recipients[{index}]"})


def users(conn, ids, cache: dict | None = None) -> list[dict]:
    """Active users by id as recipients; `cache` (id -> recipient or None) spares a batch
    the same lookups."""
    ids = sorted({int(i) for i in ids if i is not None})
    cache = {} if cache is None else cache
    missing = [i for i in ids if i not in cache]
    if missing:
        for i in missing:
            cache[i] = None
        for r in conn.execute(sa.select(USERS).where(USERS.c.id.in_(missing))).mappings():
            if r["active"] is False:
                continue
            name = f"{r['last_name'] or ''}{r['first_name'] or ''}" or r["username"]
            cache[r["id"]] = {"kind": "user", "key": f"user:{r['id']}", "name": name, "user_id": r["id"], "lang": "zh",
                              "contacts": {"user": str(r["id"]), "email": r["email"] or None}, "preference": []}
    return [cache[i] for i in ids if cache.get(i) is not None]


def _role_members(conn, app: str, role: str) -> list[int]:
    stmt = (sa.select(USER_ROLES.c.user_id).join(ROLES, ROLES.c.id == USER_ROLES.c.role_id)
            .where(ROLES.c.name == fab_role_name(app, role)))
    return list(conn.execute(stmt).scalars())


def _department(conn, dept: int, head: bool) -> list[int]:
    if head:
        found = conn.execute(sa.select(models.department.c.manager_id).where(models.department.c.id == dept)).scalar()
        return [found] if found else []
    m = models.user_department
    return list(conn.execute(sa.select(m.c.user_id).where(m.c.department_id == dept)).scalars())


def client(form, raw: dict, shown: dict, contacts: dict | None, form_id: str, preference_map=None) -> list[dict]:
    """The record's own contacts (the client): fields named by `contacts`, else the first
    field of type email / mobile; their preferred channels through `preference_map`."""
    if form is None or not raw:
        return []
    mapping = dict(contacts or {})
    for t in form.active:
        if t.key in ("email", "mobile") and t.key not in mapping:
            mapping[t.key] = t.id
    found = {medium: raw.get(fid) for medium, fid in mapping.items() if medium != "preference" and raw.get(fid)}
    preference = raw.get(mapping["preference"]) if mapping.get("preference") else None
    preference = list(preference) if isinstance(preference, list) else ([preference] if preference else [])
    preference = [(preference_map or {}).get(p, p) for p in preference]
    name = shown.get(form.title_field) if form.title_field else None
    return [{"kind": "record", "key": f"record:{form_id}:{raw.get('id')}", "name": name or str(raw.get("id")),
             "user_id": None, "lang": "zh", "contacts": {k: str(v) for k, v in found.items()},
             "preference": list(dict.fromkeys(preference))}]


def resolve(conn, app: str, specs, *, form=None, form_id=None, raw=None, shown=None, contacts=None,
            preference_map=None, cache: dict | None = None) -> list[dict]:
    """Every recipient of `specs`, each once (the first spec naming them wins); `cache`:
    a dict kept across the records of one batch (users, role members)."""
    cache = {} if cache is None else cache
    known = cache.setdefault("users", {})
    if not isinstance(specs, list) or not specs:
        raise BadRequest("至少需要一个收件人", "at least one recipient is needed", code="bad_recipient",
                         details={"field": "recipients"})
    out: dict[str, dict] = {}
    for i, spec in enumerate(specs):
        if not isinstance(spec, dict) or not any(k in spec for k in KINDS):
            raise _bad(f"应为 {{{'|'.join(KINDS)}: …}} 之一", f"is one of {{{'|'.join(KINDS)}: …}}", i)
        if "user" in spec:
            found = users(conn, [_int(spec["user"], i)], known)
        elif "role" in spec:
            role = ("role", str(spec["role"]))
            if role not in cache:
                cache[role] = _role_members(conn, app, role[1])
            found = users(conn, cache[role], known)
        elif "department" in spec:
            dept = ("department", _int(spec["department"], i), bool(spec.get("head")))
            if dept not in cache:
                cache[dept] = _department(conn, dept[1], dept[2])
            found = users(conn, cache[dept], known)
        elif "field" in spec:
            t = form.field(spec["field"]) if form is not None else None
            if t is None or t.references != "user":
                raise _bad(f"{spec['field']} 不是记录的用户字段", f"{spec['field']} is not a user field of the record", i)
            found = users(conn, [(raw or {}).get(spec["field"])], known)
        elif "client" in spec:
            if form is None:
                raise _bad("发给客户本人需要一条记录", "sending to the client needs a record", i)
            found = client(form, raw or {}, shown or {}, spec.get("contacts") or contacts, form_id, preference_map)
        else:
            address, channel = spec.get("address"), spec.get("channel")
            if not isinstance(address, str) or not address.strip() or not isinstance(channel, str):
                raise _bad("固定地址需要 address 和 channel", "a fixed address needs address and channel", i)
            found = [{"kind": "address", "key": f"address:{channel}:{address.strip()}", "name": address.strip(),
                      "user_id": None, "lang": spec.get("lang") or "zh", "contacts": {"*": address.strip()},
                      "preference": [channel]}]
        for r in found:
            out.setdefault(r["key"], r)
    return list(out.values())


def _int(value, index: int) -> int:
    """A user or department id: a whole number of 32 bits (their columns' size)."""
    if type(value) is str and value.strip().isdigit() and len(value.strip()) <= 10:
        value = int(value.strip())
    if type(value) is not int or not 0 < value < 2 ** 31:
        raise _bad(f"{str(value)[:40]!r} 不是有效的编号", f"{str(value)[:40]!r} is not a valid id", index)
    return value
