"""Benchmark of the flow engine, as ratios against baselines measured in the same run:

- steps: persisted step transitions per second in one process (each step its own
  transaction: the run's cursor and context, one log row), a chain of set-variable nodes,
  against a hand-written state machine doing one small transaction per step with the raw
  driver, and SpiffWorkflow running the same shape (script tasks) with its JSON state
  saved per step (when installed: `pip install -e .[bench]`). SQLite (WAL); PostgreSQL
  when it answers. Goals: >= 5,000/s on SQLite, >= 1,000/s on PostgreSQL.
- events: record events evaluated against 50 enabled flows' triggers and entry
  conditions (the lifecycle handler on batches of 1,000 rows, none firing), against
  hand-written Python testing the same conditions. Goal: >= 20,000 events/s.
- scan: a threshold trigger's scan of 1M clients (the condition compiled to SQL, the
  marks left out in SQL) against the same SELECT in raw SQL. Goal: <= 1 s.
- timers: 10,000 waiting runs, `--due` of them (1,000) coming due over `--spread` seconds
  (10), woken by the in-process scheduler: how late each woke (p50 / p95), against bare
  jobs due at the same times. Goal: p95 <= 1 s.

Usage: python tests/bench/bench_flows.py [--steps N] [--events N] [--clients N] [--timers N] [--only a,b]
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from common import ScratchPostgres, percentiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))
CHAIN = 20  # nodes per run


def _runtime(url: str):
    from samples import install
    from trellis.runtime import Runtime
    from trellis.storage import migrate
    from trellis.storage.database import make_engine

    engine = make_engine(url)
    migrate.upgrade(engine)
    rt = Runtime(engine, ttl=0, secret="bench-secret")
    install(rt)
    return rt


def _publish(rt, key: str, body: dict) -> None:
    body = {"schema_version": 1, "id": key, "label": {"zh": key, "en": key}, **body}
    rt.store.save_draft("demo", "flow", key, body)
    rt.publish("demo", "flow", key)


# -- steps -------------------------------------------------------------------------------------

def trellis_steps(rt, total: int) -> float:
    from trellis.flows import cursor, runs

    _publish(rt, "chain", {"form": "client", "trigger": {"type": "manual"}, "steps": [
        {"id": f"n{i}", "type": "set_variable", "name": "x", "value": {"+": [{"var": ["$vars.x", 0]}, 1]}}
        for i in range(CHAIN)]})
    flow = rt.flows.catalog.get("demo", "chain")
    n_runs = max(1, total // CHAIN)
    now = datetime.now()
    with rt.transaction() as conn:
        ids = [runs.create(conn, app="demo", flow="chain", version=flow.version, form=None, record_id=None,
                           event=f"bench:{i}:{time.time()}", cursor=cursor.start(), context={"vars": {}, "steps": {}},
                           actor_id=None, now=now) for i in range(n_runs)]
    t = time.perf_counter()
    steps = sum(rt.flows.runner.advance(i)["steps"] for i in ids)
    return steps / (time.perf_counter() - t)


def raw_steps_sqlite(path: str, total: int) -> float:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE sm (id INTEGER PRIMARY KEY, step INTEGER, vars TEXT)")
    db.execute("CREATE TABLE sm_log (id INTEGER PRIMARY KEY, run INTEGER, seq INTEGER, node TEXT, at TEXT)")
    n_runs = max(1, total // CHAIN)
    db.executemany("INSERT INTO sm (id, step, vars) VALUES (?, 0, '{}')", [(i,) for i in range(n_runs)])
    t = time.perf_counter()
    for run in range(n_runs):
        x = 0
        for step in range(CHAIN):
            x += 1
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE sm SET step = ?, vars = ? WHERE id = ? AND step = ?",
                       (step + 1, json.dumps({"x": x}), run, step))
            db.execute("INSERT INTO sm_log (run, seq, node, at) VALUES (?, ?, ?, ?)",
                       (run, step + 1, f"n{step}", datetime.now().isoformat()))
            db.execute("COMMIT")
    return n_runs * CHAIN / (time.perf_counter() - t)


def raw_steps_pg(url: str, total: int) -> float:
    import psycopg

    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute("CREATE TABLE sm (id INTEGER PRIMARY KEY, step INTEGER, vars JSONB)")
        db.execute("CREATE TABLE sm_log (id SERIAL PRIMARY KEY, run INTEGER, seq INTEGER, node TEXT, at TIMESTAMP)")
        n_runs = max(1, total // CHAIN)
        with db.cursor() as cur:
            cur.executemany("INSERT INTO sm (id, step, vars) VALUES (%s, 0, '{}')", [(i,) for i in range(n_runs)])
        t = time.perf_counter()
        for run in range(n_runs):
            x = 0
            for step in range(CHAIN):
                x += 1
                with db.transaction():
                    db.execute("UPDATE sm SET step = %s, vars = %s WHERE id = %s AND step = %s",
                               (step + 1, json.dumps({"x": x}), run, step))
                    db.execute("INSERT INTO sm_log (run, seq, node, at) VALUES (%s, %s, %s, now())",
                               (run, step + 1, f"n{step}"))
        return n_runs * CHAIN / (time.perf_counter() - t)


SPIFF_BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="bench">
  <bpmn:process id="chain" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    {tasks}
    <bpmn:endEvent id="end"><bpmn:incoming>f{n}</bpmn:incoming></bpmn:endEvent>
    {flows}
  </bpmn:process>
</bpmn:definitions>"""


def spiff_steps(path: str, total: int) -> float | None:
    try:
        from SpiffWorkflow.bpmn import BpmnWorkflow
        from SpiffWorkflow.bpmn.parser import BpmnParser
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
    except ImportError:
        return None
    tasks = "".join(f'<bpmn:scriptTask id="t{i}"><bpmn:incoming>f{i}</bpmn:incoming><bpmn:outgoing>f{i + 1}'
                    f'</bpmn:outgoing><bpmn:script>{"x = 1" if i == 0 else "x = x + 1"}</bpmn:script></bpmn:scriptTask>'
                    for i in range(CHAIN))
    flows = "".join(f'<bpmn:sequenceFlow id="f{i}" sourceRef="{"start" if i == 0 else f"t{i - 1}"}" '
                    f'targetRef="{"end" if i == CHAIN else f"t{i}"}"/>' for i in range(CHAIN + 1))
    parser = BpmnParser()
    parser.add_bpmn_str(SPIFF_BPMN.format(tasks=tasks, flows=flows, n=CHAIN).encode())
    spec = parser.get_spec("chain")
    serializer = BpmnWorkflowSerializer()
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE wf (id INTEGER PRIMARY KEY, state TEXT)")
    n_runs = max(1, total // CHAIN // 4)
    steps = 0
    t = time.perf_counter()
    for run in range(n_runs):
        wf = BpmnWorkflow(spec)
        db.execute("INSERT INTO wf (id, state) VALUES (?, ?)", (run, serializer.serialize_json(wf)))
        while not wf.is_completed():
            if not wf.run_next():
                break
            steps += 1
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE wf SET state = ? WHERE id = ?", (serializer.serialize_json(wf), run))
            db.execute("COMMIT")
    return steps / (time.perf_counter() - t)


def bench_steps(total: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rt = _runtime(f"sqlite:///{tmp}/flows.db")
        ours = trellis_steps(rt, total)
        raw = raw_steps_sqlite(f"{tmp}/raw.db", total)
        spiff = spiff_steps(f"{tmp}/spiff.db", total)
        print(f"steps sqlite: trellis {ours:,.0f}/s, hand-written {raw:,.0f}/s (ratio {ours / raw:.2f})"
              + (f", SpiffWorkflow {spiff:,.0f}/s (trellis {ours / spiff:.1f}x)" if spiff else
                 ", SpiffWorkflow not installed") + " (goal: >= 5,000/s)")
    with ScratchPostgres() as url:
        if url:
            rt = _runtime(url)
            ours = trellis_steps(rt, total // 2)
            raw = raw_steps_pg(url, total // 2)
            rt.engine.dispose()
            print(f"steps postgresql: trellis {ours:,.0f}/s, hand-written {raw:,.0f}/s (ratio {ours / raw:.2f}) "
                  "(goal: >= 1,000/s)")


# -- events ------------------------------------------------------------------------------------

def bench_events(n_events: int) -> None:
    from trellis.kernel.actor import SYSTEM
    from trellis.logic import compile_rule, truthy
    from trellis.records.lifecycle import WriteContext

    with tempfile.TemporaryDirectory() as tmp:
        rt = _runtime(f"sqlite:///{tmp}/events.db")
        conditions = []
        for i in range(50):
            cond = {"and": [{">": [{"var": "equity"}, 1_000_000 + i]}, {"==": [{"var": "risk_level"}, "C5"]}]}
            trigger = {"type": "record_updated", "fields": ["equity"]} if i % 2 else {"type": "record_created"}
            _publish(rt, f"f{i}", {"form": "client", "trigger": trigger, "condition": cond,
                                   "steps": [{"id": "x", "type": "set_variable", "name": "x", "value": 1}]})
            conditions.append((trigger, compile_rule(cond)))
        form = rt.form("demo", "client")
        batch = 1000
        news = [{"id": i, "version": 2, "name": "n", "equity": 1000 + i, "risk_level": "C3"} for i in range(batch)]
        olds = [{"id": i, "version": 1, "name": "n", "equity": 900 + i, "risk_level": "C3"} for i in range(batch)]
        rounds = max(1, n_events // (2 * batch))
        with rt.transaction() as conn:
            t = time.perf_counter()
            for _ in range(rounds):
                for event, old in (("after_insert", None), ("after_update", olds)):
                    ctx = WriteContext(rt, form, conn, SYSTEM, event=event, records=news, old=old or [])
                    rt.flows.on_write(ctx)
            ours = rounds * 2 * batch / (time.perf_counter() - t)
            conn.rollback()
        t = time.perf_counter()
        for _ in range(rounds):
            for event, old in (("insert", None), ("update", olds)):
                for j, new in enumerate(news):
                    for trigger, fn in conditions:
                        if trigger["type"] == "record_created" and event != "insert":
                            continue
                        if trigger["type"] == "record_updated":
                            if event != "update" or old[j]["equity"] == new["equity"]:
                                continue
                        truthy(fn(new))
        raw = rounds * 2 * batch / (time.perf_counter() - t)
        print(f"events: trellis {ours:,.0f}/s against 50 flows, hand-written {raw:,.0f}/s (ratio {ours / raw:.2f}) "
              "(goal: >= 20,000/s)")


# -- threshold scan ----------------------------------------------------------------------------

def bench_scan(clients: int, stale: int = 200_000) -> None:
    import sqlalchemy as sa

    from trellis.flows import runs
    from trellis.flows.triggers.threshold import scan

    with tempfile.TemporaryDirectory() as tmp:
        rt = _runtime(f"sqlite:///{tmp}/scan.db")
        with rt.transaction() as conn:  # one in 10,000 clients past 80% margin usage
            conn.execute(sa.text(f"""
                WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {clients})
                INSERT INTO demo__client (id, version, name, margin, created_at, updated_at)
                SELECT i, 1, 'c' || i, CASE WHEN i % 10000 = 0 THEN 0.9 ELSE (i % 80) / 100.0 END,
                       '2026-03-01', '2026-03-01' FROM s"""))
        _publish(rt, "margin", {"form": "client", "trigger": {"type": "threshold",
                                                             "condition": {">": [{"var": "margin"}, 0.8]}},
                                "steps": [{"id": "s", "type": "set_variable", "name": "x", "value": 1}]})
        flow = rt.flows.catalog.get("demo", "margin")
        raw_sql = sa.text("SELECT id FROM demo__client c WHERE c.margin > 0.8 AND c.deleted_at IS NULL AND NOT EXISTS "
                          "(SELECT 1 FROM trellis_flow_marks m WHERE m.app = 'demo' AND m.flow = 'margin' "
                          "AND m.record_id = c.id) ORDER BY c.id LIMIT 5000")
        for name, prepare in (("first pass (runs started)", None), ("nothing new", None),
                              (f"{stale:,} stale marks cleared", stale)):
            if prepare:
                with rt.transaction() as conn:
                    runs.mark(conn, "demo", "margin", list(range(1, prepare + 1)), rt.clock.now())
            with rt.engine.connect() as conn:
                t = time.perf_counter()
                conn.execute(raw_sql).all()
                raw = time.perf_counter() - t
            with rt.transaction() as conn:
                t = time.perf_counter()
                started, crossed, cleared = scan(rt.flows, flow, conn, name)
                ours = time.perf_counter() - t
            print(f"scan {clients:,} clients, {name}: trellis {ours:.3f} s (started {started}, re-armed {cleared}), "
                  f"raw SELECT {raw:.3f} s (ratio {ours / raw:.1f}) (goal: <= 1 s)")


# -- timers ------------------------------------------------------------------------------------

def bench_timers(n: int, due_now: int = 1000, spread: float = 10.0) -> None:
    """`n` runs waiting, `due_now` of them due over the next `spread` seconds (the rest a day
    later): how late each of those woke, against bare jobs due at the same times."""
    import sqlalchemy as sa

    from trellis.flows import runs
    from trellis.jobs.outbox import enqueue_many
    from trellis.storage.models import flow_step

    with tempfile.TemporaryDirectory() as tmp:
        rt = _runtime(f"sqlite:///{tmp}/timers.db")
        _publish(rt, "nap", {"form": "client", "trigger": {"type": "manual"}, "steps": [
            {"id": "w", "type": "wait", "for": {"amount": 1, "unit": "minutes"}},
            {"id": "x", "type": "set_variable", "name": "woke", "value": 1}]})
        flow = rt.flows.catalog.get("demo", "nap")
        bare: list[float] = []
        rt.jobs.register("bench.timer", lambda due: bare.append(time.time() - due))
        with rt.transaction() as conn:  # the runs first: each waits until its job wakes it
            passed = datetime.now().isoformat()
            cursor = {"tokens": [{"id": 1, "at": "/steps/0", "wait": {"until": passed}, "parent": None,
                                  "join": None, "loops": []}], "next": 2}
            ids = [runs.create(conn, app="demo", flow="nap", version=flow.version, form=None, record_id=None,
                               event=f"nap:{i}", cursor=cursor, context={"vars": {}}, actor_id=None,
                               now=datetime.now()) for i in range(n)]
        base = datetime.now() + timedelta(seconds=2)  # then the wake-ups, measured from here
        dues = [base + timedelta(seconds=spread * i / due_now) if i < due_now else base + timedelta(days=1)
                for i in range(n)]
        with rt.transaction() as conn:
            enqueue_many(conn, "flows.advance", [({"run": rid}, due, f"nap:{rid}") for rid, due in zip(ids, dues)])
            enqueue_many(conn, "bench.timer", [({"due": due.timestamp() + 0.5}, due + timedelta(seconds=0.5),
                                                f"bare:{i}") for i, due in enumerate(dues[:due_now])])
        rt.jobs.start()
        by_run = dict(zip(ids, dues))
        deadline = time.time() + spread + 60
        lags: list[float] = []
        while time.time() < deadline:
            time.sleep(0.5)
            with rt.engine.connect() as conn:
                rows = conn.execute(sa.select(flow_step.c.run_id, flow_step.c.at).where(flow_step.c.node == "x")).all()
            if len(rows) >= due_now and len(bare) >= due_now:
                lags = [max(0.0, (at - by_run[rid]).total_seconds()) for rid, at in rows]
                break
        rt.jobs.scheduler.stop()
        if not lags:
            print(f"timers: only some of the {due_now} due runs woke in time")
            return
        p50, p95 = percentiles(lags)
        b50, b95 = percentiles(bare)
        print(f"timers: {n:,} waiting runs, {due_now:,} due over {spread:.0f} s: lag p50 {p50 * 1000:.0f} ms, "
              f"p95 {p95 * 1000:.0f} ms, max {max(lags) * 1000:.0f} ms; bare jobs p50 {b50 * 1000:.0f} ms, "
              f"p95 {b95 * 1000:.0f} ms (goal: p95 <= 1,000 ms)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=20_000)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=1_000_000)
    ap.add_argument("--timers", type=int, default=10_000)
    ap.add_argument("--due", type=int, default=1000, help="of the waiting runs, those due during the measure")
    ap.add_argument("--spread", type=float, default=10.0, help="seconds over which they come due")
    ap.add_argument("--only", default="steps,events,scan,timers")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))
    if "steps" in only:
        bench_steps(args.steps)
    if "events" in only:
        bench_events(args.events)
    if "scan" in only:
        bench_scan(args.clients)
    if "timers" in only:
        bench_timers(args.timers, args.due, args.spread)
    return 0


if __name__ == "__main__":
    sys.exit(main())
