"""Celery entry point for workers: `celery -A trellis.web.worker worker` (needs TRELLIS_REDIS_URL)."""
from .app import create_app

flask_app = create_app()
celery = flask_app.extensions["trellis"].tasks.celery
if celery is None:
    raise SystemExit("TRELLIS_REDIS_URL is not set: tasks run in-process, no worker is needed")
