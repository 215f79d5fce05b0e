"""The scale-out topology, for real: Debian's nginx in front of two gunicorn instances, two
Celery workers and beat, on this machine's PostgreSQL (a database of the run's own) and
Redis (db 12), with the futures CRM seeded and TRELLIS_SIMULATION=1 (the shared simulated
clock, jobs/shared_clock.py). Through nginx only:

- sign in (JWT), import a sheet (the import runs on a Celery worker: the batch's heartbeat
  names a worker's process);
- create clients from several threads while one gunicorn instance and then one worker are
  killed (SIGKILL, the whole process group; the worker while it runs a job): nginx routes
  around the dead instance (no read fails), every acknowledged create is in the database
  exactly once, the killed worker's jobs run again on the other one (their leases are
  short here: TRELLIS_JOB_LEASE_MAX_SECONDS);
- the onboarding journey of each new client over simulated days (`trellis jobs advance`):
  the welcome mail in the outbox, three days later the deposit-guide SMS, after the deposit
  the callback task; a ticket's approval (risk control approves it from the inbox); a
  dashboard's page and tiles;
- nothing was sent twice (outbox rows per client, event, channel and recipient), no job is
  dead or failed, every flow run of the scenario finished or waits where it should.

Skipped, saying why, when PostgreSQL, Redis or nginx are missing."""
from __future__ import annotations

import json
import os
import random
import signal
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from topology import ADMIN_PASSWORD, DEMO_PASSWORD, Topology, pg_database, redis_url, skip_reason

REASON = skip_reason()
pytestmark = [pytest.mark.pg, pytest.mark.redis,
              pytest.mark.skipif(REASON is not None, reason=REASON or "")]

APP = "/api/v1/apps/futures_crm"
CLIENTS = APP + "/forms/client/records"
TICKETS = APP + "/forms/ticket/records"
FOLLOW_UPS = APP + "/forms/follow_up/records"
IMPORTS = APP + "/forms/client/imports"
ENV = {
    "TRELLIS_SIMULATION": "1",               # every process reads the shared simulated clock
    "TRELLIS_JOB_LEASE_SECONDS": "6",        # a dead worker's jobs are claimed again within seconds
    "TRELLIS_JOB_LEASE_MAX_SECONDS": "6",
    "TRELLIS_JOB_QUEUED_LEASE_SECONDS": "15",
    "TRELLIS_IMPORT_STALE_SECONDS": "10",
    "TRELLIS_JOB_TICK_SECONDS": "0.5",
}
_MOBILES = random.SystemRandom()


# -- talking to the instance ------------------------------------------------------------------
class User:
    """A signed-in user's keep-alive session through nginx."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        self.http = requests.Session()
        r = self.http.post(base + "/api/v1/security/login", timeout=30,
                           json={"username": username, "password": password, "provider": "db"})
        assert r.status_code == 200, r.text
        self.http.headers["Authorization"] = "Bearer " + r.json()["access_token"]

    def call(self, method: str, path: str, expect: int = 200, **kw):
        r = self.http.request(method, self.base + path, timeout=60, **kw)
        assert r.status_code == expect, f"{method} {path}: {r.status_code} {r.text[:500]}"
        return r.json() if r.content else None


def _new_client(tag: str, n: int) -> dict:
    mobile = "193" + f"{_MOBILES.randrange(10**8):08d}"  # a prefix the seed's generator never gives
    return {"name": f"拓扑{tag}-{n}", "mobile": mobile, "email": f"{mobile}@example.com",
            "client_type": "individual", "risk_level": "C3", "investor_type": "ordinary",
            "opened_at": "2026-12-01", "status": "active"}


def _sheet(path: Path, rows: int) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["客户名称", "手机号", "客户类型", "风险测评结果", "投资者类别", "开户日期"])
    block = _MOBILES.randrange(10**4)
    for r in range(rows):
        ws.append([f"拓扑导入-{r}", "165%04d%04d" % (block, r), "个人", "C2 谨慎型", "普通投资者", "2026-11-30"])
    wb.save(path)
    return path


class Writers:
    """Threads creating clients (and reading lists) through nginx until stopped, keeping what
    was acknowledged (2xx) and what got no answer or an error."""

    def __init__(self, base: str, token_user: User, threads: int = 3):
        self.base, self.user = base, token_user
        self.acked: dict[int, str] = {}       # id -> mobile
        self.failed: list[tuple[str, int, str]] = []  # (kind, status, text)
        self.unanswered: list[str] = []       # mobiles of creates without a 2xx
        self.reads = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self._write, args=(k,), daemon=True) for k in range(threads)]
        self.threads.append(threading.Thread(target=self._read, daemon=True))

    def _session(self) -> requests.Session:
        s = requests.Session()
        s.headers.update(self.user.http.headers)
        return s

    def _write(self, k: int) -> None:
        s, n = self._session(), 0
        while not self.stop.is_set():
            n += 1
            body = _new_client(f"w{k}", n)
            try:
                r = s.post(self.base + CLIENTS, json=body, timeout=60)
            except requests.RequestException as e:
                with self.lock:
                    self.failed.append(("create", 0, repr(e)[:200]))
                    self.unanswered.append(body["mobile"])
                continue
            with self.lock:
                if r.status_code in (200, 201):
                    self.acked[r.json()["id"]] = body["mobile"]
                else:
                    self.failed.append(("create", r.status_code, r.text[:200]))
                    self.unanswered.append(body["mobile"])
            time.sleep(0.05)

    def _read(self) -> None:
        s = self._session()
        while not self.stop.is_set():
            try:
                r = s.get(self.base + CLIENTS + "?limit=20&sort=-id", timeout=60)
                ok = r.status_code == 200
            except requests.RequestException as e:
                ok, r = False, e
            with self.lock:
                self.reads += 1
                if not ok:
                    self.failed.append(("read", getattr(r, "status_code", 0), str(getattr(r, "text", r))[:200]))
            time.sleep(0.05)

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join(90)


# -- reading the database -----------------------------------------------------------------------
def _offset(engine) -> int:
    from trellis.jobs.shared_clock import read_offset

    return read_offset(engine)


def _backlog(engine) -> dict:
    """Jobs due now on the instance's (simulated) clock, or running."""
    from trellis.jobs.store import JobStore
    from trellis.storage.models import job

    now = datetime.now() + timedelta(seconds=_offset(engine))
    with engine.connect() as conn:
        due = conn.execute(sa.select(sa.func.count()).where(JobStore(engine).due_condition(now))).scalar_one()
        running = conn.execute(sa.select(sa.func.count()).where(job.c.state == "running")).scalar_one()
    return {"due": due, "running": running}


def _settle(engine, topo: Topology, timeout: float = 120) -> None:
    """Wait until no job is due or running (twice in a row, half a second apart)."""
    deadline, quiet = time.monotonic() + timeout, 0
    while True:
        b = _backlog(engine)
        quiet = quiet + 1 if b["due"] + b["running"] == 0 else 0
        if quiet >= 2:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"jobs did not settle: {b}\n{topo.log('worker1')[-3000:]}")
        time.sleep(0.5)


def _sent(engine, events: tuple[str, ...]) -> list[dict]:
    """Outbox rows of these events, with the delivery that wrote each."""
    q = sa.text("SELECT o.record, d.event, d.channel, d.recipient_key, o.delivery_id FROM trellis_outbox o "
                "JOIN trellis_deliveries d ON d.id = o.delivery_id WHERE o.app = 'futures_crm' AND d.event IN :ev"
                ).bindparams(sa.bindparam("ev", expanding=True))
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(q, {"ev": list(events)}).mappings()]


def _running_on(engine, pgid: int) -> list[int]:
    """Ids of jobs running in a process of that process group (lease owner host:pid:...)."""
    from trellis.storage.models import job

    with engine.connect() as conn:
        rows = conn.execute(sa.select(job.c.id, job.c.lease_owner).where(job.c.state == "running")).all()
    out = []
    for job_id, owner in rows:
        parts = (owner or "").split(":")
        if len(parts) >= 3 and parts[0] != "celery" and parts[1].isdigit():
            try:
                if os.getpgid(int(parts[1])) == pgid:
                    out.append(job_id)
            except ProcessLookupError:
                pass
    return out


# -- the scenario -------------------------------------------------------------------------------
def test_the_topology_survives_a_dead_web_instance_and_a_dead_worker(tmp_path):
    t0 = time.monotonic()
    with pg_database("trellis_topology") as url, \
            Topology(tmp_path / "home", url, redis_url(12), webs=2, workers=2, env=ENV, clients=8) as topo:
        print(f"\nthe topology started in {time.monotonic() - t0:.1f} s (init, seed, 2 web, 2 workers, beat, nginx)")
        engine = sa.create_engine(url, pool_size=2)
        try:
            _scenario(topo, engine, tmp_path)
        finally:
            engine.dispose()
    assert time.monotonic() - t0 < 600


def _scenario(topo: Topology, engine, tmp_path: Path) -> None:
    admin = User(topo.url, "admin", ADMIN_PASSWORD)
    risk = User(topo.url, "risk01", DEMO_PASSWORD)

    # 1. an import of a sheet runs on a Celery worker
    t = time.monotonic()
    sheet = _sheet(tmp_path / "clients.xlsx", 20)
    with open(sheet, "rb") as f:
        inspected = admin.call("POST", IMPORTS + "/inspect", files={"file": ("clients.xlsx", f)})
    mapping = {str(c["column"]): c["field"] for c in inspected["mapping"] if c.get("field")}
    r = admin.http.post(topo.url + IMPORTS, json={"upload": inspected["upload"], "mapping": mapping, "mode": "insert"},
                        timeout=60)
    assert r.status_code in (200, 201, 202), r.text
    batch = r.json()
    deadline = time.monotonic() + 90
    while batch["status"] in ("queued", "running") and time.monotonic() < deadline:
        time.sleep(0.5)
        batch = admin.call("GET", f"{IMPORTS}/{batch['id']}")
    assert batch["status"] == "done" and batch["inserted"] == 20, batch
    from trellis.imports.batches import folder

    ran_in = int((folder(str(topo.home / "files"), batch["id"]) / "heartbeat").read_text())
    assert os.getpgid(ran_in) in {w.pid for w in topo.workers}, "the import ran outside the Celery workers"
    print(f"the import: upload to done in {time.monotonic() - t:.1f} s, run by worker process {ran_in}")

    # 2. a ticket for risk control's approval, and clients created while an instance and a worker die
    client = admin.call("POST", CLIENTS, json=dict(_new_client("t", 0), risk_level="C4"), expect=201)
    ticket = admin.call("POST", TICKETS, expect=201, json={
        "subject": "申请开通交易权限", "client": client["id"], "channel": "phone", "category": "permission",
        "priority": "medium", "status": "new", "opened_at": "2026-12-01T10:00:00", "product_risk": "R3"})
    interrupted: list[int] = []
    with Writers(topo.url, admin) as load:
        time.sleep(3)
        topo.kill_web(0)
        group = topo.workers[0].pid
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not interrupted:  # kill the worker while it runs a job:
            os.killpg(group, signal.SIGSTOP)  # frozen, it can finish nothing while we look
            interrupted = _running_on(engine, group)
            if not interrupted:
                os.killpg(group, signal.SIGCONT)
                time.sleep(0.1)
        topo.kill_worker(0)
        killed_at = time.monotonic()
        time.sleep(8)
    assert not topo.webs[0].alive() and not topo.workers[0].alive()
    reads_failed = [f for f in load.failed if f[0] == "read"]
    creates_failed = [f for f in load.failed if f[0] == "create"]
    assert load.reads > 20 and not reads_failed, reads_failed[:5]  # nginx routed every read around the dead one
    assert len(load.acked) > 20 and all(status in (0, 502, 504) for _, status, _ in creates_failed), creates_failed

    # every acknowledged create is there, once
    with engine.connect() as conn:
        stored = dict(conn.execute(sa.text("SELECT id, mobile FROM futures_crm__client WHERE deleted_at IS NULL "
                                           "AND mobile LIKE '193%'")).tuples().all())
    mine = {client["id"]: client["mobile"], **load.acked}
    assert {i: stored.get(i) for i in mine} == mine
    assert len(set(stored.values())) == len(stored)
    landed = set(load.unanswered) & set(stored.values())  # in flight at the kill: committed or not, never twice
    print(f"\nunder the kills: {len(load.acked)} creates acknowledged, {len(creates_failed)} unanswered "
          f"(HTTP {sorted({f[1] for f in creates_failed})}, {len(landed)} of them stored), {load.reads} reads; "
          f"jobs running on the killed worker: {interrupted}")

    # the dead worker's jobs ran again on the other one; the welcome mails went out
    _settle(engine, topo)
    print(f"every job done {time.monotonic() - killed_at:.1f} s after the worker's kill (leases of 6 s)")
    with engine.connect() as conn:
        again = {r[0]: r[1:] for r in conn.execute(sa.text(
            "SELECT id, state, attempts, name FROM trellis_jobs WHERE id = ANY(:ids)"), {"ids": interrupted or [0]})}
        retried = conn.execute(sa.text("SELECT name, count(*) FROM trellis_jobs WHERE attempts > 1 GROUP BY name")).all()
    print(f"the killed worker's jobs {again}; jobs run more than once: {retried}")
    assert all(state == "done" and attempts >= 2 for state, attempts, _ in again.values()), again
    welcome = [s for s in _sent(engine, ("welcome",)) if s["record"] in mine]
    assert sorted(s["record"] for s in welcome) == sorted(mine)  # each new client's welcome mail, once
    outbox = admin.call("GET", f"{APP}/outbox?record={client['id']}&form=client")
    assert "email" in [m["channel_type"] for m in outbox["items"]], outbox

    # 3. the ticket's approval: risk control approves it from the inbox
    deadline = time.monotonic() + 60
    tasks: list = []
    while not tasks and time.monotonic() < deadline:
        tasks = [t for t in risk.call("GET", "/api/v1/inbox?state=pending&app=futures_crm&limit=50")["items"]
                 if t["record"] == ticket["id"]]
        time.sleep(0.5)
    assert tasks, "the ticket's approval task never reached risk control's inbox"
    risk.call("GET", f"/api/v1/tasks/{tasks[0]['id']}")
    risk.call("POST", f"/api/v1/tasks/{tasks[0]['id']}/approve", json={"comment": "同意"})

    # 4. three days later (simulated, in every process): the deposit-guide SMS, once each
    t = time.monotonic()
    topo.cli("jobs", "advance", "--by", "3d1h")
    time.sleep(1.5)  # every process reads the clock again within half a second
    _settle(engine, topo)
    print(f"three days later: settled {time.monotonic() - t:.1f} s after `trellis jobs advance --by 3d1h`")
    sms = [s for s in _sent(engine, ("deposit_guide",)) if s["record"] in mine]
    assert sorted(s["record"] for s in sms) == sorted(mine)

    # 5. a deposit: the account manager's callback task
    depositors = sorted(mine)[:3]
    for rid in depositors:
        rec = admin.call("GET", f"{CLIENTS}/{rid}")
        admin.call("PATCH", f"{CLIENTS}/{rid}", json={"version": rec["version"], "first_deposit_date": "2026-12-05"})
    _settle(engine, topo)
    flt = json.dumps({"and": [{"in": [{"var": "client"}, depositors]}, {"==": [{"var": "purpose"}, "onboarding"]}]})
    callbacks = admin.call("GET", f"{FOLLOW_UPS}?limit=50&filter={requests.utils.quote(flt)}")["items"]
    assert sorted(c["client"] if not isinstance(c["client"], dict) else c["client"]["id"] for c in callbacks) \
        == depositors

    # 6. a dashboard's page and its tiles
    boards = admin.call("GET", f"{APP}/dashboards")["items"]
    assert boards
    page = admin.call("GET", f"{APP}/dashboards/{boards[0]['id']}")
    for tile in page.get("tiles", []):
        if tile.get("readable", True) and (tile.get("widget") or {}).get("type") != "shortcuts":
            admin.call("GET", f"{APP}/dashboards/{boards[0]['id']}/tiles/{tile['id']}")

    # nothing sent twice; nothing dead; the runs of the scenario ended or wait where they should
    everything = _sent(engine, ("welcome", "deposit_guide"))
    keys = [(s["record"], s["event"], s["channel"], s["recipient_key"]) for s in everything]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1][:5]
    with engine.connect() as conn:
        bad = conn.execute(sa.text("SELECT id, name, state, last_error FROM trellis_jobs "
                                   "WHERE state IN ('dead', 'failed')")).all()
        runs = dict(conn.execute(sa.text("SELECT record_id, state FROM trellis_flow_runs WHERE flow = 'onboarding' "
                                         "AND record_id = ANY(:ids)"), {"ids": list(mine)}).tuples().all())
        ticket_run = conn.execute(sa.text("SELECT state FROM trellis_flow_runs WHERE flow = 'ticket_routing' "
                                          "AND record_id = :id"), {"id": ticket["id"]}).scalar()
    assert not bad, bad
    assert {runs[r] for r in depositors} == {"done"}
    assert {runs[r] for r in mine if r not in depositors} <= {"waiting"}  # 30 more days for a deposit
    assert ticket_run == "done"
