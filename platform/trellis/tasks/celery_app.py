"""The Celery app, used when TRELLIS_REDIS_URL is set: every registered task function
becomes a Celery task named `trellis.<name>`, retried with backoff."""
from __future__ import annotations

from celery import Celery


def make_celery(redis_url: str, runner) -> Celery:
    app = Celery("trellis", broker=redis_url, backend=redis_url)
    app.conf.update(task_serializer="json", accept_content=["json"], result_serializer="json",
                    task_acks_late=True, broker_connection_retry_on_startup=True)
    for name, fn in runner.functions.items():
        app.task(name=f"trellis.{name}", autoretry_for=(Exception,), retry_backoff=True,
                 max_retries=5)(fn)
    return app
