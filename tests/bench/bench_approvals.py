"""Benchmark of people in flows, as ratios against baselines measured in the same run:

- inbox: `GET /api/v1/inbox` of one user over 10,000 open approval instances across 500
  users (20 pending each), through the Flask app with a bearer token, p50 / p95, against
  the same rows read with one raw SQL query on the driver. Goal: p50 <= 50 ms.
- approve: approve-and-advance in one process on SQLite (`people.act`), each one audited
  transaction: the task approved with its audit entry and the run moved on, either to its
  end (the step, the record's approval status written through the record service, audited)
  or to the next approver (the step, the new task, its notice job), against a raw driver
  transaction doing the first's writes (task, run, step log, record status, two audit rows).
  Goal: >= 1,000 tasks/s.

Usage: python tests/bench/bench_approvals.py [--instances N] [--users N] [--approve N]
"""
from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import percentiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "flows"))
FLOW = {"schema_version": 1, "id": "bench_approval", "label": {"zh": "报销审批", "en": "Expense approval"},
        "form": "expense", "trigger": {"type": "submitted", "status_field": "status"},
        "steps": [{"id": "head", "type": "approval", "approvers": [{"type": "user", "user": "dan"}]}]}


# -- inbox ---------------------------------------------------------------------------------------

def inbox(instances: int, users: int, samples: int = 200) -> dict:
    import sqlalchemy as sa

    from approvalkit import EXPENSE
    from samples import APP, BROKER, CLIENT, DEAL, install
    from trellis import create_app
    from trellis.provision.setup import init_db
    from trellis.storage.models import flow_run, flow_task

    home = tempfile.mkdtemp(prefix="trellis-bench-inbox-")
    app = create_app({"TRELLIS_HOME": home, "TESTING": True, "TRELLIS_DEFINITION_TTL": 60})
    init_db(app, admin_password="bench-admin-pass-1")
    rt = app.extensions["trellis"]
    install(rt, BROKER, CLIENT, DEAL, EXPENSE, app=dict(APP, forms=APP["forms"] + ["expense"]))
    rt.store.save_draft("demo", "flow", FLOW["id"], FLOW)
    rt.publish("demo", "flow", FLOW["id"])
    version = rt.flows.catalog.get("demo", FLOW["id"]).version
    with app.app_context():
        sm = app.appbuilder.sm
        me = sm.add_user("inbox_me", "Inbox", "Me", "me@example.com", sm.find_role("Public"), password="bench-pass-1")
    users_t = sa.table("ab_user", *[sa.column(c) for c in ("id", "username", "first_name", "last_name", "email",
                                                            "active", "password")])
    now = datetime.now().replace(microsecond=0)
    with rt.transaction() as conn:
        ids = [me.id] + [conn.execute(users_t.insert().values(
            username=f"u{i:04d}", first_name="用户", last_name=str(i), email=f"u{i}@example.com", active=True,
            password="x").returning(users_t.c.id)).scalar_one() for i in range(users - 1)]
        runs = [{"app": "demo", "flow": FLOW["id"], "version": version, "form": "expense", "record_id": i + 1,
                 "event": f"bench:{i}", "state": "waiting", "seq": 1, "cursor": {"tokens": []}, "context": {},
                 "actor_id": ids[(i + 1) % users], "started_at": now, "updated_at": now} for i in range(instances)]
        conn.execute(flow_run.insert(), runs)
        run_ids = list(conn.execute(sa.select(flow_run.c.id).order_by(flow_run.c.id)).scalars())
        conn.execute(flow_task.insert(), [{
            "app": "demo", "run_id": rid, "flow": FLOW["id"], "node": "head", "token": 1, "round": 0,
            "kind": "approval", "mode": "any", "position": 0, "assignee_id": ids[i % users], "state": "pending",
            "form": "expense", "record_id": i + 1, "title": f"报销审批 · 差旅 {i}", "initiator_id": ids[(i + 1) % users],
            "created_at": now, "due_at": now, "urges": 0} for i, rid in enumerate(run_ids)])
    client = app.test_client()
    token = client.post("/api/v1/security/login", json={"username": "inbox_me", "password": "bench-pass-1",
                                                       "provider": "db"}).get_json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert len(client.get("/api/v1/inbox", headers=headers).get_json()["items"]) == instances // users
    api = []
    for _ in range(samples):
        t = time.perf_counter()
        r = client.get("/api/v1/inbox?state=pending", headers=headers)
        api.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200
    db = sqlite3.connect(str(Path(home) / "trellis.db"))
    raw = []
    for _ in range(samples):
        t = time.perf_counter()
        db.execute("SELECT * FROM trellis_flow_tasks WHERE assignee_id = ? AND state = 'pending' "
                   "ORDER BY due_at IS NULL, due_at, id LIMIT 50", (me.id,)).fetchall()
        raw.append((time.perf_counter() - t) * 1000)
    (a50, a95), (r50, r95) = percentiles(api), percentiles(raw)
    return {"api_p50_ms": round(a50, 2), "api_p95_ms": round(a95, 2), "raw_sql_p50_ms": round(r50, 3),
            "raw_sql_p95_ms": round(r95, 3), "instances": instances, "users": users}


# -- approve-and-advance ---------------------------------------------------------------------------

def approve(n: int, then_another: bool = False) -> dict:
    """Approve `n` tasks in a row; `then_another`: the flow has a second step, so each approval
    gives the next approver a task (and its notice) instead of ending the run."""
    from approvalkit import make, user
    from flowkit import publish
    from trellis.flows import task_store
    from trellis.storage.database import make_engine
    from trellis.storage import migrate

    path = Path(tempfile.mkdtemp(prefix="trellis-bench-approve-")) / "a.db"
    eng = make_engine(f"sqlite:///{path}")
    migrate.upgrade(eng)
    rt = make(eng, start=datetime(2026, 3, 2, 9, 0), ttl=60)
    second = dict(FLOW["steps"][0], id="second", approvers=[{"type": "user", "user": "eve"}])
    publish(rt, dict(FLOW, steps=FLOW["steps"] + [second]) if then_another else FLOW)
    ann = user(rt, "ann")
    rt.records("demo", "expense", ann).bulk_create([{"reason": f"差旅 {i}", "amount": "100.00"} for i in range(n)])
    rt.jobs.run_due()
    T = task_store.T
    with rt.engine.connect() as conn:
        tasks = [dict(r) for r in conn.execute(task_store.sa.select(T).where(
            T.c.assignee_id == rt.people["dan"], T.c.state == "pending").order_by(T.c.id)).mappings()]
    assert len(tasks) == n, len(tasks)
    dan = user(rt, "dan")
    t = time.perf_counter()
    for task in tasks:  # acting moves the run on at once when nobody is left to act
        rt.flows.people.act(task["id"], "approve", dan, {"comment": "同意"})
    took = time.perf_counter() - t
    with rt.engine.connect() as conn:
        done = conn.exec_driver_sql("SELECT count(*) FROM demo__expense WHERE status = 'approved'").scalar()
        waiting = conn.execute(task_store.sa.select(task_store.sa.func.count()).select_from(T).where(
            T.c.assignee_id == rt.people["eve"], T.c.state == "pending")).scalar()
    assert (waiting if then_another else done) == n, (done, waiting)
    return {"tasks_per_s": round(n / took), "tasks": n}


def raw_approve(n: int) -> float:
    path = Path(tempfile.mkdtemp(prefix="trellis-bench-raw-")) / "r.db"
    db = sqlite3.connect(str(path), isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.executescript("""
        CREATE TABLE task (id INTEGER PRIMARY KEY, run INTEGER, state TEXT, comment TEXT, acted_at TEXT, acted_by INT);
        CREATE TABLE run (id INTEGER PRIMARY KEY, seq INT, state TEXT, cursor TEXT, context TEXT, updated_at TEXT);
        CREATE TABLE step (id INTEGER PRIMARY KEY, run INT, seq INT, node TEXT, result TEXT, output TEXT, at TEXT);
        CREATE TABLE expense (id INTEGER PRIMARY KEY, status TEXT, version INT, updated_at TEXT);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, form TEXT, record INT, action TEXT, diff TEXT, prev TEXT, hash TEXT);
    """)
    db.executemany("INSERT INTO task VALUES (?, ?, 'pending', NULL, NULL, NULL)", [(i, i) for i in range(n)])
    db.executemany("INSERT INTO run VALUES (?, 1, 'waiting', '{}', '{}', '')", [(i,) for i in range(n)])
    db.executemany("INSERT INTO expense VALUES (?, 'pending', 1, '')", [(i,) for i in range(n)])
    t = time.perf_counter()
    for i in range(n):
        now = datetime.now().isoformat()
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE task SET state = 'approved', comment = ?, acted_at = ?, acted_by = 1 WHERE id = ? "
                   "AND state = 'pending'", ("同意", now, i))
        db.execute("INSERT INTO audit (form, record, action, diff, prev, hash) VALUES ('expense', ?, 'task.approve', "
                   "'{\"state\": [\"pending\", \"approved\"]}', 'x', 'y')", (i,))
        db.execute("UPDATE run SET seq = 2, state = 'done', cursor = '{\"tokens\": []}', updated_at = ? "
                   "WHERE id = ? AND seq = 1", (now, i))
        db.execute("INSERT INTO step (run, seq, node, result, output, at) VALUES (?, 1, 'head', 'ok', "
                   "'{\"outcome\": \"approved\"}', ?)", (i, now))
        db.execute("UPDATE expense SET status = 'approved', version = version + 1, updated_at = ? WHERE id = ?", (now, i))
        db.execute("INSERT INTO audit (form, record, action, diff, prev, hash) VALUES ('expense', ?, 'update', "
                   "'{\"status\": [\"pending\", \"approved\"]}', 'x', 'y')", (i,))
        db.execute("COMMIT")
    return n / (time.perf_counter() - t)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--instances", type=int, default=10_000)
    p.add_argument("--users", type=int, default=500)
    p.add_argument("--approve", type=int, default=2_000)
    args = p.parse_args()
    box = inbox(args.instances, args.users)
    print(f"inbox ({box['instances']:,} open instances, {box['users']} users): API p50 {box['api_p50_ms']} ms, "
          f"p95 {box['api_p95_ms']} ms; raw SQL p50 {box['raw_sql_p50_ms']} ms "
          f"(x{box['api_p50_ms'] / max(box['raw_sql_p50_ms'], 1e-6):.0f}); goal p50 <= 50 ms", flush=True)
    raw = raw_approve(args.approve)
    for then_another, what in ((False, "the run ends, status written"), (True, "the next approver's task")):
        ours = approve(args.approve, then_another)
        print(f"approve-and-advance (SQLite, {ours['tasks']:,} tasks, {what}): {ours['tasks_per_s']:,}/s; raw "
              f"transactions {raw:,.0f}/s (ratio {ours['tasks_per_s'] / raw:.3f}); goal >= 1,000/s", flush=True)


if __name__ == "__main__":
    main()
