"""The transactional outbox: a job enqueued in a transaction that rolls back never runs;
a committed one runs once; an idempotency key makes a second enqueue a no-op; a
lifecycle handler's job lives and dies with the write."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from handlers import effects
from samples import install
from trellis.jobs import enqueue
from trellis.kernel.errors import BadRequest
from trellis.storage.models import job as T


def _rows(rt):
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(T).order_by(T.c.id)).mappings()]


def test_rolled_back_job_never_runs(jrt, tmp_path):
    with pytest.raises(RuntimeError):
        with jrt.transaction() as conn:
            assert enqueue(conn, "test.effect", {"key": "lost"}) is not None
            raise RuntimeError("the write fails")
    assert _rows(jrt) == []
    assert jrt.jobs.run_due() == 0 and effects(tmp_path / "effects") == []


def test_committed_job_runs_once(jrt, tmp_path):
    with jrt.transaction() as conn:
        job_id = enqueue(conn, "test.effect", {"key": "kept"}, app="demo")
    assert jrt.jobs.run_due() == 1
    assert jrt.jobs.run_due() == 0
    assert effects(tmp_path / "effects") == ["kept"]
    (row,) = _rows(jrt)
    assert row["id"] == job_id and row["state"] == "done" and row["attempts"] == 1 and row["app"] == "demo"
    assert row["lease_owner"] is None and row["finished_at"] is not None


def test_idempotency_key(jrt, tmp_path):
    first = jrt.jobs.enqueue("test.effect", {"key": "once"}, key="order-1:welcome")
    with jrt.transaction() as conn:
        assert enqueue(conn, "test.effect", {"key": "twice"}, key="order-1:welcome") is None
    assert first is not None and len(_rows(jrt)) == 1
    jrt.jobs.run_due()
    assert jrt.jobs.enqueue("test.effect", {"key": "after"}, key="order-1:welcome") is None  # done keys stay taken
    assert effects(tmp_path / "effects") == ["once"]


def test_a_future_job_waits_for_its_time(jrt, clock, tmp_path):
    from datetime import timedelta

    jrt.jobs.enqueue("test.effect", {"key": "later"}, run_at=clock.now() + timedelta(hours=1))
    assert jrt.jobs.run_due() == 0
    clock.advance(3600)
    assert jrt.jobs.run_due() == 1 and effects(tmp_path / "effects") == ["later"]


def test_lifecycle_handler_job_follows_the_write(jrt, tmp_path):
    install(jrt)
    jrt.lifecycle.subscribe("after_insert", lambda ctx: ctx.enqueue("test.effect", {"key": ctx.records[0]["name"]}),
                            name="welcome")
    svc = jrt.records("demo", "client")
    svc.create({"name": "张三"})
    with pytest.raises(RuntimeError):
        with jrt.transaction() as conn:
            svc.create({"name": "李四"}, conn=conn)
            raise RuntimeError("rolled back")
    assert [r["args"] for r in _rows(jrt)] == [{"key": "张三"}]
    jrt.jobs.run_due()
    assert effects(tmp_path / "effects") == ["张三"]


def test_bad_arguments_are_refused_bilingually(jrt):
    with jrt.transaction() as conn:
        with pytest.raises(BadRequest) as e:
            enqueue(conn, "test.effect", "not json object")
    assert e.value.message["zh"] and "arguments" in e.value.message["en"]
