"""What the database holds after the production load (tests/bench/bench_load.py), checked
against what the virtual users were told (load_mix.MixStats):

- every acknowledged create is stored exactly once (by its mobile), none unacknowledged;
- every record a user updated carries the version of its last acknowledged update (the
  prospects submitted to the review are left out: the flow's steps write them);
- every acknowledged submit has its run, every acknowledged approve its task approved;
- every import batch is done with its sheet's rows, and the form holds exactly those rows;
- no job of the run is dead or failed; how many are still waiting (the imports' onboarding
  journeys) once the stack has been given `drain` seconds;
- the audit chain verifies (`trellis audit verify`, the command IT runs).
"""
from __future__ import annotations

import time
from datetime import datetime

import sqlalchemy as sa

from load_driver import MARK
from load_sheet import IMPORT_MARK

CLIENT = sa.table("futures_crm__client", sa.column("id"), sa.column("mobile"), sa.column("version"),
                  sa.column("name"))
RUNS = sa.table("trellis_flow_runs", sa.column("id"), sa.column("flow"), sa.column("record_id"))
TASKS = sa.table("trellis_flow_tasks", sa.column("id"), sa.column("state"))
BATCH = sa.table("trellis_import_batch", sa.column("id"), sa.column("status"), sa.column("inserted"))


def last_job_id(engine) -> int:
    from trellis.storage.models import job

    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.coalesce(sa.func.max(job.c.id), 0))).scalar_one()


def backlog(engine) -> dict:
    """Jobs due now (waiting or with an expired lease) and running, and the job counts."""
    from trellis.jobs.store import JobStore
    from trellis.storage.models import job

    store = JobStore(engine)
    with engine.connect() as conn:
        due = conn.execute(sa.select(sa.func.count()).where(store.due_condition(datetime.now()))).scalar_one()
        running = conn.execute(sa.select(sa.func.count()).where(job.c.state == "running")).scalar_one()
    return {"due": due, "running": running}


def settle(engine, timeout: float, quiet: int = 0) -> dict:
    """Wait (at most `timeout` s) until at most `quiet` jobs are due or running."""
    t = time.monotonic()
    while True:
        b = backlog(engine)
        if b["due"] + b["running"] <= quiet or time.monotonic() - t > timeout:
            return dict(b, waited_s=round(time.monotonic() - t, 1))
        time.sleep(1)


def jobs_since(engine, first_id: int) -> dict:
    from trellis.storage.models import job

    with engine.connect() as conn:
        rows = conn.execute(sa.select(job.c.state, sa.func.count()).where(job.c.id > first_id)
                            .group_by(job.c.state)).all()
        dead = conn.execute(sa.select(job.c.name, job.c.last_error).where(
            job.c.id > first_id, job.c.state.in_(("dead", "failed"))).limit(3)).all()
    out = {s: n for s, n in rows}
    if dead:
        out["first_dead_or_failed"] = [(n, (e or "")[:200]) for n, e in dead]
    return out


def consistency(engine, runs, *, first_job: int, audit=None, drain: float) -> dict:
    """`runs`: the MixStats of the load; `audit()`: the finished `trellis audit verify`
    (a CompletedProcess); `drain`: seconds the stack may take for the due jobs first."""
    created, versions, prospects, submitted, approved, imports, unacked = {}, {}, set(), {}, [], [], 0
    for r in runs:
        created.update(r.created)
        versions.update(r.versions)
        prospects |= r.prospects
        submitted.update(r.submitted)
        approved += r.approved
        imports += r.imports
        unacked += r.unacked
    t = time.monotonic()
    drained = settle(engine, drain)
    with engine.connect() as conn:
        rows = conn.execute(sa.select(CLIENT.c.id, CLIENT.c.mobile, CLIENT.c.version)
                            .where(CLIENT.c.name.like(f"{MARK}%"))).all()
        runs_of = set(conn.execute(sa.select(RUNS.c.record_id).where(
            RUNS.c.flow == "account_opening", RUNS.c.record_id.in_(list(submitted) or [0]))).scalars())
        states = dict(conn.execute(sa.select(TASKS.c.id, TASKS.c.state).where(
            TASKS.c.id.in_(approved or [0]))).all())
        batch_rows = {b["batch"]: conn.execute(sa.select(BATCH.c.status, BATCH.c.inserted)
                                               .where(BATCH.c.id == b["batch"])).one() for b in imports}
        imported = {b["batch"]: conn.execute(sa.select(sa.func.count()).select_from(CLIENT).where(
            CLIENT.c.name.like(f"{IMPORT_MARK}{b['tag']}-%"))).scalar_one() for b in imports}
    by_id = {r.id: r for r in rows}
    mobiles: dict[str, int] = {}
    for r in rows:
        mobiles[r.mobile] = mobiles.get(r.mobile, 0) + 1
    out = {
        "acknowledged_creates": len(created),
        "missing": sum(1 for i in created if i not in by_id),
        "duplicated": sum(1 for m in created.values() if mobiles.get(m, 0) != 1),
        "unacknowledged_present": sum(1 for r in rows if r.id not in created),
        "unacknowledged_writes": unacked,
        "updated_records": sum(1 for i, v in versions.items() if v > 1 and i not in prospects),
        "wrong_version": sum(1 for i, v in versions.items()
                             if i not in prospects and i in by_id and by_id[i].version != v),
        "submits": len(submitted), "submits_without_run": sum(1 for i in submitted if i not in runs_of),
        "approvals": len(approved), "approvals_not_stored": sum(1 for i in approved if states.get(i) != "approved"),
        "imports": [{"batch": b, "status": s, "inserted": n, "rows_in_form": imported[b]}
                    for b, (s, n) in batch_rows.items()],
        "imports_wrong": sum(1 for b in imports if batch_rows[b["batch"]][0] != "done"
                             or batch_rows[b["batch"]][1] != b["rows"] or imported[b["batch"]] != b["rows"]),
        "jobs": jobs_since(engine, first_job),
        "backlog_after_drain": drained,
        "check_s": None,
    }
    out["jobs_dead_or_failed"] = out["jobs"].get("dead", 0) + out["jobs"].get("failed", 0)
    if audit is not None:
        done = audit()
        out["audit_ok"] = done.returncode == 0
        out["audit"] = (done.stdout.strip() or done.stderr.strip())[-300:]
    out["check_s"] = round(time.monotonic() - t, 1)
    return out


class Waits:
    """What the database's sessions of the run were doing, sampled every second while the
    block runs (`with Waits(engine) as w: ...; w.result`): the busiest (wait event, query
    start) pairs of active sessions, the longest-held lock waits seen (a session queued
    behind another transaction's row lock shows as Lock/transactionid or Lock/tuple)."""

    SQL = sa.text("SELECT coalesce(wait_event_type || '/' || wait_event, 'cpu') AS w, left(query, 70) AS q, "
                  "extract(epoch FROM now() - query_start) AS s FROM pg_stat_activity "
                  "WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()")

    def __init__(self, engine):
        self.engine, self.counts, self.samples, self.longest = engine, {}, 0, {}
        self.stop = None

    def _loop(self):
        with self.engine.connect() as conn:
            while not self.stop.wait(1.0):
                self.samples += 1
                for w, q, secs in conn.execute(self.SQL).all():
                    key = f"{w} {(q or '').split(chr(10))[0]}"
                    self.counts[key] = self.counts.get(key, 0) + 1
                    if w.startswith("Lock"):
                        self.longest[key] = max(self.longest.get(key, 0), round(float(secs or 0), 1))
                conn.rollback()

    def __enter__(self):
        import threading

        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(10)
        top = sorted(self.counts.items(), key=lambda kv: -kv[1])[:8]
        self.result = {"samples": self.samples,
                       "active_per_sample": [(k, round(n / max(1, self.samples), 2)) for k, n in top],
                       "lock_waits_longest_s": sorted(self.longest.items(), key=lambda kv: -kv[1])[:4]}
        return False


def ok(c: dict) -> bool:
    return (c["missing"] == c["duplicated"] == c["wrong_version"] == c["submits_without_run"]
            == c["approvals_not_stored"] == c["imports_wrong"] == c["jobs_dead_or_failed"] == 0
            and c.get("audit_ok", True))
