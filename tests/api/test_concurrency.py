"""50 concurrent users against a real `trellis run` (gunicorn, the embedded default) on
SQLite and on PostgreSQL: lists with filters, reads, creates and updates, half of the
users account managers under row scopes. No request may fail; afterwards every
acknowledged create is stored exactly once, every version matches its acknowledged
updates, and the audit chain verifies. (`tests/bench/bench_load.py` is the 60 s version
with the latency goal.)"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import bench_load  # noqa: E402

USERS, SECONDS, CLIENTS = 50, 8.0, 400


def _check(result: dict) -> None:
    loaded, check = result["loaded"], result["consistency"]
    print(f"\n{loaded['req_per_s']} req/s, p50 {loaded['p50_ms']} ms, p95 {loaded['p95_ms']} ms, {check}")
    assert loaded["errors"] == 0, loaded.get("first_errors")
    assert loaded["requests"] > USERS * 2
    assert check["acknowledged_creates"] > 0
    assert check["missing"] == check["duplicated"] == check["wrong_version"] == 0, check
    assert check["audit_ok"], check


def test_fifty_users_on_sqlite(tmp_path):
    bench_load.prepare(tmp_path, None, CLIENTS)
    _check(bench_load.measure(tmp_path, None, n_users=USERS, seconds=SECONDS, server_args=[], clients=CLIENTS))


@pytest.mark.pg
def test_fifty_users_on_postgresql(tmp_path, pg_database):
    bench_load.prepare(tmp_path, pg_database, CLIENTS)
    _check(bench_load.measure(tmp_path, pg_database, n_users=USERS, seconds=SECONDS, server_args=[], clients=CLIENTS))
