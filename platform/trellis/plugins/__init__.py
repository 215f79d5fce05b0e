"""Plugins and the core's engines in one install shape (base.py: `Plugin`), the process-wide
registries they fill (registries.py), discovery, loading and installing (loader.py: entry
points in the group `trellis.plugins` and the TRELLIS_PLUGINS variable), the core's own
engines (core.py) and the plugins' browser files (web.py)."""
from __future__ import annotations

from .base import Plugin
from .functions import FunctionPlugin
from .loader import install_all, load_registries, registries, states
from .registries import Registries
from .state import PluginState

__all__ = ["FunctionPlugin", "Plugin", "PluginState", "Registries", "install_all", "load_registries", "registries",
           "states"]
