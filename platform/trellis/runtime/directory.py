"""Looking up people and departments by id: FAB's user table (None before the database is
initialised), the table a `references` kind points at, and the small {id, title, …}
objects that expanded values and history show."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models


class Directory:
    def __init__(self, engine):
        self.engine = engine
        self._users = None

    def user_table(self, conn=None) -> sa.Table | None:
        """FAB's user table; `conn`, when given, is the connection to look with (a request
        holds one connection at a time)."""
        if self._users is None:
            if not sa.inspect(conn if conn is not None else self.engine).has_table("ab_user"):
                return None
            md = sa.MetaData()
            self._users = sa.Table("ab_user", md, sa.Column("id", sa.Integer, primary_key=True),
                                   sa.Column("username", sa.String), sa.Column("first_name", sa.String),
                                   sa.Column("last_name", sa.String))
        return self._users

    def reference_table(self, kind: str) -> sa.Table | None:
        """The table a `references` kind other than "form" points at (users, departments)."""
        if kind == "user":
            return self.user_table()
        if kind == "department":
            return models.department
        raise KeyError(f"unknown reference kind {kind!r}")

    def titles(self, kind: str, conn, ids) -> dict[int, dict]:
        """Small objects for expansion: {"id", "title", ...} per user or department id."""
        if kind == "user":
            return self.users_by_id(conn, ids)
        t = models.department
        rows = conn.execute(sa.select(t.c.id, t.c.code, t.c.name).where(t.c.id.in_(list(ids)))).mappings()
        return {r["id"]: {"id": r["id"], "code": r["code"], "title": r["name"]} for r in rows}

    def users_by_id(self, conn, ids) -> dict[int, dict]:
        t = self.user_table(conn)
        if t is None:
            return {}
        rows = conn.execute(sa.select(t).where(t.c.id.in_(list(ids)))).mappings()
        return {r["id"]: {"id": r["id"], "username": r["username"],
                          "title": f"{r['last_name'] or ''}{r['first_name'] or ''}" or r["username"]} for r in rows}
