"""WSGI entry point for production servers: `gunicorn trellis.web.wsgi:app` (log lines as
TRELLIS_LOG_FORMAT / TRELLIS_LOG_LEVEL say; add `--logger-class
trellis.web.gunicorn_log.Logger` for gunicorn's own lines in the same format)."""
from ..kernel import logs
from .app import create_app

logs.setup()
app = create_app()
