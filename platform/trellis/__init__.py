"""Trellis: a self-hosted low-code platform (forms, flows, rules, reports).

`create_app` is the one app factory; everything else hangs off it.
"""
__version__ = "0.1.0"


def create_app(config=None):
    """Build the Flask app (imported lazily so engines can be used without Flask)."""
    from .web.app import create_app as _create_app

    return _create_app(config)
