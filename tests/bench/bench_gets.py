"""Single-record GETs per second of the web process: `trellis run --workers 1` and
`--workers 2` (gunicorn gthread) on a seeded futures CRM, on SQLite and on PostgreSQL.

Each server is driven by `wrk` (Debian's package: `apt-get install wrk`) with a Lua script
that rotates record ids and sets the Authorization header; without wrk, by a
multi-process Python client (keep-alive connections), which eats part of the same cores:
its figures are lower bounds. Cases: GET /api/v1/apps/futures_crm/forms/client/records/<id>
as the administrator and as an account manager (row scope), each with a JWT and with a
`trl_` API token; the ceiling is GET /healthz on the same server (the stack alone). Also
printed: the server's own CPU per request (user + system, from /proc), steadier than
requests/s on a shared machine. Ratios: records / ceiling, and 2 workers / 1 worker.
Goal: >= 1,500 record GETs/s with 2 workers on 2 cores (NocoDB: ~600/s, 4 connections).

Usage: python tests/bench/bench_gets.py [--seconds 8] [--connections 8] [--clients 2000]
       [--databases sqlite,postgresql] [--workers 1,2]
Not part of `.ci/run`; `make bench` runs it (run_all.py), with wrk when it is installed.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import ROOT, ScratchPostgres  # noqa: E402

ADMIN_PASSWORD = "bench-pass-1"
DEMO_PASSWORD = "demo2026pass"  # the seed's users (provision/org.py)

RECORDS = "/api/v1/apps/futures_crm/forms/client/records"
CASES = (("admin", ADMIN_PASSWORD, "jwt"), ("am0001", DEMO_PASSWORD, "jwt"),
         ("admin", ADMIN_PASSWORD, "token"), ("am0001", DEMO_PASSWORD, "token"))


def call(port: int, method: str, path: str, body=None, auth: str | None = None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": auth} if auth else {})})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.loads(resp.read())


def trellis(home: Path, database_url: str | None, *args: str) -> tuple[list[str], dict]:
    env = dict(os.environ, TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD=ADMIN_PASSWORD,
               PYTHONPATH=str(ROOT / "platform"))
    env.pop("TRELLIS_DATABASE_URL", None)
    if database_url:
        env["TRELLIS_DATABASE_URL"] = database_url
    return [sys.executable, "-c", "from trellis.cli.main import main; main()", *args], env


def prepare(home: Path, database_url: str | None, clients: int) -> None:
    """Init, seed, then run the jobs the seed made due (the journeys' first steps), so the
    servers' job threads do not compete with the requests measured."""
    now = time.strftime("%Y-%m-%dT%H:%M:%S")
    for args in (("init",), ("seed", "futures_crm", "--clients", str(clients)), ("jobs", "run", "--until", now)):
        cmd, env = trellis(home, database_url, *args)
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def serving(home: Path, database_url: str | None, workers: int):
    """`trellis run --workers N` on a free loopback port until the block ends."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd, env = trellis(home, database_url, "run", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers))
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start: " + (home / "server.log").read_text()[-2000:])
                time.sleep(0.3)
        yield port, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def credentials(port: int, user: str, password: str, kind: str) -> tuple[str, list[int]]:
    """(Authorization header, ids of client records this user may read)."""
    auth = "Bearer " + call(port, "POST", "/api/v1/security/login",
                            {"username": user, "password": password, "provider": "db"})["access_token"]
    if kind == "token":
        auth = "Bearer " + call(port, "POST", "/api/v1/tokens", {"name": f"bench {time.time()}"}, auth)["token"]
    ids = [r["id"] for r in call(port, "GET", f"{RECORDS}?limit=300&fields=client_code&count=none", auth=auth)["items"]]
    return auth, ids


def server_cpu(pids: list[int]) -> float:
    """User + system CPU seconds of these processes so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / tick


def server_pids(master: int) -> list[int]:
    """The gunicorn master and its workers."""
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [master] + [int(p) for p in out.split()]


def lua(auth: str, ids: list[int]) -> str:
    return f"""
local ids = {{{",".join(map(str, ids))}}}
local auth = "{auth}"
local i = 0
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16) % 1000)
  i = math.random(#ids)
end
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "{RECORDS}/" .. ids[i], {{["Authorization"] = auth}})
end
"""


def run_wrk(port: int, path: str, script: str | None, seconds: float, connections: int) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{int(seconds)}s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script or "")
    if script:
        cmd += ["-s", f.name]
    try:
        out = subprocess.run(cmd + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    done = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"requests": done, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "errors": int(bad.group(1)) if bad else 0, "socket_errors": errors.group(1) if errors else None}


def _client(port: int, paths: list[str], auth: str | None, seconds: float, out) -> None:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": auth} if auth else {}
    done = errors = 0
    end = time.monotonic() + seconds
    i = os.getpid()
    while time.monotonic() < end:
        i += 1
        conn.request("GET", paths[i % len(paths)], headers=headers)
        resp = conn.getresponse()
        resp.read()
        done += 1
        errors += resp.status != 200
    out.put((done, errors))


def run_python(port: int, paths: list[str], auth: str | None, seconds: float, connections: int) -> dict:
    """The same load from `connections` client processes (without wrk)."""
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_client, args=(port, paths, auth, seconds, queue))
             for _ in range(connections)]
    started = time.monotonic()
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    done = sum(r[0] for r in results)
    return {"requests": done, "rps": round(done / (time.monotonic() - started), 1),
            "errors": sum(r[1] for r in results), "socket_errors": None}


def drive(server: tuple, auth: str | None, ids: list[int] | None, seconds: float, connections: int) -> dict:
    port, pids = server[0], server_pids(server[1])
    before = server_cpu(pids)
    if shutil.which("wrk"):
        out = run_wrk(port, "/healthz" if ids is None else "/", None if ids is None else lua(auth, ids),
                      seconds, connections)
    else:
        paths = ["/healthz"] if ids is None else [f"{RECORDS}/{i}" for i in ids]
        out = run_python(port, paths, auth, seconds, connections)
    out["server_cpu_us"] = round((server_cpu(pids) - before) / max(1, out["requests"]) * 1e6)
    return out


def measure(home: Path, database_url: str | None, workers: int, seconds: float, connections: int) -> dict:
    results = {}
    with serving(home, database_url, workers) as server:
        creds = {case: credentials(server[0], *case) for case in CASES}
        drive(server, None, None, 2, connections)  # warm: every worker, its caches and connections
        for case, (auth, ids) in creds.items():
            drive(server, auth, ids, 2, connections)
        results["healthz"] = drive(server, None, None, seconds, connections)
        for case, (auth, ids) in creds.items():
            results[f"{case[0]} {case[2]}"] = drive(server, auth, ids, seconds, connections)
    return results


def report(label: str, by_workers: dict) -> None:
    print(f"\n== {label}")
    print(f"{'case':<16}" + "".join(f"{f'{w} worker(s) req/s':>20}{'CPU us/req':>12}{'/ceiling':>10}"
                                      for w in by_workers) + (f"{'2w / 1w':>10}" if len(by_workers) == 2 else ""))
    first = next(iter(by_workers.values()))
    for case in first:
        line = f"{case:<16}"
        for res in by_workers.values():
            r = res[case]
            ratio = r["rps"] / res["healthz"]["rps"] if res["healthz"]["rps"] else 0
            err = f" ({r['errors']} errors)" if r["errors"] else ""
            line += f"{r['rps']:>20.0f}{r['server_cpu_us']:>12}{ratio:>10.2f}{err}"
        if len(by_workers) == 2:
            a, b = (res[case]["rps"] for res in by_workers.values())
            line += f"{b / a if a else 0:>10.2f}"
        print(line, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=8)
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--databases", default="sqlite,postgresql")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    workers = [int(w) for w in args.workers.split(",")]
    print("load generator:", "wrk" if shutil.which("wrk") else
          f"{args.connections} Python client processes (wrk not installed: figures are lower bounds)")
    for database in args.databases.split(","):
        scratch = ScratchPostgres() if database == "postgresql" else nullcontext("")
        with tempfile.TemporaryDirectory(prefix="trellis-gets-") as tmp, scratch as url:
            if url is None:  # no PostgreSQL server answers (the reason is printed)
                continue
            url = url or None
            t = time.monotonic()
            prepare(Path(tmp), url, args.clients)
            print(f"{database}: seeded {args.clients} clients in {time.monotonic() - t:.0f} s", flush=True)
            report(database, {w: measure(Path(tmp), url, w, args.seconds, args.connections) for w in workers})
    return 0


if __name__ == "__main__":
    sys.exit(main())
