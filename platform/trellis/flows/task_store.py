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

from ..storage.models import flow_task as T

OPEN = ("queued", "pending")
ACTED = ("approved", "rejected", "returned", "handled", "transferred")
DONE = ACTED + ("cancelled", "skipped", "auto", "read")
COLUMNS = tuple(T.c)


def insert(conn, rows: list[dict]) -> list[int]:
    if not rows:
        return []
    return [r.id for r in conn.execute(T.insert().returning(T.c.id, sort_by_parameter_order=True), rows)]


def get(conn, task_id: int, *, lock: bool = False) -> dict | None:
    stmt = sa.select(T).where(T.c.id == task_id)
    if lock and conn.dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    row = conn.execute(stmt).mappings().first()
    return dict(row) if row else None


def of_node(conn, run_id: int, node: str, round_: int) -> list[dict]:
    stmt = (sa.select(T).where(T.c.run_id == run_id, T.c.node == node, T.c.round == round_)
            .order_by(T.c.position, T.c.id))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def of_run(conn, run_id: int) -> list[dict]:
    return [dict(r) for r in conn.execute(sa.select(T).where(T.c.run_id == run_id).order_by(T.c.id)).mappings()]


def open_count(tasks: list[dict]) -> int:
    return sum(1 for t in tasks if t["state"] in OPEN)


def set_state(conn, task_id: int, state: str, now, **values) -> None:
    conn.execute(T.update().where(T.c.id == task_id).values(state=state, **values))


def close_open(conn, run_id: int, node: str | None, round_: int | None, state: str, now,
               keep: tuple = ()) -> list[int]:
    """Close the open tasks of a node's round (of the whole run when `node` is None)."""
    where = [T.c.run_id == run_id, T.c.state.in_(OPEN)]
    if node is not None:
        where += [T.c.node == node, T.c.round == round_]
    if keep:
        where.append(T.c.id.not_in(keep))
    ids = list(conn.execute(sa.select(T.c.id).where(*where)).scalars())
    if ids:
        conn.execute(T.update().where(T.c.id.in_(ids)).values(state=state, acted_at=now))
    return ids


def promote(conn, run_id: int, node: str, round_: int) -> list[dict]:
    """Give the turn to the queued tasks at the lowest open position; the tasks it made pending."""
    tasks = of_node(conn, run_id, node, round_)
    open_ = [t for t in tasks if t["state"] in OPEN]
    if not open_ or any(t["state"] == "pending" for t in open_):
        return []
    low = min(t["position"] for t in open_)
    turn = [t for t in open_ if t["position"] == low]
    conn.execute(T.update().where(T.c.id.in_([t["id"] for t in turn])).values(state="pending"))
    for t in turn:
        t["state"] = "pending"
    return turn


def last_approver(conn, run_id: int, before_round: int) -> set[int]:
    """Who approved the run's approval step just before this round (去重); nobody when that
    step did not end approved (a return to this step asks again)."""
    last = conn.execute(sa.select(sa.func.max(T.c.round)).where(T.c.run_id == run_id, T.c.kind == "approval",
                                                                 T.c.round < before_round)).scalar()
    if last is None:
        return set()
    rows = conn.execute(sa.select(T.c.acted_by, T.c.assignee_id, T.c.state)
                        .where(T.c.run_id == run_id, T.c.round == last, T.c.kind == "approval")).all()
    if any(r.state in ("returned", "rejected") for r in rows):
        return set()
    return {r.acted_by or r.assignee_id for r in rows if r.state in ("approved", "auto")}


def acted_in_run(conn, run_id: int) -> bool:
    """Has anyone acted on a task of the run (withdrawing is allowed until then)?"""
    stmt = sa.select(T.c.id).where(T.c.run_id == run_id, T.c.state.in_(ACTED)).limit(1)
    return conn.execute(stmt).first() is not None
