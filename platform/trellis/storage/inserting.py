"""Fast batch inserts: ids are reserved first (so no RETURNING is needed), then the rows go
to the driver in one call (SQLite: executemany; PostgreSQL: COPY), with SQLAlchemy's own
per-type bind processors applied once per value (the stored format is the same as
through Core). Rows come as dicts (`insert_many`) or as columns (`insert_columns`, the
record service's path: no dict per row is built for the driver)."""
from __future__ import annotations

from itertools import repeat

import sqlalchemy as sa


def reserve_ids(conn, table: sa.Table, n: int) -> list[int]:
    """n new ids for `table`, inside the caller's (write-locked) transaction."""
    if conn.dialect.name == "postgresql":
        rows = conn.execute(sa.text("SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)"),
                            {"t": table.name, "n": n}).scalars()
        return list(rows)
    top = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar()
    return list(range(top + 1, top + n + 1))


def after_explicit_ids(conn, table: sa.Table) -> None:
    """Move PostgreSQL's id sequence past ids inserted explicitly (seeds, imports)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence(:t, 'id'), "
                             f"(SELECT coalesce(max(id), 1) FROM {conn.dialect.identifier_preparer.quote(table.name)}))"),
                     {"t": table.name})


def insert_many(conn, table: sa.Table, rows: list[dict], raw: tuple[str, ...] = ()) -> None:
    """executemany of `rows` (all with the same keys as the first row's, plus missing as NULL).
    Columns named in `raw` receive their values as given (e.g. JSON already serialized)."""
    if not rows:
        return
    names = list(rows[0])
    for r in rows[1:]:
        if len(r) != len(names):
            names = list(dict.fromkeys(k for row in rows for k in row))
            break
    sql, order, positional, procs = _prepared(conn, table, names, raw)
    params = []
    for r in rows:
        vals = [r.get(n) for n in order]
        for i, p in procs:
            v = vals[i]
            if v is not None:
                vals[i] = p(v)
        params.append(vals)
    if conn.dialect.name == "postgresql":
        _copy(conn, table, order, params)
    elif positional:
        conn.exec_driver_sql(sql, [tuple(v) for v in params])
    else:
        conn.exec_driver_sql(sql, [dict(zip(order, v)) for v in params])


_PREPARED: dict = {}


def _prepared(conn, table: sa.Table, names: list[str], raw: tuple[str, ...]) -> tuple:
    """The INSERT's text, its parameter order and the bind processors, compiled once per
    (table, columns, dialect): the audit chain and the outbox insert a row at a time."""
    key = (table, tuple(names), raw, conn.dialect.name)
    found = _PREPARED.get(key)
    if found is None:
        compiled = table.insert().values({n: sa.bindparam(n) for n in names}).compile(dialect=conn.dialect)
        order = list(compiled.positiontup) if compiled.positional else names
        procs = [(i, p) for i, n in enumerate(order)
                 if n not in raw and (p := table.c[n].type._cached_bind_processor(conn.dialect)) is not None]
        if len(_PREPARED) > 512:
            _PREPARED.clear()
        found = _PREPARED[key] = (compiled.string, order, compiled.positional, procs)
    return found


def insert_columns(conn, table: sa.Table, names: list[str], columns: list[list], constants: dict | None = None,
                   raw: tuple[str, ...] = ()) -> None:
    """Insert rows given as columns of the same length (plus `constants`: one value for
    every row, processed once). Bind processors are applied column by column, then the
    rows go to the driver in one call, as in `insert_many`."""
    constants = constants or {}
    if not columns or not columns[0]:
        return
    n = len(columns[0])
    data = dict(zip(names, columns))
    everything = list(names) + [k for k in constants if k not in data]
    stmt = table.insert().values({k: sa.bindparam(k) for k in everything})
    compiled = stmt.compile(dialect=conn.dialect)
    order = list(compiled.positiontup) if compiled.positional else everything
    ready = []
    for name in order:
        proc = None if name in raw else table.c[name].type._cached_bind_processor(conn.dialect)
        if name in data:
            col = data[name]
            ready.append(col if proc is None else [proc(v) if v is not None else None for v in col])
        else:
            v = constants[name]
            ready.append(repeat(proc(v) if proc is not None and v is not None else v, n))
    params = list(zip(*ready))
    if conn.dialect.name == "postgresql":
        _copy(conn, table, order, params)
    elif compiled.positional:
        conn.exec_driver_sql(compiled.string, params)
    else:
        conn.exec_driver_sql(compiled.string, [dict(zip(order, p)) for p in params])


def _copy(conn, table: sa.Table, names: list[str], rows: list[list]) -> None:
    """PostgreSQL: COPY ... FROM STDIN on the transaction's own connection (psycopg 3)."""
    q = conn.dialect.identifier_preparer.quote
    sql = f"COPY {q(table.name)} ({', '.join(q(n) for n in names)}) FROM STDIN"
    with conn.connection.driver_connection.cursor() as cur:
        with cur.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
