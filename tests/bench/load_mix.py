"""The production load's virtual users (tests/bench/bench_load.py): each signs in as a seed
user and loops without think time over the mix its role does, over keep-alive HTTP:

- account managers (under the row scope "my clients"): list clients with filters and sorts,
  read one, create, update what they created, open their workbench dashboard, look at their
  inbox, and now and then enter a prospect and submit it to the account-opening review
  (开户审核: customer service → risk control → the branch head or an administrator);
- administrators and the other roles: the same reads and writes without a scope, the
  firm's dashboards (each view is the page and its tiles, as the browser asks them);
- approvers (one virtual user per person an approval step can go to): their inbox, then
  each task (read, approve), between ordinary reads;
- importers (a few administrators): at their start time, upload a 5,000-row sheet and
  start its import (it runs as a job on a worker), then poll it each second until it is
  done (as the import page does); its time is the upload to the first poll seeing it done.

Every answer is recorded by kind (latency, errors); what the database must then hold is
recorded too (acknowledged creates, versions, submits, approvals, import batches) for
tests/bench/load_check.py. A 409 `task_not_open` on an approve (a sibling task of an
"any" step closed by another administrator first) is counted as raced, not as an error.
"""
from __future__ import annotations

import contextlib
import http.client
import json
import random
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from load_driver import FORM, RISK, STATUS, Client, Stats, _list_query, _new_client

APP = "/api/v1/apps/futures_crm"
IMPORTS = APP + "/forms/client/imports"
TIMEOUT = 300  # nginx's proxy_read_timeout: a slow answer is measured, not dropped
# what the read-only roles may filter and sort clients on (their hidden fields refused with a 400)
SEES = {"customer_service": ({"risk_level", "status"}, ["opened_at", "-last_trade_date", "name"]),
        "finance": ({"status"}, ["name", "client_code"]),
        "risk_control": ({"risk_level", "equity", "status"}, ["-equity", "-last_trade_date", "name"])}
ROLE_OF = {"cs01": "customer_service", "fin01": "finance", "risk01": "risk_control"}


def list_query(rng: random.Random, username: str) -> str:
    """A list with filters and a sort the user's role may use (load_driver's for the others)."""
    if ROLE_OF.get(username) not in SEES:
        return _list_query(rng)
    fields, sorts = SEES[ROLE_OF[username]]
    terms = [{"==": [{"var": "status"}, rng.choice(STATUS)]}]
    if "risk_level" in fields:
        terms.append({"in": [{"var": "risk_level"}, rng.sample(RISK, 2)]})
    if "equity" in fields and rng.random() < 0.5:
        terms.append({">=": [{"var": "equity"}, rng.choice([0, 10_000, 100_000])]})
    return FORM + "?" + urllib.parse.urlencode({"filter": json.dumps({"and": terms}), "sort": rng.choice(sorts),
                                                "limit": 50})


@dataclass
class VUser:
    username: str
    password: str
    role: str                      # manager | admin | reader (read-only roles on clients)
    approves: bool = False         # acts on its inbox (one virtual user per person)
    submits: bool = False          # enters prospects and submits them to the review
    sheet: Path | None = None      # imports this sheet once
    start_import_at: float = 0.0   # seconds into the run

    @property
    def writes(self) -> bool:
        return self.role != "reader"


@dataclass
class MixStats(Stats):
    prospects: set = field(default_factory=set)      # ids submitted to a flow (its steps write them)
    submitted: dict = field(default_factory=dict)    # record id -> run id
    approved: list = field(default_factory=list)     # task ids acknowledged approved
    raced: int = 0
    views: list = field(default_factory=list)        # seconds of whole dashboard views
    imports: list = field(default_factory=list)      # {"tag", "batch", "seconds", "status", "inserted", ...}
    elapsed: float = 0.0                             # the timed window
    stop_at: float = float("inf")
    in_window: dict = field(default_factory=dict)    # kind -> answers received within the window
    answered_at: list = field(default_factory=list)  # monotonic times of the window's answers
    started: float = 0.0

    def add(self, kind: str, seconds: float):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            now = time.monotonic()
            if now <= self.stop_at:
                self.in_window[kind] = self.in_window.get(kind, 0) + 1
                self.answered_at.append(now)

    def phases(self) -> dict | None:
        """req/s before the first import was uploaded, and from then to the window's end."""
        first = min((b["at"] for b in self.imports), default=None)
        if first is None or not self.started < first < self.stop_at:
            return None
        before = sum(1 for t in self.answered_at if t < first)
        return {"before_imports_s": round(first - self.started, 1),
                "before_imports_req_per_s": round(before / (first - self.started), 1),
                "with_imports_req_per_s": round((len(self.answered_at) - before) / (self.stop_at - first), 1)}

    def error(self, kind: str, status: int, text: str, write: bool):
        with self.lock:
            self.errors.append((kind, status, text))
            self.unacked += write and status == 0
            if time.monotonic() <= self.stop_at:
                self.in_window[kind] = self.in_window.get(kind, 0) + 1


class Session(Client):
    """A signed-in virtual user's connection; `multipart` posts one file."""

    def multipart(self, path: str, filename: str, data: bytes):
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
                "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").encode()
        body += data + f"\r\n--{boundary}--\r\n".encode()
        headers = dict(self.headers, **{"Content-Type": f"multipart/form-data; boundary={boundary}"})
        self.conn.request("POST", path, body=body, headers=headers)
        resp = self.conn.getresponse()
        return resp.status, resp.read()


class Runner:
    """One virtual user's loop; `call` times and records each request."""

    def __init__(self, vu: VUser, session: Session, stats: MixStats, seed: int, tag: str, started: float):
        self.vu, self.s, self.stats, self.tag, self.started = vu, session, stats, tag, started
        self.rng = random.Random(seed)
        self.mine: list[int] = []
        self.seen: list[int] = []
        self.n = 0
        self.boards: list[dict] = []
        self.batch: dict | None = None
        self.next_poll = 0.0

    def call(self, kind: str, method: str, path: str, body=None, upload: bytes | None = None):
        t = time.perf_counter()
        try:
            if upload is not None:
                status, payload = self.s.multipart(path, self.vu.sheet.name, upload)
            else:
                status, payload = self.s.request(method, path, body)
        except (OSError, http.client.HTTPException) as err:
            self.stats.error(kind, 0, f"{self.vu.username}: {err!r}"[:200],
                             kind in ("create", "update", "submit", "approve", "import"))
            return None
        self.stats.add(kind, time.perf_counter() - t)
        if status == 409 and kind == "approve" and b"task_not_open" in payload:
            with self.stats.lock:
                self.stats.raced += 1
            return None
        if status >= 400:
            self.stats.error(kind, status, f"{self.vu.username}: " + payload[:300].decode("utf-8", "replace"), False)
            return None
        return json.loads(payload) if payload else {}

    # -- the actions --------------------------------------------------------------------------
    def list_(self):
        data = self.call("list", "GET", list_query(self.rng, self.vu.username))
        if data is not None:
            self.seen[:] = [r["id"] for r in data.get("items", [])][:20] or self.seen

    def get(self):
        if not self.seen:
            return self.list_()
        self.call("get", "GET", f"{FORM}/{self.rng.choice(self.seen)}")

    def create(self, prospect: bool = False):
        self.n += 1
        body = _new_client(self.rng, self.n, self.tag)
        body["mobile"] = "192" + body["mobile"][3:]  # a prefix the seed's generator never gives
        data = self.call("create", "POST", FORM, body)
        if data is None:
            return None
        with self.stats.lock:
            self.stats.created[data["id"]] = body["mobile"]
            self.stats.versions[data["id"]] = data.get("version", 1)
            if prospect:
                self.stats.prospects.add(data["id"])
        if not prospect:
            self.mine.append(data["id"])
        return data["id"]

    def update(self):
        if not self.mine:
            return self.create()
        rid = self.rng.choice(self.mine)
        body = {"version": self.stats.versions[rid], "remark": f"{self.tag} {self.n} {self.rng.random():.6f}"}
        data = self.call("update", "PATCH", f"{FORM}/{rid}", body)
        if data is not None:
            with self.stats.lock:
                self.stats.versions[rid] = data["version"]

    def submit(self):
        rid = self.create(prospect=True)
        if rid is None:
            return
        data = self.call("submit", "POST", f"{FORM}/{rid}/submit", {})
        if data is not None:
            with self.stats.lock:
                self.stats.submitted[rid] = data.get("run")

    def inbox(self, act: bool):
        data = self.call("inbox", "GET", "/api/v1/inbox?state=pending&app=futures_crm&limit=20")
        if not act or not data:
            return
        for item in data.get("items", [])[:5]:
            if time.monotonic() >= self.stop_at:
                return
            if self.call("task", "GET", f"/api/v1/tasks/{item['id']}") is None:
                continue
            done = self.call("approve", "POST", f"/api/v1/tasks/{item['id']}/approve", {"comment": "同意"})
            if done is not None:
                with self.stats.lock:
                    self.stats.approved.append(item["id"])

    def dashboard(self):
        if not self.boards:
            data = self.call("dashboard", "GET", f"{APP}/dashboards")
            if not data:
                return
            keys = [b["id"] for b in data.get("items", [])]
            keys = ["workbench"] if self.vu.role == "manager" and "workbench" in keys else keys
            self.boards = [{"id": k} for k in keys]
        board = self.rng.choice(self.boards)["id"]
        t = time.perf_counter()
        page = self.call("dashboard", "GET", f"{APP}/dashboards/{board}")
        if page is None:
            return
        for tile in page.get("tiles", []):
            if time.monotonic() >= self.stop_at:
                return
            if not tile.get("readable", True) or (tile.get("widget") or {}).get("type") == "shortcuts":
                continue
            self.call("dashboard", "GET", f"{APP}/dashboards/{board}/tiles/{tile['id']}")
        with self.stats.lock:
            self.stats.views.append(time.perf_counter() - t)

    def start_import(self):
        data = self.vu.sheet.read_bytes()
        t0, at = time.perf_counter(), time.monotonic()
        inspected = self.call("import", "POST", f"{IMPORTS}/inspect", upload=data)
        if inspected is None:
            return
        mapping = {str(c["column"]): c["field"] for c in inspected["mapping"] if c.get("field")}
        batch = self.call("import", "POST", IMPORTS, {"upload": inspected["upload"], "mapping": mapping,
                                                      "mode": "insert"})
        if batch is None:
            return
        self.batch = {"tag": self.vu.sheet.stem, "batch": batch["id"], "rows": inspected["total"], "t0": t0, "at": at,
                      "status": batch["status"], "seconds": None}
        with self.stats.lock:
            self.stats.imports.append(self.batch)

    def poll_import(self, kind: str = "import_poll"):
        data = self.call(kind, "GET", f"{IMPORTS}/{self.batch['batch']}")
        if data is None:
            return
        self.batch.update(status=data["status"], inserted=data["inserted"], failed=data["failed"],
                          rows_per_second=data.get("rows_per_second"), started_at=data.get("started_at"),
                          finished_at=data.get("finished_at"))
        if data["status"] not in ("queued", "running"):
            self.batch["seconds"] = round(time.perf_counter() - self.batch["t0"], 1)

    def importing(self) -> bool:
        return self.batch is not None and self.batch["seconds"] is None

    # -- the loop -----------------------------------------------------------------------------
    def step(self):
        vu, roll = self.vu, self.rng.random()
        if vu.sheet is not None:  # an importer: the upload at its time, then the progress polled each second
            now = time.monotonic()
            if self.batch is None and now - self.started >= vu.start_import_at:
                return self.start_import()
            if self.importing() and now >= self.next_poll:
                self.next_poll = now + 1.0
                return self.poll_import()
            return time.sleep(max(0.0, min(0.2, self.stop_at - now)))
        if vu.approves and roll < 0.35:
            return self.inbox(act=True)
        if roll < 0.38:
            return self.list_()
        if roll < 0.58 or (roll < 0.80 and not vu.writes):
            return self.get()
        if roll < 0.70:
            return self.create()
        if roll < 0.80:
            return self.update()
        if roll < 0.86:
            return self.dashboard()
        if roll < 0.92:
            return self.inbox(act=vu.approves)
        if vu.submits and roll < 0.96:
            return self.submit()
        return self.list_()

    def run(self, stop_at: float):
        self.stop_at = stop_at
        while time.monotonic() < stop_at:
            self.step()

    def finish_import(self, deadline: float):
        """After the timed window: poll until the import ends (or the deadline); these
        polls are not part of the window's figures."""
        while self.importing() and time.monotonic() < deadline:
            time.sleep(0.5)
            self.poll_import("import_wait")


def plan(n: int, *, managers: int, admin_password: str, demo_password: str, sheets: list[Path],
         seconds: float, admins: tuple = ("admin", "sysadmin")) -> list[VUser]:
    """`n` virtual users: half account managers (am0001.. round robin, a quarter of them also
    submitting prospects), one approver per person the review's steps go to (customer
    service, risk control, two branch heads, the administrators), the importers
    (administrators, uploading half way into the run, then every 10%: the first half is the
    steady mix, the second the mix beside imports), and administrators and read-only roles
    (finance, management) for the rest."""
    def pw(u):
        return admin_password if u == "admin" else demo_password

    out = [VUser("am%04d" % (k % managers + 1), demo_password, "manager", submits=k % 4 == 0) for k in range(n // 2)]
    rest = [VUser(u, pw(u), "reader", approves=True) for u in ("cs01", "risk01", "bh_sh", "bh_bj")]
    rest += [VUser(u, pw(u), "admin", approves=True) for u in admins]
    rest += [VUser(admins[k % len(admins)], pw(admins[k % len(admins)]), "admin", sheet=sheet,
                   start_import_at=seconds * (0.5 + 0.1 * k)) for k, sheet in enumerate(sheets)]
    fill = ["admin", "sysadmin", "admin", "fin01", "admin", "sysadmin", "exec01"]
    k = 0
    while len(out) + len(rest) < n:
        u = fill[k % len(fill)]
        rest.append(VUser(u, pw(u), "admin" if u in admins else "reader"))
        k += 1
    return (out + rest)[:n] if len(out) + len(rest) > n else out + rest


def run(host: str, port: int, users: list[VUser], *, seconds: float, seed: int = 1,
        import_wait: float = 600, meter=None) -> MixStats:
    """Sign every virtual user in, run them all for `seconds` (inside `meter`, a context
    manager measuring the window), let the requests in flight finish (their latency counts,
    their answer not in req/s), then wait for the imports."""
    stats = MixStats()
    def signed_in(vu):
        s = Session(host, port, timeout=TIMEOUT)
        s.login(vu.username, vu.password)
        return s

    with ThreadPoolExecutor(8) as pool:  # a password check is slow on purpose: sign in 8 at a time
        sessions = list(pool.map(signed_in, users))
    started = time.monotonic()
    stop_at = stats.stop_at = started + seconds
    stats.started = started
    runners = [Runner(vu, s, stats, seed * 1000 + k, f"u{k}", started) for k, (vu, s) in enumerate(zip(users, sessions))]
    threads = [threading.Thread(target=r.run, args=(stop_at,), daemon=True) for r in runners]
    with meter or contextlib.nullcontext():
        for t in threads:
            t.start()
        time.sleep(max(0.0, stop_at - time.monotonic()))
    for t in threads:
        t.join(seconds + TIMEOUT)
    stats.elapsed = seconds
    deadline = time.monotonic() + import_wait
    for r in runners:
        r.finish_import(deadline)
    for s in sessions:
        s.close()
    return stats
