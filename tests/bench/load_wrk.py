"""Fixed-path throughput phases of the load benchmark, driven by `wrk` (C, event loop: a
few percent of a core where a Python driver would take the server's CPU on 2 cores):

- `GET /api/v1/apps/futures_crm/forms/client/records/<id>` with a bearer token, ids drawn
  at random over the seeded clients (the single-record read of the issue's figure);
- `GET /healthz` on the same stack: the baseline (what the stack answers doing nothing).

Each phase reports requests/s, p50 / p95 / p99, non-2xx answers and socket errors, and the
CPU wrk itself used (its user + system time over the phase, in cores).
"""
from __future__ import annotations

import json
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('JSON {"requests": %d, "duration_us": %d, "non2xx": %d, "errors": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d}\n', summary.requests, summary.duration, e.status,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""
RECORDS = r"""
local n = tonumber(os.getenv("WRK_IDS") or "1000")
local prefix = os.getenv("WRK_PREFIX")
math.randomseed(7)
request = function()
  return wrk.format("GET", prefix .. math.random(1, n))
end
"""
RECORD_PATH = "/api/v1/apps/futures_crm/forms/client/records/"


def available() -> str | None:
    """None when wrk is installed, else the reason."""
    return None if shutil.which("wrk") else "wrk is not installed (Debian: apt-get install -y wrk)"


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(url: str, *, seconds: float, connections: int, token: str | None = None, ids: int | None = None,
        threads: int = 1) -> dict:
    """wrk against `url` (a base URL for the records phase with `ids`, else the full URL)."""
    with tempfile.TemporaryDirectory(prefix="trellis-wrk-") as tmp:
        script = Path(tmp) / "phase.lua"
        script.write_text((RECORDS if ids else "") + DONE)
        base = urlsplit(url)
        env = {"PATH": "/usr/bin:/bin", "WRK_IDS": str(ids or 1), "WRK_PREFIX": base.path.rstrip("/") + RECORD_PATH}
        cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s",
               "-s", str(script)]
        if token:
            cmd += ["-H", f"Authorization: Bearer {token}"]
        target = f"{base.scheme}://{base.netloc}/" if ids else url
        cpu0, t0 = _children_cpu(), time.monotonic()
        done = subprocess.run(cmd + [target], env=env, capture_output=True, text=True, timeout=seconds + 60)
        cpu, wall = _children_cpu() - cpu0, time.monotonic() - t0
    line = next((x for x in done.stdout.splitlines() if x.startswith("JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk: {done.stdout[-500:]} {done.stderr[-500:]}")
    r = json.loads(line[5:])
    secs = r["duration_us"] / 1e6
    return {"req_per_s": round(r["requests"] / secs, 1), "requests": r["requests"], "non2xx": r["non2xx"],
            "errors": r["errors"], "p50_ms": round(r["p50_us"] / 1000, 2), "p95_ms": round(r["p95_us"] / 1000, 2),
            "p99_ms": round(r["p99_us"] / 1000, 2), "connections": connections,
            "wrk_cpu_cores": round(cpu / wall, 2)}
