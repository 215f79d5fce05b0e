"""Figures of the production load (tests/bench/bench_load.py): per kind and overall
requests/s, p50, p95 and errors of a load_mix run, the machine's CPU and load while it ran,
and the ratios printed against the baselines of the same run (one virtual user alone, the
same stack's /healthz, one web instance against two)."""
from __future__ import annotations

import os
import resource
import time
from datetime import datetime
from statistics import median

NOT_IN_WINDOW = ("import_wait",)  # polls after the timed window


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * q))] * 1000, 1)


def summary(stats) -> dict:
    """Overall and per kind: requests (answered, errors included), req/s (answers received
    within the timed window), p50 / p95 (ms, of every answer), errors (and a sample of each
    kind of error: status and the start of the body)."""
    kinds = {k: v for k, v in stats.latencies.items() if k not in NOT_IN_WINDOW}
    errors_by: dict[str, int] = {}
    samples: dict[str, list] = {}
    for kind, status, text in stats.errors:
        errors_by[kind] = errors_by.get(kind, 0) + 1
        key = f"{kind} {status} {text.split(': ', 1)[-1][:60]}"
        samples.setdefault(key, [0, text[:240]])[0] += 1
    every = [x for v in kinds.values() for x in v]
    n_err = sum(n for k, n in errors_by.items() if k not in NOT_IN_WINDOW)
    window = {k: n for k, n in stats.in_window.items() if k not in NOT_IN_WINDOW}
    out = {"requests": len(every) + n_err, "errors": n_err,
           "req_per_s": round(sum(window.values()) / stats.elapsed, 1),
           "p50_ms": round(median(every) * 1000, 1) if every else None, "p95_ms": _pct(every, 0.95), "kinds": {}}
    for kind in sorted(set(kinds) | set(errors_by)):
        values = kinds.get(kind, [])
        out["kinds"][kind] = {"n": len(values) + errors_by.get(kind, 0),
                              "req_per_s": round(stats.in_window.get(kind, 0) / stats.elapsed, 1),
                              "p50_ms": round(median(values) * 1000, 1) if values else None,
                              "p95_ms": _pct(values, 0.95), "errors": errors_by.get(kind, 0)}
    if stats.views:
        out["dashboard_view"] = {"n": len(stats.views), "p50_ms": round(median(stats.views) * 1000, 1),
                                 "p95_ms": _pct(stats.views, 0.95)}
    out["imports"] = [{k: b.get(k) for k in ("batch", "rows", "status", "inserted", "seconds", "rows_per_second",
                                             "started_at", "finished_at")} for b in stats.imports]
    for b in out["imports"]:  # the job's own time (the batch's stamps, to the second)
        if b["started_at"] and b["finished_at"]:
            b["job_seconds"] = (datetime.fromisoformat(b["finished_at"]) - datetime.fromisoformat(b["started_at"])).seconds
    out["raced_approvals"] = stats.raced
    out["phases"] = stats.phases()
    if samples:
        out["error_samples"] = sorted(([n, text] for n, text in samples.values()), reverse=True)[:12]
    return out


class Machine:
    """CPU use of the whole machine and of this process (the driver) over a block, and the
    load average at its start and end: `with Machine() as m: ...; m.result`."""

    @staticmethod
    def _stat() -> tuple[int, int]:
        with open("/proc/stat") as f:
            parts = [int(x) for x in f.readline().split()[1:]]
        idle = parts[3] + parts[4]
        return sum(parts) - idle, sum(parts)

    def __init__(self, waits=None):
        self.waits = waits  # a load_check.Waits sampling the database meanwhile

    def __enter__(self):
        if self.waits is not None:
            self.waits.__enter__()
        self.t, self.busy, self.total = time.monotonic(), *self._stat()
        r = resource.getrusage(resource.RUSAGE_SELF)
        self.cpu = r.ru_utime + r.ru_stime
        self.load0 = os.getloadavg()[0]
        return self

    def __exit__(self, *exc):
        wall = time.monotonic() - self.t
        busy, total = self._stat()
        r = resource.getrusage(resource.RUSAGE_SELF)
        self.result = {"driver_cpu_cores": round((r.ru_utime + r.ru_stime - self.cpu) / wall, 2),
                       "machine_busy_cores": round((busy - self.busy) / max(1, total - self.total) * (os.cpu_count() or 1), 2),
                       "load_avg_start": round(self.load0, 2), "load_avg_end": round(os.getloadavg()[0], 2)}
        if self.waits is not None:
            self.waits.__exit__(*exc)
            self.result["database"] = self.waits.result
        return False


def ratio(a, b) -> float | None:
    return round(a / b, 2) if a and b else None


def print_config(name: str, r: dict) -> None:
    """One stack's figures as a table (ms; ratios to the same stack's baselines)."""
    mix, alone, m = r["mix"], r["alone"], r["machine"]
    print(f"\n== {name}: {r['users']} users, {r['seconds']} s, {r['clients']} clients "
          f"(load average {m['load_avg_start']} -> {m['load_avg_end']}, machine {m['machine_busy_cores']} cores busy, "
          f"the driver {m['driver_cpu_cores']} cores)")
    print(f"{'kind':<12} {'n':>6} {'req/s':>7} {'p50':>8} {'p95':>8} {'err':>4} {'p95 alone':>10} {'x alone':>8}")
    for kind, k in mix["kinds"].items():
        a = alone["kinds"].get(kind, {})
        print(f"{kind:<12} {k['n']:>6} {k['req_per_s']:>7} {k['p50_ms'] or '-':>8} {k['p95_ms'] or '-':>8} "
              f"{k['errors']:>4} {a.get('p95_ms') or '-':>10} {ratio(k['p95_ms'], a.get('p95_ms')) or '-':>8}")
    print(f"{'overall':<12} {mix['requests']:>6} {mix['req_per_s']:>7} {mix['p50_ms']:>8} {mix['p95_ms']:>8} "
          f"{mix['errors']:>4} {alone['p95_ms']:>10} {ratio(mix['p95_ms'], alone['p95_ms']) or '-':>8}")
    if "dashboard_view" in mix:
        v = mix["dashboard_view"]
        print(f"dashboard views (page + tiles): {v['n']}, p50 {v['p50_ms']} ms, p95 {v['p95_ms']} ms")
    if mix.get("phases"):
        p = mix["phases"]
        print(f"req/s in the first {p['before_imports_s']} s (no import yet): {p['before_imports_req_per_s']}; "
              f"from the first import's upload on: {p['with_imports_req_per_s']}")
    for b in mix["imports"]:
        print(f"import of {b['rows']} rows: {b['status']}, {b['seconds']} s from the upload to a poll seeing it done, "
              f"the job {b.get('job_seconds')} s ({b['rows_per_second']} rows/s)")
    g, h = r["get"], r["healthz"]
    print(f"single-record GET (wrk, {g['connections']} connections): {g['req_per_s']}/s, p50 {g['p50_ms']} ms, "
          f"p95 {g['p95_ms']} ms, {g['non2xx']} non-2xx, {g['errors']} socket errors, wrk used {g['wrk_cpu_cores']} cores"
          f"; /healthz {h['req_per_s']}/s -> GET / healthz = {ratio(g['req_per_s'], h['req_per_s'])}")
    for n, text in mix.get("error_samples", []):
        print(f"  {n} x {text}")
    if "database" in m:
        print(f"database sessions, active per second: {m['database']['active_per_sample']}")
        print(f"  longest lock waits seen (s): {m['database']['lock_waits_longest_s']}")
    c = r["consistency"]
    print("consistency: " + ", ".join(f"{k} {v}" for k, v in c.items() if k not in ("imports", "jobs", "audit")))
    print(f"  jobs since the load began: {c['jobs']}; imports: {c['imports']}; audit: {c.get('audit')}")
