"""The Celery app, used when TRELLIS_REDIS_URL is set (the scaled deployment): Celery
beat sends `trellis.jobs.tick` every second; a tick claims the due jobs (the same claim
query as in-process) and sends one `trellis.jobs.run` per job to the workers, which run
the job's function by its name and record the outcome. Both tasks are generic: the job
name is looked up in the registry when the job runs, so job functions registered after
this app was made (engines, plugins) reach the workers too."""
from __future__ import annotations

import os
import secrets

from celery import Celery
from celery.signals import worker_process_init

from . import beat

TICK_SECONDS = float(os.environ.get("TRELLIS_JOB_TICK_SECONDS") or 1.0)
# a job sent to the workers waits in Redis; its lease covers the wait (a worker renews it
# when it starts the job; one that died with the job prefetched loses it when this runs out)
QUEUED_LEASE = float(os.environ.get("TRELLIS_JOB_QUEUED_LEASE_SECONDS") or 300.0)


def make_celery(redis_url: str, jobs) -> Celery:
    app = Celery("trellis", broker=redis_url, backend=redis_url)
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json",
                    task_acks_late=True, broker_connection_retry_on_startup=True, task_ignore_result=True,
                    beat_schedule={"trellis-jobs-tick": {"task": "trellis.jobs.tick", "schedule": TICK_SECONDS}})
    dispatcher = jobs.dispatcher

    @worker_process_init.connect(weak=False)
    def _own_pool(**_):  # a forked pool process opens its own database connections
        jobs.runtime.engine.dispose(close=False)

    @app.task(name="trellis.jobs.tick")
    def tick(max_jobs: int = 5000) -> int:
        """Claim due jobs and send each to a worker."""
        # an owner per tick: a job claimed again after its lease ran out (its first message
        # still waiting, or lost with a dead worker) is run only by the message sent then
        owner = f"celery:{dispatcher.owner}:{secrets.token_hex(3)}"
        beat.beat(dispatcher.store.engine)  # for /readyz; writes at most every few seconds
        sent = 0
        while sent < max_jobs:
            claimed = dispatcher.claim(owner=owner, lease=QUEUED_LEASE)
            for j in claimed:
                run.delay(j["id"], owner)
            sent += len(claimed)
            if len(claimed) < dispatcher.batch:
                break
        return sent

    @app.task(name="trellis.jobs.run")
    def run(job_id: int, owner: str) -> str | None:
        """Run one claimed job, taken over by this process; a job no longer held by `owner`
        (claimed again since, its lease having run out) is left alone."""
        job = jobs.claimed(job_id, owner)
        if job is None:
            return None
        return dispatcher.execute([job], dispatcher.owner)[job_id]

    return app
