"""Celery entry point: `celery -A trellis.web.worker worker` runs jobs, `celery -A
trellis.web.worker beat` (or `worker -B`) ticks the dispatcher (needs TRELLIS_REDIS_URL)."""
from .app import create_app

flask_app = create_app()
celery = flask_app.extensions["trellis"].jobs.celery
if celery is None:
    raise SystemExit("TRELLIS_REDIS_URL is not set: jobs run in-process, no worker is needed")
