"""The columnar replica: reports over large forms are aggregated by DuckDB, in this process,
on a copy of the forms' tables, instead of by the main database's row store (a month x
product distinct count over a million rows: ~0.1 s against ~1 s on SQLite).

The copy is kept by the reader, not by a schedule: before a report reads a form, the form's
data version (reports/cache.py, moved on by every committed write) is compared with the one
it was copied at; when it moved, the rows written since are copied again. When every write
since was this process's (the embedded instance: always), those are the rows its writes
named (`note`, from the lifecycle subscriber); when another process wrote too, the rows
with a larger id or an `updated_at` at or after the last copy's less a minute (a
transaction that commits late is stamped earlier), soft deletes included, and a count that
differs (a purge elsewhere) copies the table again. So the figures are those of the last
commit: the freshness lag is the copy's own time, paid by the first report after a write.
A form whose definition changed is copied again whole.

The guarded query's statement (records/guarded.py: the viewer's row scope and field rights
are in it) is compiled for the main database and run on DuckDB, whose SQL accepts it
(`to_char`, `trellis_percentile` and `trellis_iso_week` are defined as macros). A statement
over JSON values (multi-select membership), whose functions DuckDB has with other answers,
is not tried. A statement DuckDB refuses, a
table not copied, or an error while copying leaves the report to the main database
(`Unsupported`): the figures are the same either way, only slower. Forms under `min_rows`
rows stay on the main database, where they are as fast, and so do reports whose filter or
row scope pins an indexed field (one client, one account manager's clients): an index finds
those rows sooner than a columnar scan."""
from __future__ import annotations

import atexit
import csv
import json
import logging
import os
import tempfile
import threading
import weakref
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from ..storage.models import trading_day

log = logging.getLogger(__name__)
MIN_ROWS = 20_000
MARGIN = timedelta(seconds=60)
NULL = "\\N"
MACROS = (
    "CREATE OR REPLACE MACRO trellis_percentile(x, p) AS quantile_cont(x, p)",
    "CREATE OR REPLACE MACRO trellis_iso_week(d) AS strftime(CAST(substr(CAST(d AS VARCHAR), 1, 10) AS DATE), '%G-W%V')",
    "CREATE OR REPLACE MACRO to_char(d, f) AS CASE f WHEN 'YYYY-MM-DD' THEN strftime(d, '%Y-%m-%d') "
    "WHEN 'YYYY-MM' THEN strftime(d, '%Y-%m') WHEN 'YYYY' THEN strftime(d, '%Y') "
    "WHEN 'YYYY-\"Q\"Q' THEN strftime(d, '%Y') || '-Q' || CAST(quarter(d) AS VARCHAR) "
    "WHEN 'IYYY-\"W\"IW' THEN strftime(d, '%G-W%V') END",
)


AUXILIARY = {"trellis_trading_days": trading_day}  # platform tables a report's SQL may read
DIFFERENT = ("json", "_jl_each")  # SQL DuckDB runs with other results (json_type's names): not tried


_open: "weakref.WeakSet[ColumnarReplica]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    """Let DuckDB's objects go before the interpreter tears its module down."""
    for replica in list(_open):
        try:
            if replica._db is not None:
                replica._db.close()
        except Exception:  # noqa: BLE001 - closing at exit: nothing to do about it
            pass
        replica._db = None


class Unsupported(Exception):
    """The replica cannot answer this: ask the main database."""


@dataclass
class Copy:
    version: object      # the form's definition version the columns follow
    data: int            # the data version it was copied at
    max_id: int
    since: datetime      # the latest updated_at copied
    count: int
    local: int           # this process's own writes to it, counted when it was copied


def _duck_type(col: sa.Column) -> str:
    t = col.type
    if isinstance(t, sa.Boolean):
        return "BOOLEAN"
    if isinstance(t, (sa.Integer, sa.BigInteger, sa.SmallInteger)):
        return "BIGINT"
    if isinstance(t, sa.Float):
        return "DOUBLE"
    if isinstance(t, sa.Numeric):
        return "DECIMAL(38, 10)"
    if isinstance(t, sa.DateTime):
        return "TIMESTAMP"
    if isinstance(t, sa.Date):
        return "DATE"
    return "VARCHAR"


def _chunks(ids: list, size: int = 10_000):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _latest(since: datetime, rows) -> datetime:
    stamps = [r.updated_at for r in rows if r.updated_at is not None]
    return max([since] + [s.replace(tzinfo=None) for s in stamps])


def _cell(value):
    if value is None:
        return NULL
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value


class Result:
    """What figures.py reads of a result: mappings (all / first), scalar, rows."""

    def __init__(self, names: list[str], rows: list[tuple]):
        self.names, self.rows = names, rows

    def mappings(self):
        return self

    def all(self):
        return [dict(zip(self.names, r)) for r in self.rows]

    def first(self):
        return dict(zip(self.names, self.rows[0])) if self.rows else None

    def scalar(self):
        return self.rows[0][0] if self.rows else None

    def __iter__(self):
        return iter(self.rows)


class Reader:
    """A DuckDB cursor that runs SQLAlchemy statements compiled for the main database."""

    def __init__(self, cursor, dialect, replica):
        self.cursor, self.dialect, self.replica = cursor, dialect, replica

    def execute(self, stmt) -> Result:
        try:  # values written into the SQL: DuckDB matches a GROUP BY expression to its SELECT by text
            sql, args = str(stmt.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True})), []
            if self.dialect.paramstyle in ("pyformat", "format"):  # no parameters: a % is itself again
                sql = sql.replace("%%", "%")
        except Exception:  # noqa: BLE001 - a value without a literal form: bound instead
            sql, args = self._bound(stmt)
        lowered = sql.lower()
        if any(word in lowered for word in DIFFERENT):
            raise Unsupported("JSON values: DuckDB's JSON functions read them otherwise")
        for name in AUXILIARY:
            if name in lowered:
                self.replica.auxiliary(name)
        try:
            cur = self.cursor.execute(sql, args or None)
            return Result([d[0] for d in cur.description], cur.fetchall())
        except Exception as exc:  # noqa: BLE001 - any refusal of DuckDB's: the main database answers
            raise Unsupported(str(exc)) from exc

    def _bound(self, stmt):
        compiled = stmt.compile(dialect=self.dialect, compile_kwargs={"render_postcompile": True})
        params = compiled.construct_params()
        if compiled.positiontup is not None:
            return compiled.string, [params[n] for n in compiled.positiontup]
        return compiled.string % {n: f"${n}" for n in params}, params  # PostgreSQL's named style: $name


class ColumnarReplica:
    def __init__(self, engine, cache, path: str = ":memory:", min_rows: int = MIN_ROWS):
        self.engine, self.cache, self.min_rows = engine, cache, min_rows
        self._path, self._db = path, None  # DuckDB opened by the first report that needs it
        self._opening = threading.Lock()
        self.copies: dict[str, Copy] = {}
        self._sizes: dict[str, tuple[int, int]] = {}
        self._dirty: dict[str, set] = {}    # rows this process wrote since the last copy
        self._local: dict[str, int] = {}    # how many of its committed writes moved the version
        self._loading: set[str] = set()
        self._aux: dict[str, int] = {}
        self.prefer_index = True  # a rule pinning an indexed field: the main database (reports/engine.py)
        self.refused: list[str] = []  # the latest reasons a report went to the main database
        self._lock = threading.Lock()
        self._notes = threading.Lock()
        self.last_sync_ms = 0.0

    @property
    def db(self):
        """The DuckDB connection, opened on first use: a process that serves no report over a
        large form (and a pre-fork master: its connection would be shared by the workers)
        neither imports DuckDB nor holds its memory."""
        if self._db is None:
            with self._opening:
                if self._db is None:
                    import duckdb

                    db = duckdb.connect(self._path)
                    for macro in MACROS:
                        db.execute(macro)
                    # empty values sort as the main database sorts them (SQLite: smallest; PostgreSQL: largest)
                    db.execute("SET default_null_order = '%s'" % (
                        "nulls_last_on_asc_first_on_desc" if self.engine.dialect.name == "postgresql"
                        else "nulls_first_on_asc_last_on_desc"))
                    self._db = db
                    _open.add(self)
        return self._db

    def reader(self, app: str, forms: list) -> Reader:
        """A reader over fresh copies of `forms` (FormModels); Unsupported when the first
        is small enough for the main database or a copy fails."""
        import time

        versions = self.cache.versions(app, [f.id for f in forms])
        if versions is None:
            raise Unsupported("data versions unknown")
        data = dict(zip(sorted(f.id for f in forms), versions))
        started = time.perf_counter()
        with self._lock:
            with self.engine.connect() as conn:
                if self._small(conn, forms[0], data[forms[0].id]):
                    raise Unsupported("small form")
                for form in forms:
                    self._fresh(conn, form, data[form.id])
        self.last_sync_ms = (time.perf_counter() - started) * 1000
        return Reader(self.db.cursor(), self.engine.dialect, self)

    def auxiliary(self, name: str) -> None:
        """A platform table a statement reads (the trading days), copied whole again when its
        data version (`_platform`/name) moved."""
        versions = self.cache.versions("_platform", [name])
        if versions is None:
            raise Unsupported("data versions unknown")
        with self._lock:
            if self._aux.get(name) == versions[0]:
                return
            table = AUXILIARY[name]
            cols = ", ".join(f'"{c.name}" {_duck_type(c)}' for c in table.c)
            self.db.execute(f'CREATE OR REPLACE TABLE "{name}" ({cols})')
            with self.engine.connect() as conn:
                found = conn.execute(sa.select(*table.c)).all()
            if found:
                self._append(name, table, found)
            self._aux[name] = versions[0]

    def note(self, table: str, ids) -> None:
        """A committed write of this process to `table` (called before its version moves)."""
        with self._notes:
            if table in self.copies or table in self._loading:  # a table never copied is loaded whole
                self._dirty.setdefault(table, set()).update(ids)
            self._local[table] = self._local.get(table, 0) + 1

    def _small(self, conn, form, data: int) -> bool:
        """Has the form fewer than `min_rows` rows (its copy's count, or asked again once its
        data moved)?"""
        copy = self.copies.get(form.table_name)
        if copy is not None:
            return copy.count < self.min_rows
        known = self._sizes.get(form.table_name)
        if known is None or known[0] != data:
            known = (data, conn.execute(sa.select(sa.func.count()).select_from(form.table)).scalar())
            self._sizes[form.table_name] = known
        return known[1] < self.min_rows

    # -- copying ------------------------------------------------------------------------
    def _fresh(self, conn, form, data: int) -> None:
        name, copy = form.table_name, self.copies.get(form.table_name)
        if copy is not None and copy.version == form.version and copy.data == data:
            return
        t = form.table
        try:
            with self._notes:
                self._loading.add(name)
                local, dirty = self._local.get(name, 0), self._dirty.pop(name, set())
            if copy is not None and copy.version == form.version and data - copy.data == local - copy.local:
                # every write since was this process's: the rows it named, gone or changed
                changed = [r for part in _chunks(sorted(dirty)) for r in conn.execute(sa.select(*t.c).where(t.c.id.in_(part)))]
                have = self._replace(name, t, dirty, changed)
                top = max([copy.max_id] + [r.id for r in changed])
                self.copies[name] = Copy(form.version, data, top, _latest(copy.since, changed), have, local)
                return
            count, top = conn.execute(sa.select(sa.func.count(), sa.func.coalesce(sa.func.max(t.c.id), 0))).one()
            if copy is None or copy.version != form.version or top < copy.max_id:
                self._load(conn, form, data, count, top, local)
                return
            # another process wrote too: the rows stamped since the last copy (less a margin: a
            # write committed late may be stamped before it), and a count that tells of a purge
            since = copy.since - MARGIN if copy.since > datetime.min + MARGIN else copy.since
            changed = conn.execute(sa.select(*t.c).where(sa.or_(t.c.id > copy.max_id, t.c.updated_at >= since))).all()
            if self._replace(name, t, set(), changed) != count:
                self._load(conn, form, data, count, top, local)
                return
            self.copies[name] = Copy(form.version, data, top, _latest(copy.since, changed), count, local)
        except Exception as exc:  # noqa: BLE001
            self.copies.pop(name, None)
            log.warning("columnar replica: copying %s failed", name, exc_info=True)
            raise Unsupported(str(exc)) from exc
        finally:
            with self._notes:
                self._loading.discard(name)

    def _replace(self, name: str, table, gone: set, changed) -> int:
        """Drop the rows `gone` and `changed` name, add `changed` again; the copy's count."""
        for part in _chunks(sorted(gone | {r.id for r in changed})):
            self.db.execute(f'DELETE FROM "{name}" WHERE id IN (SELECT unnest(?))', [part])
        if changed:
            self._append(name, table, changed)
        return self.db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]

    def _load(self, conn, form, data: int, count: int, top: int, local: int) -> None:
        name, t = form.table_name, form.table
        cols = ", ".join(f'"{c.name}" {_duck_type(c)}' for c in t.c)
        self.db.execute(f'CREATE OR REPLACE TABLE "{name}" ({cols})')
        since = datetime.min
        if conn.dialect.name == "sqlite":  # the stored text as it is: no types made and unmade per value
            cur = conn.connection.driver_connection.cursor()
            cur.execute(f'SELECT {", ".join(chr(34) + c.name + chr(34) for c in t.c)} FROM "{name}"')
            at = list(t.c.keys()).index("updated_at")
            latest = ""
            while part := cur.fetchmany(50_000):
                self._append(name, t, part, raw=True)
                latest = max([latest] + [r[at] for r in part if r[at] is not None])
            cur.close()
            if latest:
                since = datetime.fromisoformat(latest)
        else:
            stream = conn.execution_options(stream_results=True, yield_per=50_000).execute(sa.select(*t.c))
            for part in stream.partitions():
                self._append(name, t, part)
                since = _latest(since, part)
        self.copies[name] = Copy(form.version, data, top, since, count, local)

    def _append(self, name: str, table, rows, raw: bool = False) -> None:
        """Rows into the copy through a CSV file and COPY (`raw`: SQLite's stored values)."""
        fd, path = tempfile.mkstemp(suffix=".csv", prefix="trellis-replica-")
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
                if raw:
                    csv.writer(f).writerows([NULL if v is None else v for v in r] for r in rows)
                else:
                    csv.writer(f).writerows([_cell(v) for v in r] for r in rows)
            self.db.execute(f"COPY \"{name}\" FROM '{path}' (HEADER false, NULLSTR '{NULL}')")
        finally:
            os.unlink(path)
