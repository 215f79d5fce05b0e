"""Failures back off exponentially (with jitter) up to the job's attempt limit, then the
job is dead with its last error; a deferral does not count as an attempt; an expired lease
makes a job claimable again and the old worker's late outcome changes nothing; admins
retry and cancel."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from trellis.kernel.defer import Defer
from trellis.kernel.errors import Conflict
from trellis.jobs.backoff import delay
from trellis.storage.models import job as T


def _row(rt, job_id):
    with rt.engine.connect() as conn:
        return dict(conn.execute(sa.select(T).where(T.c.id == job_id)).mappings().one())


def test_backoff_grows_with_jitter_and_a_cap():
    import random

    rng = random.Random(7)
    waits = [[delay(n, 2.0, 30.0, rng) for _ in range(50)] for n in (1, 2, 3, 4, 5, 6)]
    for n, ws in enumerate(waits[:4], start=1):
        assert all(2.0 * 2 ** (n - 1) / 2 <= w <= 2.0 * 2 ** (n - 1) for w in ws)
        assert len({round(w, 6) for w in ws}) > 40  # jittered, not one value
    assert max(waits[5]) <= 30.0


def test_retries_back_off_then_dead(jrt, clock):
    calls = []

    def flaky():
        calls.append(clock.now())
        raise ValueError("the SMS gateway said no")
    jrt.jobs.register("test.flaky", flaky, max_attempts=3, backoff=10.0)
    job_id = jrt.jobs.enqueue("test.flaky")
    waits = []
    for attempt in (1, 2):
        assert jrt.jobs.run_due() == 1
        row = _row(jrt, job_id)
        assert row["state"] == "failed" and row["attempts"] == attempt and "SMS gateway" in row["last_error"]
        wait = (row["run_at"] - clock.now()).total_seconds()
        waits.append(wait)
        assert 10.0 * 2 ** (attempt - 1) / 2 <= wait <= 10.0 * 2 ** (attempt - 1)
        assert jrt.jobs.run_due() == 0  # not before its time
        clock.set(row["run_at"])
    assert jrt.jobs.run_due() == 1
    row = _row(jrt, job_id)
    assert row["state"] == "dead" and row["attempts"] == 3 and row["finished_at"] is not None
    assert "ValueError" in row["last_error"] and len(calls) == 3
    clock.advance(timedelta(days=30))
    assert jrt.jobs.run_due() == 0


def test_a_deferral_is_not_an_attempt(jrt, clock):
    seen = []

    def waits_once():
        seen.append(1)
        if len(seen) == 1:
            raise Defer(30, "not yet")
    jrt.jobs.register("test.defer", waits_once, max_attempts=1)
    job_id = jrt.jobs.enqueue("test.defer")
    jrt.jobs.run_due()
    row = _row(jrt, job_id)
    assert row["state"] == "failed" and row["attempts"] == 0 and (row["run_at"] - clock.now()).total_seconds() == 30
    clock.advance(30)
    jrt.jobs.run_due()
    assert _row(jrt, job_id)["state"] == "done" and len(seen) == 2


def test_an_expired_lease_is_claimed_again(jrt, clock, tmp_path):
    job_id = jrt.jobs.enqueue("test.effect", {"key": "k"})
    dead_worker = jrt.jobs.dispatcher.claim(owner="host:1:gone", lease=60)  # claimed, then its worker died
    assert [j["id"] for j in dead_worker] == [job_id]
    assert jrt.jobs.run_due() == 0  # leased: nobody else takes it
    clock.advance(61)
    assert jrt.jobs.run_due() == 1
    row = _row(jrt, job_id)
    assert row["state"] == "done" and row["attempts"] == 2
    # the first worker wakes up and reports: its lease is gone, nothing changes
    jrt.jobs.store.finish("host:1:gone", clock.now(), [], [], [(job_id, "late")])
    assert _row(jrt, job_id)["state"] == "done"


def test_a_job_past_its_limit_whose_worker_died_is_dead(jrt, clock):
    jrt.jobs.register("test.once", lambda: None, max_attempts=1)
    job_id = jrt.jobs.enqueue("test.once")
    jrt.jobs.dispatcher.claim(owner="host:2:gone", lease=60)
    clock.advance(61)
    jrt.jobs.run_due()
    row = _row(jrt, job_id)
    assert row["state"] == "dead" and "lease expired" in row["last_error"]


def test_unknown_job_names_fail_and_say_so(jrt):
    job_id = jrt.jobs.enqueue("test.nobody")
    jrt.jobs.run_due()
    row = _row(jrt, job_id)
    assert row["state"] == "failed" and "unknown job 'test.nobody'" in row["last_error"]


def test_retry_and_cancel(jrt, clock):
    jrt.jobs.register("test.fails", lambda: 1 / 0, max_attempts=1)
    bad = jrt.jobs.enqueue("test.fails")
    jrt.jobs.run_due()
    assert _row(jrt, bad)["state"] == "dead"
    again = jrt.jobs.store.retry(bad, clock.now())
    assert again["state"] == "queued" and again["attempts"] == 0
    later = jrt.jobs.enqueue("test.effect", {"key": "x"}, run_at=clock.now() + timedelta(days=1))
    cancelled = jrt.jobs.store.cancel(later, clock.now(), "admin")
    assert cancelled["state"] == "dead" and cancelled["last_error"] == "cancelled by admin"
    with pytest.raises(Conflict) as e:
        jrt.jobs.store.cancel(later, clock.now(), "admin")
    assert e.value.message["zh"] and "only queued or failed" in e.value.message["en"]


def test_purge_deletes_finished_jobs_only(jrt, clock):
    done = jrt.jobs.enqueue("test.effect", {"key": "p"}, key="purge-me")
    waiting = jrt.jobs.enqueue("test.effect", {"key": "w"}, run_at=clock.now() + timedelta(days=90))
    jrt.jobs.run_due()
    clock.advance(timedelta(days=31))
    assert jrt.jobs.store.purge(clock.now() - timedelta(days=30)) == 1
    with jrt.engine.connect() as conn:
        assert [r["id"] for r in jrt.jobs.store.listing(conn)] == [waiting]
    assert jrt.jobs.enqueue("test.effect", {"key": "p2"}, key="purge-me") not in (None, done)  # the key is free
