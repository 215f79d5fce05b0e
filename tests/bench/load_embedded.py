"""Load of the embedded default: `trellis run` (what `make demo` starts) as a
subprocess on a seeded futures CRM, 50 concurrent virtual users (half of them account
managers under row scopes) listing with filters, reading, creating and updating clients
for 60 s. Prints req/s, p50 / p95, errors and the consistency check afterwards; the
baseline of the same run is one virtual user alone (the ratio is p95 under load / p95
alone). Goal: 0 errors, p95 <= 500 ms on 2 cores, on SQLite and on PostgreSQL.

`prepare` and `measure` are what tests/api/test_concurrency.py runs (8 s); the 60 s run is
`python tests/bench/bench_load.py --embedded [--users 50] [--seconds 60] [--clients 2000]
[--database-url postgresql://...] [--server-args "--workers 2 --threads 4"]` (the
production topology's load is the default of that script: load_mix.py).
"""
from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(HERE))

import load_driver  # noqa: E402

ADMIN_PASSWORD = "bench-pass-1"
DEMO_PASSWORD = "demo2026pass"


def trellis(home: Path, database_url: str | None, *args: str, **kw):
    env = dict(os.environ, TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD=ADMIN_PASSWORD,
               PYTHONPATH=str(ROOT / "platform"))
    env.pop("TRELLIS_DATABASE_URL", None)
    if database_url:
        env["TRELLIS_DATABASE_URL"] = database_url
    return [sys.executable, "-c", "from trellis.cli.main import main; main()", *args], env


def prepare(home: Path, database_url: str | None, clients: int) -> None:
    for args in (("init",), ("seed", "futures_crm", "--clients", str(clients))):
        cmd, env = trellis(home, database_url, *args)
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(home: Path, database_url: str | None, server_args: list[str]):
    """`trellis run` on a free loopback port until the block ends."""
    port = free_port()
    cmd, env = trellis(home, database_url, "run", "--host", "127.0.0.1", "--port", str(port), *server_args)
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("server did not start: " + (home / "server.log").read_text()[-2000:])
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def users(n: int, clients: int) -> list[tuple[str, str]]:
    """Half account managers (am0001.. round robin), half admins (the instance admin and the app's sysadmin)."""
    managers = max(3, min(2000, round(clients / 200)))  # as the seed's generator makes them
    out = []
    for k in range(n):
        if k % 2:
            out.append(("am%04d" % (k // 2 % managers + 1), DEMO_PASSWORD))
        else:
            out.append(("admin", ADMIN_PASSWORD) if k % 4 == 0 else ("sysadmin", DEMO_PASSWORD))
    return out


def measure(home: Path, database_url: str | None, *, n_users: int, seconds: float, server_args: list[str],
            clients: int) -> dict:
    from trellis.storage.database import make_engine

    url = database_url or f"sqlite:///{home / 'trellis.db'}"
    with serving(home, database_url, server_args) as port:
        alone = load_driver.run("127.0.0.1", port, users(1, clients), seconds=min(10.0, seconds / 4), seed=7)
        loaded = load_driver.run("127.0.0.1", port, users(n_users, clients), seconds=seconds)
    engine = make_engine(url)
    try:
        check = load_driver.consistency(engine, alone, loaded)
    finally:
        engine.dispose()
    a, b = load_driver.summary(alone), load_driver.summary(loaded)
    return {"alone": a, "loaded": b, "consistency": check,
            "p95_ratio": round(b["p95_ms"] / a["p95_ms"], 2) if a["p95_ms"] and b["p95_ms"] else None}


def main(args) -> int:
    """The embedded benchmark with bench_load.py's parsed arguments (`users`, `seconds`,
    `clients`, `database_url`, `server_args`)."""
    with tempfile.TemporaryDirectory(prefix="trellis-load-") as tmp:
        home = Path(tmp)
        if args.database_url:
            reset_pg(args.database_url)
        t = time.monotonic()
        prepare(home, args.database_url, args.clients)
        print(f"seeded {args.clients} clients in {time.monotonic() - t:.1f} s", flush=True)
        result = measure(home, args.database_url, n_users=args.users, seconds=args.seconds,
                         server_args=shlex.split(args.server_args), clients=args.clients)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    c = result["consistency"]
    ok = (result["loaded"]["errors"] == 0 and c["missing"] == 0 and c["duplicated"] == 0
          and c["wrong_version"] == 0 and c["audit_ok"])
    print(f"{'OK' if ok else 'FAILED'}: {result['loaded']['req_per_s']} req/s, p50 {result['loaded']['p50_ms']} ms, "
          f"p95 {result['loaded']['p95_ms']} ms (ratio to one user alone {result['p95_ratio']}), "
          f"{result['loaded']['errors']} errors")
    return 0 if ok else 1


def reset_pg(url: str) -> None:
    """Drop and recreate the public schema of the given PostgreSQL database."""
    import sqlalchemy as sa

    from trellis.storage.database import make_engine

    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()

