"""The tasks human steps give people (`trellis_flow_tasks`, migration 0010).

A human node's tasks of one round (the run's step count when the node began: a node run
again after a return gets a new round) move through these states:

    queued   -> pending            its turn came (依次, or a signer added after another)
    pending  -> approved rejected returned handled transferred cancelled skipped
    cc       -> read               a copy (抄送), never waited for
    auto                           approved by the engine (the same approver twice in a row)

`promote` gives the turn: the queued tasks at the lowest position among those still open
become pending. The node is decided when none is open (`open_count` = 0)."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage.binding import one_of
from ..storage.models import flow_task as T
from ..storage.prepared import Prepared

OPEN = ("queued", "pending")
ACTED = ("approved", "rejected", "returned", "handled", "transferred")
DONE = ACTED + ("cancelled", "skipped", "auto", "read")
COLUMNS = tuple(T.c)
# built once: the hot path (acting on a task, resuming its node) reuses their compiled form
_GET = Prepared(sa.select(T).where(T.c.id == sa.bindparam("i")))
_OF_NODE = Prepared(sa.select(T).where(T.c.run_id == sa.bindparam("r"), T.c.node == sa.bindparam("n"),
                                       T.c.round == sa.bindparam("o")).order_by(T.c.position, T.c.id))
_SET = T.update().where(T.c.id == sa.bindparam("i"))


def insert(conn, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    if len(rows) == 1:  # one assignee: a step's usual case
        keys = tuple(rows[0])
        stmt = _INSERTS.get(keys)
        if stmt is None:
            stmt = _INSERTS[keys] = Prepared(T.insert().values({k: sa.bindparam(k) for k in keys}).returning(T.c.id))
        return [stmt.scalar(conn, rows[0])]
    return [r.id for r in conn.execute(T.insert().returning(T.c.id, sort_by_parameter_order=True), rows)]


_INSERTS: dict = {}  # the columns given -> the INSERT of one task


def get(conn, task_id: int, *, lock: bool = False) -> dict | None:
    """A task; `lock`: on PostgreSQL its whole round is locked until the transaction ends, so
    two people acting on one step at once take turns and the second sees the first's action
    (SQLite's writers take turns anyway)."""
    row = _GET.first(conn, {"i": task_id})
    if row is None or not lock or conn.dialect.name != "postgresql":
        return row
    conn.execute(sa.select(T.c.id).where(T.c.run_id == row["run_id"], T.c.node == row["node"],
                                         T.c.round == row["round"]).order_by(T.c.id).with_for_update()).all()
    return _GET.first(conn, {"i": task_id})


def of_node(conn, run_id: int, node: str, round_: int) -> list[dict]:
    return _OF_NODE.all(conn, {"r": run_id, "n": node, "o": round_})


def of_run(conn, run_id: int) -> list[dict]:
    return [dict(r) for r in conn.execute(sa.select(T).where(T.c.run_id == run_id).order_by(T.c.id)).mappings()]


def open_count(tasks: list[dict]) -> int:
    return sum(1 for t in tasks if t["state"] in OPEN)


_SETS: dict = {}  # the columns set -> the UPDATE (a handful of shapes: one per action)


def set_state(conn, task_id: int, state: str, now, **values) -> None:
    keys = tuple(values)
    stmt = _SETS.get(keys)
    if stmt is None:
        stmt = _SETS[keys] = Prepared(_SET.values(state=sa.bindparam("_s"),
                                                  **{k: sa.bindparam(f"_{k}") for k in keys}))
    stmt.run(conn, {"i": task_id, "_s": state, **{f"_{k}": v for k, v in values.items()}})


_SKIP_OTHERS = Prepared(T.update().where(T.c.run_id == sa.bindparam("r"), T.c.node == sa.bindparam("n"),
                                         T.c.round == sa.bindparam("o"), T.c.id != sa.bindparam("i"),
                                         one_of(T.c.state, OPEN), T.c.added_by.is_(None))
                        .values(state="skipped", acted_at=sa.bindparam("at")))


def skip_others(conn, task: dict, now) -> None:
    """或签: one approval is enough; the round's other open tasks are skipped (signers someone
    added stay)."""
    _SKIP_OTHERS.run(conn, {"r": task["run_id"], "n": task["node"], "o": task["round"], "i": task["id"], "at": now})


_CLOSE = (T.update().where(T.c.run_id == sa.bindparam("r"), one_of(T.c.state, OPEN))
          .values(state=sa.bindparam("s"), acted_at=sa.bindparam("at")))
_CLOSE_RUN = Prepared(_CLOSE)
_CLOSE_NODE = Prepared(_CLOSE.where(T.c.node == sa.bindparam("n"), T.c.round == sa.bindparam("o")))


def close_open(conn, run_id: int, node: str | None, round_: int | None, state: str, now) -> int:
    """Close the open tasks of a node's round (of the whole run when `node` is None); how many."""
    params = {"r": run_id, "s": state, "at": now}
    if node is None:
        return _CLOSE_RUN.run(conn, params)
    return _CLOSE_NODE.run(conn, dict(params, n=node, o=round_))


def promote(conn, run_id: int, node: str, round_: int, tasks: list[dict] | None = None) -> list[dict]:
    """Give the turn to the queued tasks at the lowest open position; the tasks it made
    pending (`tasks`: the round's tasks as read already; updated in place)."""
    tasks = of_node(conn, run_id, node, round_) if tasks is None else tasks
    open_ = [t for t in tasks if t["state"] in OPEN]
    if not open_ or any(t["state"] == "pending" for t in open_):
        return []
    low = min(t["position"] for t in open_)
    turn = [t for t in open_ if t["position"] == low]
    conn.execute(T.update().where(T.c.id.in_([t["id"] for t in turn])).values(state="pending"))
    for t in turn:
        t["state"] = "pending"
    return turn


_LAST_ROUND = Prepared(sa.select(sa.func.max(T.c.round)).where(
    T.c.run_id == sa.bindparam("r"), T.c.kind == "approval", T.c.round < sa.bindparam("o")))
_OF_ROUND = Prepared(sa.select(T.c.acted_by, T.c.assignee_id, T.c.state).where(
    T.c.run_id == sa.bindparam("r"), T.c.round == sa.bindparam("o"), T.c.kind == "approval"))


def last_approver(conn, run_id: int, before_round: int) -> set[int]:
    """Who approved the run's approval step just before this round (去重); nobody when that
    step did not end approved (a return to this step asks again)."""
    last = _LAST_ROUND.scalar(conn, {"r": run_id, "o": before_round})
    if last is None:
        return set()
    rows = _OF_ROUND.all(conn, {"r": run_id, "o": last})
    if any(r["state"] in ("returned", "rejected") for r in rows):
        return set()
    return {r["acted_by"] or r["assignee_id"] for r in rows if r["state"] in ("approved", "auto")}


def acted_in_run(conn, run_id: int) -> bool:
    """Has anyone acted on a task of the run (withdrawing is allowed until then)?"""
    stmt = sa.select(T.c.id).where(T.c.run_id == run_id, T.c.state.in_(ACTED)).limit(1)
    return conn.execute(stmt).first() is not None
