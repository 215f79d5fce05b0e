"""WSGI entry point for production servers: `gunicorn trellis.web.wsgi:app`."""
from .app import create_app

app = create_app()
