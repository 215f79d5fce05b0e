"""Load benchmark of the production topology (tests/deploy/topology.py): nginx in front of
gunicorn instances (`trellis run`), two Celery workers and beat, on PostgreSQL and Redis,
the futures CRM seeded. For each number of web instances asked (`--webs 1,2`, each one
gunicorn process: one instance uses one core, two use the machine's two), on a fresh
database:

1. `GET /healthz` and the single-record `GET .../client/records/<id>` through nginx,
   driven by wrk (load_wrk.py; its own CPU is printed);
2. one virtual user alone (an administrator doing every kind but the import): the
   latency baseline;
3. the mix (load_mix.py): `--users` virtual users for `--seconds`, half of them account
   managers under row scopes: list with filters, get, create, update, dashboards, inbox,
   submits and approvals of the account-opening review, and `--imports` 5,000-row sheets
   imported through the API from half way into the window on (run on a worker, timed to
   done; req/s is also given before and after the first upload);
4. the database afterwards (load_check.py): acknowledged writes stored, versions, runs,
   approvals, import row counts, no job dead or failed, `trellis audit verify`.

Printed: req/s, p50, p95 and errors per kind and overall, p95 as a ratio to the user alone,
GET/s against /healthz/s, and two web instances against one; the machine's load average
and busy cores, and the driver's CPU. Exit 1 on an error or an inconsistency. Skipped
(exit 0, the reason printed) when PostgreSQL, Redis, nginx or wrk are absent.

    .venv/bin/python tests/bench/bench_load.py [--users 100] [--seconds 60] [--clients 2000]
        [--webs 1,2] [--imports 2] [--database-url postgresql://...] [--redis-url redis://.../14] [--quick]
    .venv/bin/python tests/bench/bench_load.py --embedded [--users 50] [--server-args "..."]   (trellis run alone)
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "deploy"))

import load_check  # noqa: E402
import load_embedded  # noqa: E402
import load_mix  # noqa: E402
import load_report  # noqa: E402
import load_wrk  # noqa: E402
from load_embedded import measure, prepare  # noqa: E402,F401  (tests/api/test_concurrency.py)
from load_sheet import write_sheet  # noqa: E402

DEMO_PASSWORD = "demo2026pass"


def managers_of(clients: int) -> int:
    return max(3, min(2000, round(clients / 200)))  # as the seed's generator makes them


@contextmanager
def database(given: str | None):
    """The given database emptied (its public schema dropped), or a new one dropped after."""
    if given:
        load_embedded.reset_pg(given)
        yield given
    else:
        from topology import pg_database

        with pg_database("trellis_load") as url:
            yield url


def token(session_cls, host: str, port: int, username: str, password: str) -> str:
    s = session_cls(host, port)
    s.login(username, password)
    s.close()
    return s.headers["Authorization"].split(" ", 1)[1]


def one_stack(webs: int, args, home: Path) -> dict:
    from topology import Topology
    from trellis.storage.database import make_engine

    with database(args.database_url) as url:
        t = time.monotonic()
        with Topology(home, url, args.redis_url, webs=webs, workers=args.workers, clients=args.clients,
                      web_processes=1) as topo:
            started = round(time.monotonic() - t, 1)
            host, port = topo.url.split("//")[1].split(":")
            port = int(port)
            engine = make_engine(url)
            try:
                seeded = load_check.settle(engine, args.settle)  # the seed's journeys and scans first
                print(f"-- {webs} web: started and seeded {args.clients} clients in {started} s, "
                      f"the seed's jobs settled in {seeded['waited_s']} s ({seeded})", flush=True)
                admin = token(load_mix.Session, host, port, "admin", topo.admin_password)
                health = load_wrk.run(topo.url + "/healthz", seconds=min(10, args.get_seconds),
                                      connections=args.get_connections)
                get = load_wrk.run(topo.url, seconds=args.get_seconds, connections=args.get_connections,
                                   token=admin, ids=args.clients)
                print(f"   GET {get['req_per_s']}/s, /healthz {health['req_per_s']}/s", flush=True)
                solo = [load_mix.VUser("admin", topo.admin_password, "admin", approves=True, submits=True)]
                alone = load_mix.run(host, port, solo, seconds=args.alone_seconds, seed=7)
                sheets = [write_sheet(home / f"w{webs}i{k}.xlsx", f"w{webs}i{k}", rows=args.import_rows)
                          for k in range(args.imports)]
                users = load_mix.plan(args.users, managers=managers_of(args.clients),
                                      admin_password=topo.admin_password, demo_password=DEMO_PASSWORD,
                                      sheets=sheets, seconds=args.seconds)
                first_job = load_check.last_job_id(engine)
                machine = load_report.Machine(load_check.Waits(engine))
                mix = load_mix.run(host, port, users, seconds=args.seconds, import_wait=args.import_wait,
                                   meter=machine)
                print(f"   mix {load_report.summary(mix)['req_per_s']} req/s; checking", flush=True)
                check = load_check.consistency(
                    engine, [alone, mix], first_job=first_job, drain=args.drain,
                    audit=lambda: topo.cli("audit", "verify", check=False, timeout=900))
            finally:
                engine.dispose()
    return {"webs": webs, "users": args.users, "seconds": args.seconds, "clients": args.clients,
            "started_s": started, "seed_settled": seeded, "healthz": health, "get": get,
            "alone": load_report.summary(alone), "mix": load_report.summary(mix), "machine": machine.result,
            "consistency": check}


def options(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=None, help="virtual users (100; 50 with --embedded)")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--clients", type=int, default=2000)
    ap.add_argument("--webs", default="1,2", help="web instances to compare, e.g. 1,2 (one gunicorn process each)")
    ap.add_argument("--workers", type=int, default=2, help="Celery workers")
    ap.add_argument("--imports", type=int, default=2, help="virtual users importing a sheet each")
    ap.add_argument("--import-rows", type=int, default=5000)
    ap.add_argument("--database-url", default=None, help="a PostgreSQL database to use, emptied first "
                    "(default: a new database per stack, dropped afterwards)")
    ap.add_argument("--redis-url", default="redis://127.0.0.1:6379/14", help="its database is flushed")
    ap.add_argument("--get-seconds", type=float, default=15)
    ap.add_argument("--get-connections", type=int, default=8)
    ap.add_argument("--alone-seconds", type=float, default=10)
    ap.add_argument("--settle", type=float, default=240, help="seconds the seed's jobs may take before the load")
    ap.add_argument("--drain", type=float, default=60, help="seconds the due jobs may take after the load")
    ap.add_argument("--import-wait", type=float, default=600, help="seconds an import may take after the window")
    ap.add_argument("--quick", action="store_true", help="20 users, 10 s, 500 clients, 1 import, short phases")
    ap.add_argument("--embedded", action="store_true", help="the embedded `trellis run` on SQLite (or --database-url)")
    ap.add_argument("--server-args", default="", help="with --embedded: extra arguments of `trellis run`")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    args = ap.parse_args(argv)
    if args.quick:
        args.users, args.seconds, args.clients, args.imports = args.users or 20, 10, 500, 1
        args.get_seconds, args.alone_seconds, args.settle, args.drain = 5, 5, 90, 30
    args.users = args.users or (50 if args.embedded else 100)
    return args


def skip_reason() -> str | None:
    from topology import skip_reason as topology_skip

    return topology_skip() or load_wrk.available()


def main(argv=None) -> int:
    args = options(argv)
    if args.embedded:
        return load_embedded.main(args)
    reason = skip_reason()
    if reason:
        print(f"bench_load skipped: {reason}")
        return 0
    results = []
    for webs in [int(x) for x in args.webs.split(",")]:
        with tempfile.TemporaryDirectory(prefix="trellis-load-") as tmp:
            results.append(one_stack(webs, args, Path(tmp)))
        load_report.print_config(f"{webs} web instance(s)", results[-1])
    ok = all(r["mix"]["errors"] == 0 and r["alone"]["errors"] == 0 and load_check.ok(r["consistency"])
             for r in results)
    if len(results) > 1:
        a, b = results[0], results[-1]
        steady = [(r["mix"].get("phases") or {}).get("before_imports_req_per_s") for r in (a, b)]
        print(f"\n{b['webs']} web instances against {a['webs']}: mix req/s x"
              f"{load_report.ratio(b['mix']['req_per_s'], a['mix']['req_per_s'])} (before the imports x"
              f"{load_report.ratio(steady[1], steady[0])}), GET/s x"
              f"{load_report.ratio(b['get']['req_per_s'], a['get']['req_per_s'])}, /healthz/s x"
              f"{load_report.ratio(b['healthz']['req_per_s'], a['healthz']['req_per_s'])}, mix p95 x"
              f"{load_report.ratio(b['mix']['p95_ms'], a['mix']['p95_ms'])}")
        per = [r["mix"]["req_per_s"] / r["healthz"]["req_per_s"] for r in (a, b)]
        print("  each as a share of its own stack's /healthz/s (the machine's load moves between the stacks): "
              f"mix x{load_report.ratio(per[1], per[0])}, GET x"
              f"{load_report.ratio(b['get']['req_per_s'] / b['healthz']['req_per_s'], a['get']['req_per_s'] / a['healthz']['req_per_s'])}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    print("OK" if ok else "FAILED: errors or an inconsistency above")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
