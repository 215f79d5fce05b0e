"""Memory of Trellis processes, measured from the outside: the resident set (RSS, what `ps`
shows; PSS and USS from /proc/<pid>/smaps_rollup, since forked gunicorn workers share the
pages their master loaded), a served instance (`trellis run`) asked a few requests of each
kind, and an import sampled every half second. Used by tests/bench/bench_memory.py and
tests/ops_memory/."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRELLIS = str(Path(sys.executable).with_name("trellis"))
APP = "/api/v1/apps/futures_crm"


# -- reading a process's memory -----------------------------------------------------------------
def rss_mb(pid: int) -> float:
    """Resident set of one process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def memory(pid: int) -> dict:
    """{"rss", "pss", "uss", "shared"} in MB from smaps_rollup (rss alone where it is missing)."""
    try:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value, *_ = line.split()
            fields[key.rstrip(":")] = int(value) / 1024
    except OSError:
        return {"rss": rss_mb(pid), "pss": None, "uss": None, "shared": None}
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields.get("Rss", 0), "pss": fields.get("Pss"), "uss": uss,
            "shared": fields.get("Shared_Clean", 0) + fields.get("Shared_Dirty", 0)}


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def tree(pid: int) -> list[int]:
    out = [pid]
    for kid in children(pid):
        out += tree(kid)
    return out


def baseline_flask_mb() -> float:
    """RSS of a bare `python -c 'import flask'` process: the floor any Flask web process starts from."""
    code = "import flask; print(open('/proc/self/status').read().split('VmRSS:')[1].split()[0])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


# -- an instance ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment(home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TRELLIS_") or k in ("TRELLIS_SEEDS",)}
    env.update({"TRELLIS_HOME": str(home), **{k: str(v) for k, v in extra.items()}})
    return env


def init(home: Path, clients: int, env: dict, timeout: float = 600) -> str:
    """`trellis init` and `trellis seed futures_crm --clients N`; the admin's password."""
    home.mkdir(parents=True, exist_ok=True)
    out = subprocess.run([TRELLIS, "init"], env=env, capture_output=True, text=True, timeout=timeout)
    assert out.returncode == 0, out.stderr[-2000:]
    password = re.search(r"password: (\S+)", out.stdout).group(1)
    seed = subprocess.run([TRELLIS, "seed", "futures_crm", "--clients", str(clients)], env=env,
                          capture_output=True, text=True, timeout=timeout)
    assert seed.returncode == 0, seed.stderr[-2000:]
    return password


class Served:
    """`trellis run --workers N` in a child process on a free loopback port."""

    def __init__(self, env: dict, workers: int, log: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log, "w")
        self.proc = subprocess.Popen([TRELLIS, "run", "--workers", str(workers), "--port", str(self.port)],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.workers = workers

    def wait(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.proc.poll() is None, "trellis run stopped"
            try:
                urllib.request.urlopen(self.base + "/api/v1/security/login", timeout=2)
            except urllib.error.HTTPError:  # an answer (405 to a GET): the server is up
                if len(children(self.proc.pid)) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError("trellis run did not answer")

    def processes(self) -> dict:
        """{"master": pid, "workers": [pids]}."""
        return {"master": self.proc.pid, "workers": sorted(children(self.proc.pid))}

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Client:
    def __init__(self, base: str):
        self.base, self.token = base, None

    def call(self, method: str, path: str, body=None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                return resp.status, resp.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def login(self, password: str) -> None:
        status, body = self.call("POST", "/api/v1/security/login",
                                 {"username": "admin", "password": password, "provider": "db"})
        assert status == 200, body[:300]
        self.token = json.loads(body)["access_token"]


REPORTS = ("clients_by_tier", "equity_by_branch", "trading_by_month", "churn_by_month", "nps_trend")
DASHBOARDS = ("workbench", "client_business", "risk", "service_quality")


def workload(client: Client, rounds: int = 2, dashboards=DASHBOARDS, reports=REPORTS) -> list[str]:
    """A few requests of each kind (list, get, the bootstrap, dashboards with every tile,
    reports' figures and chart specs), `rounds` times; the paths that did not answer 2xx."""
    paths = [f"{APP}/forms/client/records?page_size=50", f"{APP}/forms/client/records?page_size=50&sort=-id",
             f"{APP}/forms/ticket/records?page_size=50", f"{APP}/forms/client/records/1",
             f"{APP}/forms/client/records/2", f"{APP}/forms/ticket/records/1", "/api/v1/bootstrap", "/"]
    for d in dashboards:
        status, body = client.call("GET", f"{APP}/dashboards/{d}")
        paths.append(f"{APP}/dashboards/{d}")
        if status == 200:
            paths += [f"{APP}/dashboards/{d}/tiles/{t['id']}" for t in json.loads(body).get("tiles", [])]
    for r in reports:
        paths += [f"{APP}/reports/{r}/data", f"{APP}/reports/{r}/spec"]
    failed = []
    for _ in range(rounds):
        for p in paths:
            status, _body = client.call("GET", p)
            if status >= 300 and p not in failed:
                failed.append(f"{status} {p}")
    return failed


# -- an import -------------------------------------------------------------------------------------
def client_seeds(folder: Path, with_flows: bool = False) -> Path:
    """A copy of seeds/ whose flows on the client form are disabled (unless `with_flows`): a
    bulk load of clients then measures the import itself, not a journey started per client."""
    import shutil

    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(ROOT / "seeds", folder)
    if not with_flows:
        for path in (folder / "futures_crm" / "flows").glob("*.json"):
            body = json.loads(path.read_text(encoding="utf-8"))
            if body.get("form") == "client":
                body["enabled"] = False
                path.write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def write_csv(path: Path, rows: int, seed: int = 7) -> None:
    """The benchmark's client rows (tests/bench/bench_import.py) as a UTF-8 CSV."""
    import csv
    import datetime as dt
    import random

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    import bench_import as b

    rnd = random.Random(seed)
    start = dt.date(2015, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(b.HEADERS)
        for r in range(1, rows + 1):
            name = rnd.choice(b.SURNAMES) + rnd.choice(b.GIVEN) + (rnd.choice(b.GIVEN) if rnd.random() < 0.6 else "")
            w.writerow([name, str(13000000000 + r * 7), rnd.choice(b.TYPES), rnd.choice(b.RISKS),
                        rnd.choice(b.INVESTOR), (start + dt.timedelta(days=rnd.randrange(3600))).isoformat(),
                        round(rnd.lognormvariate(12, 1.5), 2), f"{round(rnd.random() * 100, 2)}%",
                        rnd.randrange(0, 30), "、".join(rnd.sample(b.PRODUCTS, rnd.randint(1, 3))),
                        rnd.choice(b.CHANNELS), rnd.choice(b.BRANCHES)])


def sampled(cmd: list[str], env: dict, log: Path, timeout: float, every: float = 0.5,
            on_line=None) -> dict:
    """Run `cmd`, sampling the RSS of it and its children every `every` s; {"returncode",
    "seconds", "peak_mb" (the largest single process), "trace": [(seconds, MB)], "out"}."""
    started = time.monotonic()
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        peak, trace = 0.0, []
        try:
            while proc.poll() is None:
                now = time.monotonic() - started
                if now > timeout:
                    proc.kill()
                    raise TimeoutError(f"{' '.join(cmd[:3])} ran over {timeout:.0f}s")
                mb = max(rss_mb(p) for p in tree(proc.pid))
                peak = max(peak, mb)
                trace.append((round(now, 1), round(mb)))
                time.sleep(every)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return {"returncode": proc.returncode, "seconds": time.monotonic() - started, "peak_mb": peak,
            "trace": trace, "out": log.read_text(encoding="utf-8", errors="replace")}


def rows_per_second(out: str) -> float | None:
    """The rate `trellis import` prints last ("速度 / rows/s: 12,345")."""
    found = re.findall(r"rows/s: ([\d,.]+)", out)
    return float(found[-1].replace(",", "")) if found else None
