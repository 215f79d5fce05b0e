"""Memory of a deployment: a web worker's RSS when idle after serving, and a worker's peak
RSS during a large import. Goals: a `trellis run` worker <= 150 MB; the process running a
1,000,000-row import <= 500 MB.

- baseline: the RSS of a bare `python -c 'import flask'` process, measured in the same run;
- serving: a seeded instance (`trellis init`, `trellis seed futures_crm --clients N`) under
  `trellis run --workers W`, asked a few requests of each kind (lists, gets, the bootstrap,
  four dashboards with every tile, reports' figures and chart specs); then RSS (as `ps`
  shows it: the goal's figure), PSS and USS (smaps_rollup: forked workers share the
  pages their master loaded) of the master and each worker. Twice: as shipped, and with
  the columnar replica off (TRELLIS_REPORT_REPLICA=off), since a worker that answered a
  report over a form of 20,000 rows or more holds DuckDB and its copies;
- import: N client rows (default 1,000,000; an .xlsx as tests/bench/bench_import.py writes
  it, or `--csv`) into a fresh instance whose flows on clients are disabled (`--with-flows`
  keeps them: each row then starts the onboarding journey), run by `trellis import` (the
  embedded path) and, when Redis answers, by a Celery worker (`celery -A trellis.web.worker
  worker --concurrency 1` with beat, Redis db 13): peak RSS sampled every 0.5 s, rows/s.

    .venv/bin/python tests/bench/bench_memory.py [--rows N] [--csv] [--clients 2000] [--workers 2]
        [--skip-serve] [--skip-import] [--no-celery] [--with-flows] [--keep DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "bench"))
sys.path.insert(0, str(ROOT / "platform"))

import memory_probe as mp  # noqa: E402

REDIS_DB_URL = "redis://127.0.0.1:6379/13"


def serve(work: Path, clients: int, workers: int, flask_mb: float) -> None:
    home = work / "serve"
    if home.exists():
        shutil.rmtree(home)
    password = mp.init(home, clients, mp.environment(home))
    for label, extra in (("as shipped", {}), ("replica off", {"TRELLIS_REPORT_REPLICA": "off"})):
        server = mp.Served(mp.environment(home, **extra), workers, work / "serve.log")
        try:
            server.wait()
            procs = server.processes()
            idle = {pid: mp.memory(pid) for pid in [procs["master"], *procs["workers"]]}
            client = mp.Client(server.base)
            client.login(password)
            t = time.perf_counter()
            failed = mp.workload(client, rounds=3)
            took = time.perf_counter() - t
            time.sleep(1)
            print(f"\nserving ({label}; {clients} clients, {workers} workers; workload {took:.1f}s"
                  f"{', FAILED: ' + '; '.join(failed) if failed else ''}):")
            for role, pid in [("master", procs["master"])] + [("worker", p) for p in procs["workers"]]:
                m, before = mp.memory(pid), idle[pid]
                print(f"  {role:6s} {pid}: RSS {m['rss']:.0f} MB (at start {before['rss']:.0f}), "
                      f"PSS {m['pss']:.0f} MB, USS {m['uss']:.0f} MB, shared {m['shared']:.0f} MB"
                      + (f"  = {m['rss'] / flask_mb:.1f} x bare flask" if role == "worker" else ""))
            worst = max(mp.memory(p)["rss"] for p in procs["workers"])
            print(f"  worst worker RSS {worst:.0f} MB (goal <= 150 MB: {'met' if worst <= 150 else 'NOT MET'})")
        finally:
            server.stop()


def data_file(work: Path, rows: int, csv: bool) -> Path:
    path = work / f"clients_{rows}.{'csv' if csv else 'xlsx'}"
    if not path.exists():
        t = time.perf_counter()
        if csv:
            mp.write_csv(path, rows)
        else:
            import bench_import

            bench_import.write_workbook(path, rows)
        print(f"generated {path.name} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t:.0f}s")
    return path


def fresh_home(work: Path, name: str, seeds: Path) -> tuple[Path, dict]:
    home = work / name
    if home.exists():
        shutil.rmtree(home)
    env = mp.environment(home, TRELLIS_SEEDS=seeds)
    mp.init(home, 0, env)
    return home, env


def embedded(work: Path, path: Path, rows: int, seeds: Path, timeout: float) -> None:
    _home, env = fresh_home(work, "import_embedded", seeds)
    out = mp.sampled([mp.TRELLIS, "import", str(path), "--app", "futures_crm", "--form", "client"], env,
                     work / "import_embedded.log", timeout)
    rate = mp.rows_per_second(out["out"])
    ok = out["returncode"] == 0 and f"inserted: {rows}" in out["out"]
    print(f"\nimport, embedded (`trellis import`, {rows:,} rows): peak RSS {out['peak_mb']:.0f} MB, "
          f"{rate or 0:,.0f} rows/s, {out['seconds']:.0f}s{'' if ok else ' <- NOT ALL ROWS IMPORTED, see the log'}"
          f" (goal <= 500 MB at 1,000,000 rows)")
    print("  RSS over time (s, MB):", out["trace"][::max(1, len(out["trace"]) // 12)])


def redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def celery(work: Path, path: Path, rows: int, seeds: Path, timeout: float, url: str) -> None:
    from redis_service import redis_error

    reason = redis_error()
    if reason:
        print(f"\nimport through Celery: skipped, Redis does not answer ({reason})")
        return
    redis_flush(url)
    home, env = fresh_home(work, "import_celery", seeds)
    env["TRELLIS_REDIS_URL"] = url
    celery_bin = str(Path(sys.executable).with_name("celery"))
    beat = subprocess.Popen([celery_bin, "-A", "trellis.web.worker", "beat", "-s", str(home / "beat-schedule"),
                             "--loglevel", "WARNING"], env=env, stdout=open(work / "beat.log", "w"),
                            stderr=subprocess.STDOUT)
    worker = subprocess.Popen([celery_bin, "-A", "trellis.web.worker", "worker", "--concurrency", "1",
                               "--loglevel", "WARNING", "-n", "bench-memory@%h"], env=env,
                              stdout=open(work / "worker.log", "w"), stderr=subprocess.STDOUT)
    try:
        time.sleep(3)
        started = time.monotonic()
        enq = subprocess.run([sys.executable, __file__, "--enqueue", str(path)], env=env, capture_output=True,
                             text=True, timeout=600)
        assert enq.returncode == 0, enq.stderr[-2000:]
        batch_id = int(enq.stdout.strip().splitlines()[-1])
        peak, trace, status = 0.0, [], None
        progress = home / "files" / "imports" / str(batch_id) / "progress.json"
        while time.monotonic() - started < timeout:
            pids = mp.tree(worker.pid)
            mb = max(mp.rss_mb(p) for p in pids)
            peak = max(peak, mb)
            trace.append((round(time.monotonic() - started, 1), round(mb)))
            status = _status(progress, batch_id)
            if status and status.get("status") in ("done", "failed", "cancelled"):
                break
            time.sleep(0.5)
        took = time.monotonic() - started
        rate = (status or {}).get("rows_per_second")
        ok = status and status.get("status") == "done" and status.get("inserted") == rows
        print(f"\nimport through Celery (worker --concurrency 1, {rows:,} rows): peak RSS of a worker process "
              f"{peak:.0f} MB, {rate or 0:,.0f} rows/s, {took:.0f}s from enqueue"
              f"{'' if ok else ' <- NOT ALL ROWS IMPORTED: ' + json.dumps(status)[:300]} (goal <= 500 MB)")
        print("  RSS over time (s, MB):", trace[::max(1, len(trace) // 12)])
    finally:
        for proc in (worker, beat):
            proc.terminate()
        for proc in (worker, beat):
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
        redis_flush(url)


def _status(path: Path, _batch_id: int) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def enqueue(path: Path) -> None:
    """(In a child process with the instance's environment.) Store the file, create the batch
    (the benchmark's mapping, insert, all or nothing) and queue its job; print the batch id."""
    import bench_import
    from trellis import create_app
    from trellis.imports import TASK, batches
    from trellis.jobs import enqueue as enqueue_job
    from trellis.kernel.actor import SYSTEM
    from trellis.storage.files import FileStore

    app = create_app()
    with app.app_context():
        rt = app.extensions["trellis"]
        with open(path, "rb") as f:
            meta = FileStore(rt.files_dir).save(f, path.name, None)
        with rt.engine.begin() as conn:
            batch_id = batches.create(conn, app="futures_crm", form="client", actor=SYSTEM, filename=path.name,
                                      upload=meta["id"], sheet=None, header_row=None, mode="insert", keys=[],
                                      mapping=dict(enumerate(bench_import.FIELDS)), options={}, dry_run=False,
                                      on_error="all", total=None)
            enqueue_job(conn, TASK, [batch_id], key=f"{TASK}:{batch_id}", app="futures_crm")
    print(batch_id)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--csv", action="store_true", help="a CSV file instead of an .xlsx")
    p.add_argument("--clients", type=int, default=2000, help="seeded clients of the served instance")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--skip-serve", action="store_true")
    p.add_argument("--skip-import", action="store_true")
    p.add_argument("--no-celery", action="store_true")
    p.add_argument("--no-embedded", action="store_true")
    p.add_argument("--with-flows", action="store_true", help="keep the flows on clients (each row starts them)")
    p.add_argument("--redis-url", default=REDIS_DB_URL)
    p.add_argument("--timeout", type=float, default=3600, help="seconds an import may take")
    p.add_argument("--keep", default=None, help="work folder to keep (generated files are reused)")
    p.add_argument("--enqueue", default=None, help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.enqueue:
        return enqueue(Path(args.enqueue))
    os.environ.pop("TRELLIS_REDIS_URL", None)
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench_memory_"))
    work.mkdir(parents=True, exist_ok=True)
    flask_mb = mp.baseline_flask_mb()
    print(f"baseline: a bare `python -c 'import flask'` process: RSS {flask_mb:.0f} MB")
    if not args.skip_serve:
        serve(work, args.clients, args.workers, flask_mb)
    if not args.skip_import:
        path = data_file(work, args.rows, args.csv)
        seeds = mp.client_seeds(work / "seeds", with_flows=args.with_flows)
        if not args.no_embedded:
            embedded(work, path, args.rows, seeds, args.timeout)
        if not args.no_celery:
            celery(work, path, args.rows, seeds, args.timeout, args.redis_url)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
