"""`trellis run --workers 2` in a child process, JSON logs and the access line on: requests
spread over both workers are counted once each in /metrics (prometheus-client's
multiprocess mode, the folder under TRELLIS_HOME made by `trellis run`), each worker's
share read apart from its own files; the access line is one JSON object naming the
request id the client sent, the route and the status."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path) -> dict:
    env = dict(os.environ, TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD="ops-pass-12", TRELLIS_LOG_FORMAT="json",
               PYTHONPATH=str(ROOT / "platform"))
    for name in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR", "TRELLIS_METRICS_TOKEN",
                 "TRELLIS_METRICS_ALLOW"):
        env.pop(name, None)
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as r:
        return r.status, r.read()


def _healthz_counts(folder: Path) -> float:
    """GET /healthz requests counted in the multiprocess files of `folder`."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(folder))
    return sum(s.value for m in registry.collect() for s in m.samples
               if s.name == "trellis_http_requests_total" and s.labels.get("route") == "/healthz")


def _shares(folder: Path, scratch: Path) -> dict[str, float]:
    """GET /healthz requests counted by each process that has files in `folder`, read apart."""
    out = {}
    for pid in {f.name[:-3].rsplit("_", 1)[1] for f in folder.glob("*.db")}:
        alone = scratch / f"worker_{pid}"
        shutil.rmtree(alone, ignore_errors=True)
        alone.mkdir()
        for f in folder.glob(f"*_{pid}.db"):
            shutil.copy(f, alone / f.name)
        n = _healthz_counts(alone)
        if n:
            out[pid] = n
    return out


def test_two_workers_counted_together_and_json_access_lines(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    cli = [sys.executable, "-c", "from trellis.cli.main import main; main()"]
    subprocess.run([*cli, "init"], env=_env(home), check=True, capture_output=True, timeout=300)
    stale = home / "metrics"
    stale.mkdir()
    (stale / "counter_999999.db").write_bytes(b"left by an earlier run")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(tmp_path / "server.log", "wb")
    proc = subprocess.Popen([*cli, "run", "--port", str(port), "--workers", "2", "--threads", "2", "--access-log"],
                            env=_env(home), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                _get(f"{base}/readyz")
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()[-3000:]
                time.sleep(0.2)
        assert not (stale / "counter_999999.db").exists()  # the folder was emptied at start
        sent = 0
        with ThreadPoolExecutor(8) as pool:
            while sent < 4000:
                statuses = list(pool.map(lambda _: _get(f"{base}/healthz")[0], range(40)))
                assert statuses == [200] * 40
                sent += 40
                if sent >= 200 and sum(n > 0 for n in _shares(stale, tmp_path).values()) >= 2:
                    break
        status, body = _get(f"{base}/healthz", {"X-Request-Id": "ops-served-1"})
        sent += 1
        status, body = _get(f"{base}/metrics")
        total = sum(s.value for f in text_string_to_metric_families(body.decode()) for s in f.samples
                    if s.name == "trellis_http_requests_total" and s.labels["route"] == "/healthz")
        assert total == sent
        shares = _shares(stale, tmp_path)  # each worker's own files: both served, their sum is what a scrape answers
        assert len(shares) == 2 and all(n > 0 for n in shares.values()) and sum(shares.values()) == sent, shares
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()
    lines = (tmp_path / "server.log").read_text().splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert all(line.startswith("{") for line in lines[1:] if line.strip()), lines[:5]  # the banner, then JSON only
    access = [r for r in records if r["logger"] == "trellis.access" and r.get("request_id") == "ops-served-1"]
    assert len(access) == 1
    line = access[0]
    assert line["route"] == "/healthz" and line["status"] == 200 and line["method"] == "GET"
    assert isinstance(line["duration_ms"], float) and line["level"] == "INFO" and line["time"].endswith("Z")
