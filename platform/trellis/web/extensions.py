"""Process-wide objects, created unbound here and bound by `create_app` / `init_app`.

Only the Flask and Flask-AppBuilder objects live here; the registries the engines and
plugins fill are in `trellis.plugins` (loader.py), the other process-wide state.
"""
from __future__ import annotations

from flask_appbuilder import AppBuilder
from flask_appbuilder.utils.legacy import get_sqla_class

db = get_sqla_class()()
appbuilder = AppBuilder(update_perms=True)
