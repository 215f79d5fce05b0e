"""A job name registered with `many` runs a claimed batch in one call: each job's outcome is
what the call answers for it (done, or the exception it is retried with, as if it had
raised it alone); a call that raises fails every job of the batch; jobs of other names
in the batch run one by one as before."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from trellis.storage.models import job as T


def _states(rt) -> dict:
    with rt.engine.connect() as conn:
        return {r.args[0]: (r.state, r.attempts) for r in conn.execute(sa.select(T.c.args, T.c.state, T.c.attempts))}


def test_a_batch_runs_in_one_call_with_an_outcome_per_job(jrt, clock):
    calls, alone = [], []

    def many(args):
        calls.append([a[0] for a in args])
        return [ValueError(f"odd {a[0]}") if a[0] % 2 else None for a in args]

    jrt.jobs.register("test.many", lambda n: alone.append(n), max_attempts=2, backoff=1.0, many=many)
    jrt.jobs.register("test.single", lambda n: alone.append(n))
    for n in range(6):
        jrt.jobs.enqueue("test.many", [n])
    jrt.jobs.enqueue("test.single", [100])
    assert jrt.jobs.run_due() == 7
    assert calls == [[0, 1, 2, 3, 4, 5]] and alone == [100]        # one call for the batch of its name
    states = _states(jrt)
    assert [states[n][0] for n in range(6)] == ["done", "failed", "done", "failed", "done", "failed"]
    clock.advance(timedelta(minutes=1))
    jrt.jobs.run_due()
    assert sorted(calls[-1]) == [1, 3, 5]                           # retried together
    assert {_states(jrt)[n] for n in (1, 3, 5)} == {("dead", 2)}


def test_a_call_that_raises_fails_every_job_of_it(jrt):
    def many(args):
        raise RuntimeError("the provider is down")

    jrt.jobs.register("test.down", lambda n: None, max_attempts=3, many=many)
    for n in range(3):
        jrt.jobs.enqueue("test.down", [n])
    jrt.jobs.run_due()
    with jrt.engine.connect() as conn:
        rows = conn.execute(sa.select(T.c.state, T.c.last_error)).all()
    assert {r.state for r in rows} == {"failed"} and all("the provider is down" in r.last_error for r in rows)
