"""Statements on the hot path (acting on a task, moving a run on, the write path's read-back),
run on SQLite without SQLAlchemy's per-execution work.

`Prepared(stmt)` compiles a Core statement once (its SQL text, parameter order, fixed
values, bind and result processors) and runs it on the driver's cursor of the caller's
connection, inside the transaction that connection began: the same SQL, the same stored
formats and the same values back as through Core, without the cache key, execution
context and result object each `conn.execute` builds. Elsewhere (PostgreSQL) it runs
through Core unchanged. Statements with expanding lists (`IN` of a bound list) are not
prepared; they raise at their first use.

    _GET = Prepared(sa.select(T).where(T.c.id == sa.bindparam("i")))
    row = _GET.first(conn, {"i": 7})

`savepoint(conn)` is `conn.begin_nested()` the same way: on SQLite the SAVEPOINT, RELEASE
and ROLLBACK TO statements go straight to the driver.
"""
from __future__ import annotations

from contextlib import contextmanager
from itertools import count

_SAVEPOINTS = count(1)


class Prepared:
    """`prepare=False`: always through Core (a statement built for one use, or one with an
    expanding list), so callers can hold either kind the same way."""
    __slots__ = ("stmt", "_plan", "_sqlite")

    def __init__(self, stmt, prepare: bool = True):
        self.stmt = stmt
        self._plan = None
        self._sqlite = "sqlite" if prepare else None

    # -- reading ----------------------------------------------------------------------------
    def all(self, conn, params: dict | None = None) -> list[dict]:
        if conn.dialect.name != self._sqlite:
            return [dict(r) for r in conn.execute(self.stmt, params or {}).mappings()]
        cur, keys, procs = self._execute(conn, params)
        try:
            rows = cur.fetchall()
        finally:
            cur.close()
        return [_row(r, keys, procs) for r in rows]

    def first(self, conn, params: dict | None = None) -> dict | None:
        if conn.dialect.name != self._sqlite:
            row = conn.execute(self.stmt, params or {}).mappings().first()
            return dict(row) if row is not None else None
        cur, keys, procs = self._execute(conn, params)
        try:
            row = cur.fetchone()
        finally:
            cur.close()
        return _row(row, keys, procs) if row is not None else None

    def scalar(self, conn, params: dict | None = None):
        if conn.dialect.name != self._sqlite:
            return conn.execute(self.stmt, params or {}).scalar()
        row = self.first(conn, params)
        return next(iter(row.values())) if row else None

    # -- writing ----------------------------------------------------------------------------
    def run(self, conn, params: dict | None = None) -> int:
        """An INSERT / UPDATE / DELETE; the number of rows it touched."""
        if conn.dialect.name != self._sqlite:
            return conn.execute(self.stmt, params or {}).rowcount
        cur, _keys, _procs = self._execute(conn, params)
        try:
            return cur.rowcount
        finally:
            cur.close()

    # -- the plan ---------------------------------------------------------------------------
    def _execute(self, conn, params: dict | None):
        sql, order, fixed, keys, procs = self._plan or self._prepare(conn.dialect)
        params = params or {}
        args = []
        for name, proc in order:
            value = params[name] if name in params else fixed[name]
            args.append(proc(value) if proc is not None else value)
        cur = conn.connection.driver_connection.cursor()  # inside the transaction the connection began
        try:
            cur.execute(sql, args)
        except BaseException:
            cur.close()
            raise
        return cur, keys, procs

    def _prepare(self, dialect) -> tuple:
        compiled = self.stmt.compile(dialect=dialect)
        if not compiled.positional or compiled.post_compile_params or compiled.literal_execute_params:
            raise ValueError("a prepared statement has no expanding parameters")
        binds = compiled._bind_processors
        fixed = compiled.construct_params(escape_names=False, _check=False)
        order = [(name, binds.get(name)) for name in compiled.positiontup]
        columns = compiled._result_columns
        keys = [c.keyname for c in columns]
        procs = [(i, p) for i, c in enumerate(columns)
                 if (p := c.type._cached_result_processor(dialect, None)) is not None]
        self._plan = (compiled.string, order, fixed, keys, procs)
        return self._plan


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
