"""A mixed-load driver for a running Trellis server, shared by `bench_load.py` and the
concurrency test: N virtual users (half of them account managers under row scopes) list
clients with filters and sorts, read, create and update them over keep-alive HTTP for a
fixed time; then the database is checked: every acknowledged create is present exactly
once, every record's version equals its acknowledged updates, the audit chain verifies.

Each virtual user updates only the records it created, so no acknowledged update can be
refused for a stale version: any refusal is an error of the server.
"""
from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

FORM = "/api/v1/apps/futures_crm/forms/client/records"
MARK = "负载测试"
RISK = ["C1", "C2", "C3", "C4", "C5"]
STATUS = ["prospect", "active", "dormant", "at_risk", "closed"]


@dataclass
class Stats:
    latencies: dict = field(default_factory=dict)  # kind -> [seconds]
    errors: list = field(default_factory=list)     # (kind, status, body prefix)
    created: dict = field(default_factory=dict)    # id -> mobile
    versions: dict = field(default_factory=dict)   # id -> acknowledged version
    unacked: int = 0                               # writes whose answer never came
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float):
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)

    def all(self) -> list[float]:
        return sorted(x for v in self.latencies.values() for x in v)


class Client:
    def __init__(self, host: str, port: int, timeout: float = 60):
        self.host, self.port, self.timeout = host, port, timeout
        self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        self.headers = {"Content-Type": "application/json"}

    def request(self, method: str, path: str, body=None):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        for attempt in (0, 1):
            try:
                self.conn.request(method, path, body=data, headers=self.headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # a server closing an idle keep-alive connection: the request never reached it
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
                if attempt:
                    raise

    def login(self, username: str, password: str):
        status, body = self.request("POST", "/api/v1/security/login",
                                    {"username": username, "password": password, "provider": "db"})
        if status != 200:
            raise RuntimeError(f"login {username}: {status} {body[:200]!r}")
        self.headers["Authorization"] = "Bearer " + json.loads(body)["access_token"]

    def close(self):
        self.conn.close()


_MOBILES = random.SystemRandom()  # unique across runs on the same database


def _new_client(rng: random.Random, n: int, tag: str) -> dict:
    return {"name": f"{MARK}{tag}-{n}", "mobile": "19" + f"{_MOBILES.randrange(10**9):09d}",
            "client_type": "individual", "risk_level": rng.choice(RISK), "investor_type": "ordinary",
            "opened_at": "2026-11-%02d" % rng.randint(1, 28), "status": "prospect"}


def _list_query(rng: random.Random) -> str:
    lo = rng.choice([0, 10_000, 100_000, 500_000])
    flt = {"and": [{"in": [{"var": "risk_level"}, rng.sample(RISK, 2)]}, {">=": [{"var": "equity"}, lo]}]}
    if rng.random() < 0.5:
        flt["and"].append({"==": [{"var": "status"}, rng.choice(STATUS)]})
    sort = rng.choice(["-equity", "opened_at", "-last_trade_date", "name"])
    return FORM + "?" + urllib.parse.urlencode({"filter": json.dumps(flt), "sort": sort, "limit": 50})


def virtual_user(client: Client, stats: Stats, stop_at: float, seed: int, tag: str):
    rng = random.Random(seed)
    mine: list[int] = []   # records this user created (only these are updated)
    seen: list[int] = []   # ids seen in lists (read with get)
    n = 0
    while time.monotonic() < stop_at:
        roll = rng.random()
        if roll < 0.5 or (roll < 0.7 and not seen):
            kind, method, path, body = "list", "GET", _list_query(rng), None
        elif roll < 0.7:
            kind, method, path, body = "get", "GET", f"{FORM}/{rng.choice(seen)}", None
        elif roll < 0.85 or not mine:
            n += 1
            kind, method, path, body = "create", "POST", FORM, _new_client(rng, n, tag)
        else:
            rid = rng.choice(mine)
            kind, method, path = "update", "PATCH", f"{FORM}/{rid}"
            body = {"version": stats.versions[rid], "remark": f"{tag} {n} {rng.random():.6f}"}
        t = time.perf_counter()
        try:
            status, payload = client.request(method, path, body)
        except (OSError, http.client.HTTPException) as err:
            with stats.lock:
                stats.errors.append((kind, 0, repr(err)[:200]))
                stats.unacked += kind in ("create", "update")
            continue
        stats.add(kind, time.perf_counter() - t)
        if status >= 400:
            with stats.lock:
                stats.errors.append((kind, status, payload[:300].decode("utf-8", "replace")))
            continue
        data = json.loads(payload) if payload else {}
        if kind == "list":
            seen[:] = [r["id"] for r in data.get("items", [])][:20] or seen
        elif kind == "create":
            with stats.lock:
                stats.created[data["id"]] = body["mobile"]
                stats.versions[data["id"]] = data.get("version", 1)
            mine.append(data["id"])
        elif kind == "update":
            with stats.lock:
                stats.versions[data["id"]] = data["version"]


def run(host: str, port: int, users: list[tuple[str, str]], *, seconds: float, seed: int = 1) -> Stats:
    """Sign every virtual user in, then run them all for `seconds`."""
    stats = Stats()
    clients = []
    for k, (username, password) in enumerate(users):
        c = Client(host, port)
        c.login(username, password)
        clients.append(c)
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=virtual_user, args=(c, stats, stop_at, seed * 1000 + k, f"u{k}"), daemon=True)
               for k, c in enumerate(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 120)
    stats.elapsed = time.monotonic() - started
    for c in clients:
        c.close()
    return stats


def consistency(engine, *runs: Stats) -> dict:
    """What the database holds of the acknowledged writes of `runs`, and whether the audit chain verifies."""
    import sqlalchemy as sa

    from trellis.security.audit import verify

    table = sa.table("futures_crm__client", sa.column("id"), sa.column("mobile"), sa.column("version"),
                     sa.column("name"), sa.column("deleted_at"))
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.id, table.c.mobile, table.c.version)
                            .where(table.c.name.like(f"{MARK}%"))).all()
    stats = Stats()
    for run_ in runs:
        stats.created.update(run_.created)
        stats.versions.update(run_.versions)
        stats.unacked += run_.unacked
    by_id = {r.id: r for r in rows}
    mobiles: dict[str, int] = {}
    for r in rows:
        mobiles[r.mobile] = mobiles.get(r.mobile, 0) + 1
    missing = [i for i in stats.created if i not in by_id]
    duplicated = [m for m in stats.created.values() if mobiles.get(m, 0) != 1]
    wrong_version = [i for i, v in stats.versions.items() if i in by_id and by_id[i].version != v]
    extra = [r.id for r in rows if r.id not in stats.created]
    chain = verify(engine)
    return {"acknowledged_creates": len(stats.created), "missing": len(missing), "duplicated": len(duplicated),
            "wrong_version": len(wrong_version), "unacknowledged_present": len(extra),
            "unacknowledged_writes": stats.unacked, "audit_ok": chain["ok"], "audit_checked": chain["checked"]}


def summary(stats: Stats) -> dict:
    from statistics import median

    every = stats.all()
    out = {"requests": len(every) + len(stats.errors), "errors": len(stats.errors),
           "req_per_s": round((len(every) + len(stats.errors)) / stats.elapsed, 1),
           "p50_ms": round(median(every) * 1000, 1) if every else None,
           "p95_ms": round(every[int(len(every) * 0.95)] * 1000, 1) if every else None}
    for kind, values in sorted(stats.latencies.items()):
        values = sorted(values)
        out[kind] = {"n": len(values), "p95_ms": round(values[int(len(values) * 0.95)] * 1000, 1)}
    if stats.errors:
        out["first_errors"] = stats.errors[:5]
    return out
