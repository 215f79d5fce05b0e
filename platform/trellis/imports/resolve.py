"""Reading the cells of reference fields: a spreadsheet names people, departments and
related records, the record service wants their ids.

- user: login name (case-insensitive), full name ("张三", "三 张", "John Smith"), e-mail,
  or the id as a number;
- department: name (zh or en), code, or the id as a number;
- relation: the target form's display field (the relation's `display_field`, else the
  target's title field) or a chosen key field (`match`, e.g. a unique code); a whole
  number that matches nothing is read as the record's id. Only records the importing
  user may read are found.

Users and departments are read once per run (they are few); related records once per
chunk, one query per relation column for the chunk's distinct values. A name matching
nothing, or several people / records, is a problem of that row naming the field.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models
from ..storage.binding import among, batch, chunks
from ..records.guarded import GuardedQuery
from ..records.validation import field_error
from .mapping import normalize

KINDS = ("user", "department", "form")
USERS = sa.table("ab_user", sa.column("id"), sa.column("username"), sa.column("first_name"), sa.column("last_name"),
                 sa.column("email"))


def _whole(value) -> int | None:
    t = type(value)
    if t is int and value > 0:
        return value
    if t is float and value.is_integer() and value > 0:
        return int(value)
    if t is str:
        s = value.strip()
        if s.startswith("#"):
            s = s[1:]
        if s.isascii() and s.isdigit() and int(s) > 0:
            return int(s)
    return None


class References:
    """Resolves the reference columns of one import run (see the module docstring)."""

    def __init__(self, runtime, service, match: dict[str, str] | None = None):
        self.runtime = runtime
        self.service = service
        self.form = service.form
        self.match = match or {}
        self._users: dict | None = None
        self._departments: dict | None = None

    def fields(self, names: list[str]) -> list:
        return [t for t in (self.form.field(n) for n in names) if t is not None and t.references in KINDS]

    # -- lookup tables ----------------------------------------------------------------
    def _user_index(self, conn) -> dict:
        if self._users is None:
            index: dict[str, set] = {}
            if self.runtime.user_table() is not None:
                t = USERS
                rows = conn.execute(sa.select(t.c.id, t.c.username, t.c.first_name, t.c.last_name, t.c.email)).all()
                for uid, username, first, last, mail in rows:
                    names = {username, mail, f"{last or ''}{first or ''}", f"{first or ''}{last or ''}"}
                    for name in names:
                        key = normalize(name)
                        if key:
                            index.setdefault(key, set()).add(uid)
                for uid, username, *_ in rows:  # a login name wins over someone else's full name
                    index[normalize(username)] = {uid}
            self._users = index
        return self._users

    def _department_index(self, conn) -> dict:
        if self._departments is None:
            d = models.department
            index: dict[str, set] = {}
            for did, code, name, name_en in conn.execute(sa.select(d.c.id, d.c.code, d.c.name, d.c.name_en)):
                for text in (name, name_en):
                    key = normalize(text)
                    if key:
                        index.setdefault(key, set()).add(did)
            for did, code in conn.execute(sa.select(d.c.id, d.c.code)):
                index[normalize(code)] = {did}
            self._departments = index
        return self._departments

    def _records(self, conn, t, texts: set) -> dict[str, set]:
        """normalized text -> ids of live, readable records of the relation's target."""
        svc = self.service
        related = GuardedQuery.of(self.runtime, self.form, svc.access, svc.actor).related(t.id)
        target = related.form
        match = self.match.get(t.id) or t.display_field or target.title_field
        table = target.table
        if match == "id" or match not in table.c:
            return {}
        col = table.c[match]
        mt = target.field(match)
        wanted: dict = {}
        for text in texts:
            value = text
            if mt is not None and mt.key != "text":
                try:
                    value = mt.coerce(text)
                    value = mt.to_db(value) if value is not None else None
                except Exception:  # not a value of that field: it matches nothing
                    continue
            if value is not None:
                wanted.setdefault(value, set()).add(text)
        q = related.filter_sql(among(conn, col)).statement(table.c.id, col)
        out: dict[str, set] = {}
        for part in chunks(list(wanted), batch(conn)):
            for rid, value in conn.execute(q, {"values": part}):
                for text in wanted.get(value, ()):
                    out.setdefault(text, set()).add(rid)
        return out

    # -- one column of a chunk ------------------------------------------------------------
    def column(self, conn, t, values: list, labels: list, refuse) -> list:
        """The column with names replaced by ids; `refuse(i, error)` records a problem of
        row i (its cell becomes None)."""
        texts = {v.strip() for v in values if type(v) is str and v.strip()}
        if not texts:
            return values
        if t.references == "user":
            index = self._user_index(conn)
            found = {s: index.get(normalize(s), set()) for s in texts}
            what = ("用户", "user", "请改用登录名", "use the login name")
        elif t.references == "department":
            index = self._department_index(conn)
            found = {s: index.get(normalize(s), set()) for s in texts}
            what = ("部门", "department", "请改用部门编码", "use the department code")
        else:
            found = self._records(conn, t, texts)
            what = ("记录", "record", "请改用唯一字段匹配", "match by a unique field")
        out = list(values)
        for i, v in enumerate(values):
            if type(v) is not str:
                continue
            s = v.strip()
            if not s:
                out[i] = None
                continue
            ids = found.get(s) or set()
            if len(ids) == 1:
                out[i] = next(iter(ids))
            elif len(ids) > 1:
                shown = "、".join(str(x) for x in sorted(ids)[:5])
                refuse(i, field_error(self.form, t.id, "ambiguous",
                                      f"“{s}”对应多个{what[0]}(编号 {shown}),{what[2]}",
                                      f"“{s}” matches several {what[1]}s (ids {shown}); {what[3]}", labels[i]))
                out[i] = None
            elif _whole(s) is not None:
                out[i] = _whole(s)  # an id: the record service checks that it exists
            else:
                refuse(i, field_error(self.form, t.id, "not_found", f"找不到{what[0]}“{s}”",
                                      f"no {what[1]} “{s}” found", labels[i]))
                out[i] = None
        return out
