"""Process-wide objects, created unbound here and bound by `create_app` / `init_app`.

No other module keeps module-level mutable state. The registries are filled once by
`load_registries()`: the core registers its own entries through the same call a plugin
uses (`register(registries)` found through the `trellis.plugins` entry-point group).
"""
from __future__ import annotations

from types import SimpleNamespace

from flask_appbuilder import AppBuilder
from flask_appbuilder.utils.legacy import get_sqla_class

from ..kernel.registry import Registry

db = get_sqla_class()()
appbuilder = AppBuilder(update_perms=True)

registries = SimpleNamespace(
    field_types=Registry("field type"),
)
_loaded = False


def load_registries():
    """Register the core's entries, then every installed plugin's (once per process)."""
    global _loaded
    if _loaded:
        return registries
    _loaded = True
    from ..forms.types import register as register_core_types
    from ..plugins.loader import load_plugins

    register_core_types(registries)
    load_plugins(registries)
    return registries
