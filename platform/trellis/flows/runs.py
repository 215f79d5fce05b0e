"""The persisted runs and their log (`trellis_flow_runs`, `trellis_flow_steps`, migration
0009): creating a run exactly once per (flow version, event), moving it one step with a
compare-and-set on its step count, and reading runs for the API and the record page.

A step is one transaction: the node's own writes, one log row and the run's new cursor
and context, written only if the run's `seq` is still what the step started from. A
second worker (or a retried job) that ran the same step finds `seq` moved and rolls its
step back, so no step's effect happens twice.
"""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ..storage.binding import one_of
from ..storage.database import json_dumps
from ..storage.prepared import Prepared
from ..storage.models import flow_mark as M
from ..storage.models import flow_run as R
from ..storage.models import flow_step as S

LIVE = ("running", "waiting")
ENDED = ("done", "failed", "cancelled", "exited")
SUMMARY = (R.c.id, R.c.app, R.c.flow, R.c.version, R.c.form, R.c.record_id, R.c.state, R.c.seq, R.c.error,
           R.c.actor_id, R.c.parent_run, R.c.wake_at, R.c.started_at, R.c.updated_at, R.c.ended_at)


class Stale(Exception):
    """The run moved on (another worker took this step): roll this one back."""


def _insert(conn):
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def create(conn, *, app: str, flow: str, version: int, form: str | None, record_id, event: str, cursor: dict,
           context: dict, actor_id, now, cause=None, parent_run=None) -> int | None:
    """A new run (state running); None when this (flow version, event) has one already."""
    values = dict(app=app, flow=flow, version=version, form=form, record_id=record_id, event=event[:200],
                  state="running", seq=0, cursor=cursor, context=context, actor_id=actor_id, cause=cause or None,
                  parent_run=parent_run, started_at=now, updated_at=now)
    stmt = _insert(conn)(R).values(values).on_conflict_do_nothing(index_elements=["event"])
    return conn.execute(stmt.returning(R.c.id)).scalar()


_LOAD = Prepared(sa.select(R).where(R.c.id == sa.bindparam("i")))


def load(conn, run_id: int) -> dict | None:
    return _LOAD.first(conn, {"i": run_id})


# The step's two statements are the engine's hot path: plain SQL on the driver's cursor of the
# step's connection (no expression building, no cache keys, no execution context), JSON
# written with orjson, times as the dialect stores them.
_MOVE = ("UPDATE trellis_flow_runs SET seq = {p}, state = {p}, cursor = {j}, context = {j}, error = {p}, "
         "wake_at = {p}, updated_at = {p}, ended_at = {p} WHERE id = {p} AND seq = {p}")
_LOG = ("INSERT INTO trellis_flow_steps (run_id, seq, node, type, result, input, output, error, at, ms) "
        "VALUES ({p}, {p}, {p}, {p}, {p}, {j}, {j}, {p}, {p}, {p})")


_TEXTS: dict = {}


def _sql(conn, text: str) -> str:
    key = (conn.dialect.name, text)
    if key not in _TEXTS:
        pg = conn.dialect.name == "postgresql"
        _TEXTS[key] = text.format(p="%s" if pg else "?", j="CAST(%s AS JSON)" if pg else "?")
    return _TEXTS[key]


def _time(conn, value):
    if value is None or conn.dialect.name == "postgresql":
        return value
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def _json(value):
    return None if value is None else json_dumps(value)


def save_step(conn, run: dict, seq: int, log: dict | None, *, state: str, cursor: dict, context: dict, now,
              error: str | None = None, wake_at=None) -> None:
    """Write one step: its log row (None: a change of state only, as parking a run) and the
    run's new state, if the run is still at `seq`."""
    ended = now if state in ENDED else None
    stamp = _time(conn, now)
    cur = conn.connection.driver_connection.cursor()  # inside the transaction the connection began
    try:
        cur.execute(_sql(conn, _MOVE), (
            seq + 1, state, json_dumps(cursor), json_dumps(context), error, _time(conn, wake_at), stamp,
            stamp if ended else None, run["id"], seq))
        if cur.rowcount != 1:
            raise Stale(run["id"])
        if log is not None:
            cur.execute(_sql(conn, _LOG), (
                run["id"], seq + 1, log["node"], log["type"], log["result"], _json(log.get("input")),
                _json(log.get("output")), log.get("error"), stamp, log.get("ms")))
    finally:
        cur.close()
    run.update(seq=seq + 1, state=state, cursor=cursor, context=context, error=error, wake_at=wake_at,
               updated_at=now, ended_at=ended)


def note_failure(conn, run_id: int, seq: int, node: str) -> int:
    """Count one more failed try of `node` on the run (kept across tries); the count."""
    row = conn.execute(sa.select(R.c.context).where(R.c.id == run_id, R.c.seq == seq)).first()
    if row is None:
        raise Stale(run_id)
    context = dict(row[0])
    failures = dict(context.get("failures") or {})
    failures[node] = failures.get(node, 0) + 1
    context["failures"] = failures
    conn.execute(R.update().where(R.c.id == run_id, R.c.seq == seq).values(context=context))
    return failures[node]


def set_state(conn, run_id: int, state: str, now, *, error: str | None = None, seq: int | None = None) -> bool:
    """Move a run to `state` (cancel, a failure outside a step); with `seq`, only if still there."""
    cond = [R.c.id == run_id] + ([R.c.seq == seq] if seq is not None else [])
    res = conn.execute(R.update().where(*cond).values(
        state=state, error=error, updated_at=now, ended_at=now if state in ENDED else None, wake_at=None))
    return res.rowcount == 1


def live_run(conn, app: str, flow: str, record_id) -> int | None:
    return conn.execute(sa.select(R.c.id).where(R.c.app == app, R.c.flow == flow, R.c.record_id == record_id,
                                                R.c.state.in_(LIVE)).limit(1)).scalar()


def runs_since(conn, app: str, flow: str, record_id, since) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(R).where(
        R.c.app == app, R.c.flow == flow, R.c.record_id == record_id, R.c.started_at >= since)).scalar() or 0


_LIVE = sa.select(R.c.id, R.c.record_id, R.c.flow).where(
    R.c.app == sa.bindparam("a"), R.c.form == sa.bindparam("f"),
    R.c.record_id.in_(sa.bindparam("ids", expanding=True)), one_of(R.c.state, LIVE))


_LIVE_ONE = Prepared(sa.select(R.c.id, R.c.record_id, R.c.flow).where(
    R.c.app == sa.bindparam("a"), R.c.form == sa.bindparam("f"), R.c.record_id == sa.bindparam("i"),
    one_of(R.c.state, LIVE)))


def live_for_records(conn, app: str, form: str, ids: list, with_flow: bool = False) -> list[tuple]:
    """(run id, record id[, flow]) of the live runs started by these records (a write pokes
    them: exit conditions, waits)."""
    if not ids:
        return []
    if len(ids) == 1:
        rows = [tuple(r.values()) for r in _LIVE_ONE.all(conn, {"a": app, "f": form, "i": next(iter(ids))})]
    else:
        rows = conn.execute(_LIVE, {"a": app, "f": form, "ids": list(ids)}).tuples()
    return [tuple(r) if with_flow else (r[0], r[1]) for r in rows]


# -- threshold marks -------------------------------------------------------------------------

def marked(conn, app: str, flow: str, ids: list) -> set:
    if not ids:
        return set()
    return set(conn.execute(sa.select(M.c.record_id).where(M.c.app == app, M.c.flow == flow,
                                                           M.c.record_id.in_(ids))).scalars())


def mark(conn, app: str, flow: str, ids: list, now) -> None:
    if ids:
        conn.execute(_insert(conn)(M).on_conflict_do_nothing(), [dict(app=app, flow=flow, record_id=i, at=now)
                                                               for i in ids])


def unmark(conn, app: str, flow: str, ids: list) -> None:
    if ids:
        conn.execute(M.delete().where(M.c.app == app, M.c.flow == flow, M.c.record_id.in_(ids)))


def purge(conn, before) -> int:
    """Delete the runs that ended before `before` and their log; the number of runs."""
    old = sa.select(R.c.id).where(R.c.state.in_(ENDED), R.c.ended_at < before)
    conn.execute(S.delete().where(S.c.run_id.in_(old)))
    return conn.execute(R.delete().where(R.c.state.in_(ENDED), R.c.ended_at < before)).rowcount


# -- reading -----------------------------------------------------------------------------------

def listing(conn, app: str, *, flow: str | None = None, form: str | None = None, record_id=None,
            state: str | None = None, limit: int = 50) -> list[dict]:
    cond = [R.c.app == app]
    for col, value in ((R.c.flow, flow), (R.c.form, form), (R.c.record_id, record_id), (R.c.state, state)):
        if value is not None:
            cond.append(col == value)
    stmt = sa.select(*SUMMARY).where(*cond).order_by(R.c.id.desc()).limit(limit)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def steps_of(conn, run_id: int) -> list[dict]:
    stmt = sa.select(S.c.seq, S.c.node, S.c.type, S.c.result, S.c.input, S.c.output, S.c.error, S.c.at, S.c.ms) \
        .where(S.c.run_id == run_id).order_by(S.c.seq)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def counts(conn, app: str, now, days: int = 30) -> dict[str, dict]:
    """Per flow: runs by state over the last `days`, and the last run's start."""
    since = now - timedelta(days=days)
    out: dict[str, dict] = {}
    stmt = sa.select(R.c.flow, R.c.state, sa.func.count(), sa.func.max(R.c.started_at)).where(
        R.c.app == app, R.c.started_at >= since).group_by(R.c.flow, R.c.state)
    for flow, state, n, last in conn.execute(stmt):
        item = out.setdefault(flow, {"runs": {"total": 0}, "last_run_at": None})
        item["runs"][state] = n
        item["runs"]["total"] += n
        if last and (item["last_run_at"] is None or last > item["last_run_at"]):
            item["last_run_at"] = last
    return out
