"""Running a flow: the `flows.advance` job moves one run step by step, each step its own
transaction (flows/runs.py `save_step`: the node's writes, its log row and the run's new
cursor, or nothing), until the run waits, ends or has taken `BATCH` steps (then it hands
on to a new job, so one long run does not hold a worker). A person's action that leaves
nobody to act moves the run on in its own transaction (`advance_in`), the job being the
fallback.

Before every step a journey's `exit` condition is checked against the record as it is
now: true ends the run (`exited`). A token that waits is asked again (`resume`) when the
job runs: a wait's time has come, or a write to the run's record poked it (a condition).
When every token waits, the run is parked (`waiting`) with a job due at the earliest time
one of them could go on.

Failures: a node's refusal (a domain error: a validation failure, a missing record, a
bad rule) fails the step at once; anything else (a timeout, a busy database, a network
error) is tried again (Defer, `RETRIES` times, backing off) and then fails the step. A
failed step stops the run (`failed`, kept for retry / skip) or, with `on_failure:
continue`, is logged and the run goes on.
"""
from __future__ import annotations

import logging
import time

from ..kernel.defer import Defer
from ..kernel.errors import TrellisError
from ..storage.database import write_connection
from ..storage.prepared import savepoint
from . import runs
from .cursor import Mover, resolve
from .step import Step
from .structure import walk

log = logging.getLogger("trellis.flows")
ADVANCE = "flows.advance"
BATCH = 500
RETRIES = 3


def _permanent(exc: Exception) -> bool:
    return isinstance(exc, TrellisError) and exc.status < 500


def _message(exc: Exception) -> str:
    if isinstance(exc, TrellisError):
        return f"{exc.message['zh']} / {exc.message['en']}"
    return f"{type(exc).__name__}: {exc}"[:2000]


class Runner:
    def __init__(self, runtime, catalog, node_types):
        self.runtime = runtime
        self.catalog = catalog
        self.node_types = node_types
        self._types: dict = {}
        self._external: dict = {}  # (app, flow, version) -> has an external node
        self.on_end: list = []  # (conn, row) of each run that ended, in its last step's transaction

    def type_of(self, node: dict):
        key = node.get("type") if isinstance(node, dict) else None
        inst = self._types.get(key)
        if inst is None:
            inst = self._types[key] = self.node_types.get(key)()
        return inst

    def kind_of(self, node: dict):
        return self.type_of(node).container if isinstance(node, dict) else None

    # -- the job -------------------------------------------------------------------------------
    def advance(self, run: int, **_ignored) -> dict:
        with write_connection(self.runtime.engine) as held, self.runtime.logic_time():
            return self._advance(run, held)

    def _advance(self, run: int, held) -> dict:
        taken = 0
        checked: set = set()
        row: dict | None = None  # kept between steps: the compare-and-set on seq guards it
        while taken < BATCH:
            if row is None:
                with self.runtime.engine.connect() as conn:
                    row = runs.load(conn, run)
            if row is None or row["state"] not in runs.LIVE:
                return {"state": row and row["state"], "steps": taken}
            prepared = self._prepare(row)
            try:
                with self.runtime.transaction(held) as conn:
                    try:
                        moved = self._one(conn, row, checked, prepared)
                    except BaseException:
                        row = None  # what the step changed in memory is rolled back with it
                        raise
            except runs.Stale:
                return {"state": "taken", "steps": taken}  # another worker took this step
            except _Transient as t:
                with self.runtime.transaction(held) as conn:
                    n = runs.note_failure(conn, run, t.seq, t.node)
                if n < RETRIES:
                    log.warning("flow run %s node %s: %s (try %s)", run, t.node, t.error, n)
                    raise Defer(2 ** n, _message(t.error)) from None
                checked.add(("failed", t.node))
                continue
            if not moved:
                return {"state": row["state"], "steps": taken}
            taken += 1
        self.runtime.jobs.enqueue(ADVANCE, {"run": run}, key=f"{ADVANCE}:{run}:{row['seq']}:more", app=row["app"])
        return {"state": "running", "steps": taken}

    def advance_in(self, conn, run: int, row: dict | None = None) -> bool:
        """Move the run on inside the caller's transaction (a person's action left nobody to
        act), in a savepoint, until it waits or ends. False when it is not done here (a node
        calls out; a step failed: all rolled back; `BATCH` steps taken): the caller then leaves
        it to the `flows.advance` job, which retries and logs failures as usual. `row`: the
        run as read in this transaction (its `seq` guards the first step)."""
        row = row if row and row.get("id") == run else runs.load(conn, run)
        if row is None or row["state"] not in runs.LIVE:
            return True
        if self._has_external(row, self.catalog.version(row["app"], row["flow"], row["version"])):
            return False
        checked: set = set()
        try:
            with self.runtime.logic_time(), savepoint(conn):
                for _ in range(BATCH):
                    if not self._one(conn, row, checked):
                        return True
        except Exception as exc:  # noqa: BLE001 - rolled back to the savepoint: the job does it all again
            log.info("flow run %s: left to its job: %s", run, _message(exc))
            return False
        return False  # BATCH steps taken (and kept): the job goes on from there

    def _has_external(self, row: dict, body: dict) -> bool:
        key = (row["app"], row["flow"], row["version"])
        found = self._external.get(key)
        if found is None:
            found = self._external[key] = any(
                self.type_of(n).external for _p, n in walk(body.get("steps") or [], self.node_types))
        return found

    def _prepare(self, row: dict) -> dict | None:
        """An external node's call (an HTTP request), made before its step's transaction so
        no write lock is held while the other side answers; the step then keeps its answer."""
        body = self.catalog.version(row["app"], row["flow"], row["version"])
        if not self._has_external(row, body):
            return None
        tok = Mover(body, row["cursor"], self.kind_of).runnable()
        node = resolve(body, tok["at"]) if tok is not None else None
        kind = self.type_of(node) if node is not None else None
        if kind is None or not kind.external:
            return None
        with self.runtime.engine.connect() as conn:
            step = Step(self.runtime, conn, row, body, row["context"], now=self.runtime.clock.now(), node=node,
                        token=tok, timed=True)
            try:
                value = kind.call(node, step)
            except Exception as exc:  # noqa: BLE001 - raised again inside the step, handled as a node's failure
                value = _Raised(exc)
        return {"seq": row["seq"], "token": tok["id"], "node": node["id"], "value": value}

    def _one(self, conn, row: dict, checked: set, prepared: dict | None = None) -> bool:
        """Take one step of the run (True), or park or end it (False)."""
        body = self.catalog.version(row["app"], row["flow"], row["version"])
        now = self.runtime.clock.now()
        cursor, context = row["cursor"], row["context"]
        mover = Mover(body, cursor, self.kind_of)
        step = Step(self.runtime, conn, row, body, context, now=now, timed=True)
        if body.get("exit") and step.record is not None and _true(step.evaluate(body["exit"])):
            mover.end_all()
            runs.save_step(conn, row, row["seq"], _log("exit", "exit", "exited"), state="exited", cursor=cursor,
                           context=context, now=now)
            self._ended(conn, row)
            return False
        tok = mover.runnable()
        if tok is not None:
            if prepared and (prepared["seq"], prepared["token"]) == (row["seq"], tok["id"]):
                step.prepared = prepared["value"]
            return self._take(conn, row, mover, step, tok, False, checked)
        for tok in [t for t in mover.tokens if t.get("wait") and t["id"] not in checked]:
            checked.add(tok["id"])
            if self._take(conn, row, mover, step, tok, True, checked):
                return True
            if row["state"] not in runs.LIVE:  # the resumed node failed (or ended) the run: not parked
                return False
        if not mover.tokens:
            runs.save_step(conn, row, row["seq"], None, state="done", cursor=cursor, context=context, now=now)
            self._ended(conn, row)
            return False
        return self._park(conn, row, mover, now)

    def _take(self, conn, row, mover, step, tok, resuming: bool, checked: set) -> bool:
        """Run (or resume) the node `tok` is on and save the step; False when it still waits."""
        node = resolve(step.flow, tok["at"])
        kind = self.type_of(node)
        step.node, step.token = node, tok
        started = time.perf_counter()
        try:
            if isinstance(step.prepared, _Raised):
                raise step.prepared.error
            res = kind.resume(node, step, tok["wait"]) if resuming else kind.run(node, step)
        except Exception as exc:  # noqa: BLE001 - a node's failure is the run's, logged on its step
            if not _permanent(exc) and ("failed", node["id"]) not in checked:
                raise _Transient(row["seq"], node["id"], exc) from exc
            return self._failed(conn, row, mover, tok, node, exc, step)
        if resuming and res.wait is not None:
            if res.wait != tok["wait"]:  # still waiting, on a moved time
                tok["wait"] = res.wait
                row["_moved"] = True
            return False
        result = "waiting" if res.wait is not None else "ok"
        self._move(mover, tok, res)
        context = row["context"]
        if result == "ok":
            context.setdefault("steps", {})[node["id"]] = res.output
            context["prev"] = res.output
            (context.get("failures") or {}).pop(node["id"], None)
        ms = int((time.perf_counter() - started) * 1000)
        state = "running" if mover.tokens else "done"
        if mover.tokens and all(t.get("wait") for t in mover.tokens):
            state = "waiting"  # parked in this same write (`_park` adds a wake time where one is due)
        runs.save_step(conn, row, row["seq"], _log(node["id"], node["type"], result, output=res.output, ms=ms,
                                                   input=getattr(step, "input", None)),
                       state=state, cursor=mover.cursor, context=context, now=step.now)
        if state == "done":
            self._ended(conn, row)
            return False
        return True

    def _move(self, mover: Mover, tok: dict, res) -> None:
        if res.wait is not None:
            tok["wait"] = res.wait
            return
        tok["wait"] = None
        here = tok["at"]
        if res.end:
            mover.end_all()
        elif res.goto is not None:
            mover.goto(tok, res.goto)
        elif res.enter is not None:
            mover.enter(tok, here + res.enter)
        elif res.fork is not None:
            mover.fork(tok, [here + s for s in res.fork])
        elif res.loop is not None:
            mover.loop(tok, list(res.loop))
        else:
            mover.after(tok, here)

    def _park(self, conn, row: dict, mover: Mover, now) -> bool:
        """Every token waits: the run waits, with a job when the earliest wait falls due."""
        times = sorted(t["wait"][k] for t in mover.tokens if t.get("wait") for k in ("until", "timeout")
                       if t["wait"].get(k))
        wake = _parse(times[0]) if times else None
        if row["state"] != "waiting" or row.get("wake_at") != wake or row.pop("_moved", False):
            runs.save_step(conn, row, row["seq"], None, state="waiting", cursor=mover.cursor, context=row["context"],
                           now=now, wake_at=wake)
        if wake is not None:
            self.runtime.jobs.enqueue(ADVANCE, {"run": row["id"]}, run_at=max(wake, now),
                                      key=f"{ADVANCE}:{row['id']}:{row['seq']}:wake", app=row["app"], conn=conn)
        return False

    def _failed(self, conn, row, mover, tok, node, exc, step) -> bool:
        (row["context"].get("failures") or {}).pop(node["id"], None)
        error = _message(exc)
        tok["wait"] = None  # a retry runs the node afresh (a failed wait's state is of no use), a skip moves past it
        if step.flow.get("on_failure") == "continue":
            mover.after(tok, tok["at"])
            state = "running" if mover.tokens else "done"
        else:
            state = "failed"
        runs.save_step(conn, row, row["seq"], _log(node["id"], node["type"], "failed", error=error),
                       state=state, cursor=mover.cursor, context=row["context"], now=step.now,
                       error=error if state == "failed" else None)
        if state != "running":
            self._ended(conn, row)
        return state == "running"

    def _ended(self, conn, row: dict) -> None:
        """A run ended: what listens is told (an approval's status), and a called run wakes
        the run that called it."""
        for fn in self.on_end:
            fn(conn, row)
        if row.get("parent_run"):
            self.runtime.jobs.enqueue(ADVANCE, {"run": row["parent_run"]},
                                      key=f"{ADVANCE}:{row['parent_run']}:child:{row['id']}", app=row["app"], conn=conn)


class _Raised:
    """An external call's failure, carried into its step."""

    def __init__(self, error: Exception):
        self.error = error


class _Transient(Exception):
    """A node's failure worth another try (raised out of the step's transaction)."""

    def __init__(self, seq: int, node: str, error: Exception):
        super().__init__(str(error))
        self.seq, self.node, self.error = seq, node, error


def _true(value) -> bool:
    from ..logic import truthy

    return truthy(value)


def _log(node: str, type_: str, result: str, **more) -> dict:
    return {"node": node[:64], "type": type_[:32], "result": result, "input": more.get("input"),
            "output": more.get("output"), "error": more.get("error"), "ms": more.get("ms")}


def _parse(value):
    from datetime import datetime

    return value if isinstance(value, datetime) else datetime.fromisoformat(value)
