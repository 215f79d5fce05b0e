"""Celery entry point: `celery -A trellis.web.worker worker` runs jobs, `celery -A
trellis.web.worker beat` (or `worker -B`) ticks the dispatcher (needs TRELLIS_REDIS_URL).

Log lines follow TRELLIS_LOG_FORMAT / TRELLIS_LOG_LEVEL (Celery's own set-up is replaced:
its task lines and the jobs' lines, with their job id, name and request id, come out in
the same format as the web's). With PROMETHEUS_MULTIPROC_DIR set to the web's folder on the
same host, the jobs this worker runs are counted in the web's /metrics."""
import os

from celery.signals import setup_logging, worker_process_shutdown

from ..kernel import logs
from .app import create_app


@setup_logging.connect(weak=False)
def _logging(**_):  # connected: Celery leaves the root logger to us
    logs.setup()


@worker_process_shutdown.connect(weak=False)
def _metrics_files(**_):
    from .multiproc import mark_dead

    mark_dead(os.getpid())


if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # a folder named but not made yet: made, not a failed write
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)
flask_app = create_app()
celery = flask_app.extensions["trellis"].jobs.celery
if celery is None:
    raise SystemExit("TRELLIS_REDIS_URL is not set: jobs run in-process, no worker is needed")
