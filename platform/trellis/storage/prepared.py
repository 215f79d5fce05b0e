"""Statements on the hot path (acting on a task, moving a run on, the write path's read-back,
a record's page), run without SQLAlchemy's per-execution work.

`Prepared(stmt)` compiles a Core statement once (its SQL text, parameter order, fixed
values, bind and result processors) and runs it on the driver's cursor of the caller's
connection, inside the transaction that connection began: the same SQL, the same stored
formats and the same values back as through Core, without the cache key, execution
context and result object each `conn.execute` builds. On PostgreSQL it does so when asked
(`postgresql=True`), on psycopg's raw cursor (`$n` parameters: psycopg parses no query
text, and prepares the statement on the server once it has run a few times on a
connection); otherwise it runs through Core unchanged there. Statements with expanding
lists (`IN` of a bound list) are not prepared; they raise at their first use.

    _GET = Prepared(sa.select(T).where(T.c.id == sa.bindparam("i")))
    row = _GET.first(conn, {"i": 7})

`savepoint(conn)` is `conn.begin_nested()` the same way: on SQLite the SAVEPOINT, RELEASE
and ROLLBACK TO statements go straight to the driver.
"""
from __future__ import annotations

from contextlib import contextmanager
from copy import copy
from itertools import count

_SAVEPOINTS = count(1)


class Prepared:
    """`prepare=False`: always through Core (a statement built for one use, or one with an
    expanding list), so callers can hold either kind the same way."""
    __slots__ = ("stmt", "_plans", "_on")

    def __init__(self, stmt, prepare: bool = True, postgresql: bool = False):
        self.stmt = stmt
        self._plans: dict[str, list] = {}  # dialect name -> [sql, parameters, keys, result processors, types]
        self._on = (("sqlite", "postgresql") if postgresql else ("sqlite",)) if prepare else ()

    def ready(self, dialect) -> "Prepared":
        """Compile it now (where it is prepared); one with an expanding list (a row scope's
        `IN` of a bound list) then runs through Core instead of raising at its first use."""
        if dialect.name in self._on and dialect.name not in self._plans:
            try:
                self._prepare(dialect)
            except ValueError:
                self._on = tuple(n for n in self._on if n != dialect.name)
        return self

    # -- reading ----------------------------------------------------------------------------
    def all(self, conn, params: dict | None = None) -> list[dict]:
        if conn.dialect.name not in self._on:
            return [dict(r) for r in conn.execute(self.stmt, params or {}).mappings()]
        cur, keys, procs = self._execute(conn, params)
        try:
            rows = cur.fetchall()
        finally:
            cur.close()
        return [_row(r, keys, procs) for r in rows]

    def first(self, conn, params: dict | None = None) -> dict | None:
        if conn.dialect.name not in self._on:
            row = conn.execute(self.stmt, params or {}).mappings().first()
            return dict(row) if row is not None else None
        cur, keys, procs = self._execute(conn, params)
        try:
            row = cur.fetchone()
        finally:
            cur.close()
        return _row(row, keys, procs) if row is not None else None

    def scalar(self, conn, params: dict | None = None):
        if conn.dialect.name not in self._on:
            return conn.execute(self.stmt, params or {}).scalar()
        row = self.first(conn, params)
        return next(iter(row.values())) if row else None

    # -- writing ----------------------------------------------------------------------------
    def run(self, conn, params: dict | None = None) -> int:
        """An INSERT / UPDATE / DELETE; the number of rows it touched."""
        if conn.dialect.name not in self._on:
            return conn.execute(self.stmt, params or {}).rowcount
        cur, _keys, _procs = self._execute(conn, params)
        try:
            return cur.rowcount
        finally:
            cur.close()

    # -- the plan ---------------------------------------------------------------------------
    def _execute(self, conn, params: dict | None):
        dialect = conn.dialect
        plan = self._plans.get(dialect.name) or self._prepare(dialect)
        sql, order, keys, procs, types = plan
        params = params or {}
        args = []
        for name, proc, ready in order:  # `ready`: the statement's own value, processed once
            if name in params:
                value = params[name]
                args.append(proc(value) if proc is not None else value)
            else:
                args.append(ready)
        driver = conn.connection.driver_connection  # inside the transaction the connection began
        if dialect.name == "postgresql":
            from psycopg import RawCursor

            cur = RawCursor(driver)
        else:
            cur = driver.cursor()
        try:
            cur.execute(sql, args)
        except BaseException:
            cur.close()
            raise
        if procs is None and cur.description is not None:  # PostgreSQL: by the types the server answers
            procs = plan[3] = [(i, p) for i, (t, d) in enumerate(zip(types, cur.description))
                               if (p := t._cached_result_processor(dialect, d.type_code)) is not None]
        return cur, keys, procs or ()

    def _prepare(self, dialect) -> list:
        target = dialect
        if dialect.name == "postgresql":  # positional `$n` parameters, psycopg's raw cursor's own
            target = copy(dialect)
            target.paramstyle, target.positional = "numeric_dollar", True
        compiled = self.stmt.compile(dialect=target)
        if not compiled.positional or compiled.post_compile_params or compiled.literal_execute_params:
            raise ValueError("a prepared statement has no expanding parameters")
        binds = compiled._bind_processors
        fixed = compiled.construct_params(escape_names=False, _check=False)
        order = []
        for name in compiled.positiontup:
            proc, value = binds.get(name), fixed[name]
            order.append((name, proc, proc(value) if proc is not None else value))
        columns = compiled._result_columns
        keys = [c.keyname for c in columns]
        types = [c.type for c in columns]
        procs = None if dialect.name == "postgresql" else [
            (i, p) for i, t in enumerate(types) if (p := t._cached_result_processor(dialect, None)) is not None]
        plan = self._plans[dialect.name] = [compiled.string, order, keys, procs, types]
        return plan


def _row(values, keys: list[str], procs: list) -> dict:
    if procs:
        values = list(values)
        for i, proc in procs:
            values[i] = proc(values[i])
    return dict(zip(keys, values))


@contextmanager
def savepoint(conn):
    """A savepoint in the caller's transaction: released when the block ends, rolled back
    to (and the exception raised on) when it raises."""
    if conn.dialect.name != "sqlite":
        with conn.begin_nested():
            yield
        return
    name = f"trellis_sp_{next(_SAVEPOINTS)}"
    cur = conn.connection.driver_connection.cursor()
    try:
        cur.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            cur.execute(f"ROLLBACK TO SAVEPOINT {name}")
            cur.execute(f"RELEASE SAVEPOINT {name}")
            raise
        cur.execute(f"RELEASE SAVEPOINT {name}")
    finally:
        cur.close()
