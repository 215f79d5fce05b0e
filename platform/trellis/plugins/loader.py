"""Plugin discovery and loading, once per process; installing into each Runtime.

Where plugins come from:
- the entry-point group `trellis.plugins` of every installed distribution; the entry point
  names a Plugin subclass or instance (see base.py), or, the older shape, a bare
  `register(registries)` callable (wrapped, named after the entry point);
- the environment variable `TRELLIS_PLUGINS`: module paths separated by commas or spaces,
  each `package.module` (its `plugin` attribute, else its `register` function) or
  `package.module:attribute`. Meant for development and tests, without installing.

Order: the core's engines (core.py), then plugins in discovery order, each once the plugins
it `requires` are active. A plugin whose import, `register` or `install` raises, whose
requirements are unmet or whose name is taken is logged, disabled (what it registered is
withdrawn) and listed with its error by `GET /api/v1/plugins`; the server still starts.
An engine of the core that fails is a bug and raises.
"""
from __future__ import annotations

import importlib
import logging
import os
import re
import threading
from dataclasses import replace
from importlib.metadata import entry_points

from packaging.requirements import InvalidRequirement, Requirement

from .base import Plugin
from .core import core_engines
from .functions import FunctionPlugin
from .registries import Registries
from .state import PluginState

GROUP = "trellis.plugins"
ENV = "TRELLIS_PLUGINS"
log = logging.getLogger("trellis.plugins")

registries = Registries()
_states: list[PluginState] | None = None
_lock = threading.Lock()


def load_registries() -> Registries:
    """Register the core's engines, then every plugin found (once per process)."""
    global _states
    with _lock:
        if _states is None:
            _states = load(registries)
    return registries


def states() -> list[PluginState]:
    """Every engine and plugin with its state after registering (process-wide)."""
    load_registries()
    return list(_states)


def install_all(runtime, loaded: list[PluginState] | None = None) -> list[PluginState]:
    """Install every active engine and plugin (of `loaded`, default the process's) into
    `runtime`; the states as they end up there."""
    out: list[PluginState] = []
    active = _platform()
    for state in states() if loaded is None else loaded:
        if state.active:
            unmet = _unmet(state.plugin, active)
            if unmet:
                state = state.disabled(unmet)
            else:
                try:
                    state.plugin.install(runtime)
                except Exception as exc:
                    if state.core:
                        raise
                    log.exception("plugin %s: install failed", state.name)
                    state = state.disabled(f"install: {_text(exc)}")
        if state.active:
            active[state.name] = state
        out.append(state)
    return out


# -- discovery ------------------------------------------------------------------------
def discover() -> list[PluginState]:
    """The plugins offered by entry points and by TRELLIS_PLUGINS, not yet registered."""
    found: list[PluginState] = []
    for ep in entry_points(group=GROUP):
        dist = getattr(ep, "dist", None)
        version = dist.version if dist is not None else "0"
        origin = f"entry point {dist.name if dist is not None else ep.value}"
        try:
            found.append(_state(_as_plugin(ep.load(), ep.name, version), origin))
        except Exception as exc:
            log.exception("plugin %s: cannot be loaded", ep.name)
            found.append(PluginState(ep.name, version, origin, None, f"import: {_text(exc)}"))
    for path in re.split(r"[,\s]+", os.environ.get(ENV, "").strip()):
        if not path:
            continue
        module, _, attr = path.partition(":")
        try:
            mod = importlib.import_module(module)
            obj = getattr(mod, attr) if attr else getattr(mod, "plugin", None) or getattr(mod, "register")
            found.append(_state(_as_plugin(obj, module.rpartition(".")[2], "0"), ENV))
        except Exception as exc:
            log.exception("plugin %s (%s): cannot be loaded", path, ENV)
            found.append(PluginState(path, "", ENV, None, f"import: {_text(exc)}"))
    return found


def _as_plugin(obj, name: str, version: str) -> Plugin:
    if isinstance(obj, type) and issubclass(obj, Plugin):
        obj = obj()
    if isinstance(obj, Plugin):
        if not obj.name:
            obj.name = name
        if obj.version == Plugin.version:  # not given: the installed distribution's
            obj.version = version
        return obj
    if callable(obj):
        return FunctionPlugin(name, version=version, register=obj)
    raise TypeError(f"{obj!r} is neither a Plugin nor a register(registries) function")


def _state(plugin: Plugin, origin: str) -> PluginState:
    return PluginState(plugin.name, str(plugin.version), origin, plugin)


# -- registering ----------------------------------------------------------------------
def load(regs: Registries) -> list[PluginState]:
    """Register the core's engines and every plugin found into `regs`; their states, the
    active ones in the order they were registered, then the disabled ones."""
    offered = [PluginState(p.name, p.version, "core", p) for p in core_engines()] + discover()
    active = _platform()
    done: list[PluginState] = []
    pending = [s for s in offered if s.active]
    progressed = True
    while pending and progressed:
        progressed = False
        for state in list(pending):
            if _unmet(state.plugin, active, missing_only=True):
                continue  # perhaps a plugin offered later provides it
            pending.remove(state)
            progressed = True
            state = _register(state, regs, active)
            if state.active:
                active[state.name] = state
            done.append(state)
    for state in pending:
        done.append(state.disabled(_unmet(state.plugin, active)))
        log.error("plugin %s: %s", state.name, done[-1].error)
    done += [s for s in offered if not s.active]
    return sorted(done, key=lambda s: not s.active)


def _register(state: PluginState, regs: Registries, active: dict) -> PluginState:
    if state.name in active:
        return state.disabled(f"the name {state.name!r} is already taken")
    unmet = _unmet(state.plugin, active)
    if unmet:
        log.error("plugin %s: %s", state.name, unmet)
        return state.disabled(unmet)
    before = regs.snapshot()
    try:
        state.plugin.register(regs)
    except Exception as exc:
        if state.core:
            raise
        regs.rollback(before)
        log.exception("plugin %s: register failed", state.name)
        return state.disabled(f"register: {_text(exc)}")
    after = regs.snapshot()
    added = {kind: sorted(keys - before.get(kind, set())) for kind, keys in after.items()}
    return replace(state, provides={kind: keys for kind, keys in added.items() if keys})


def _platform() -> dict[str, PluginState]:
    """What a plugin may require before any engine: the platform itself ("trellis>=0.1")."""
    from .. import __version__

    return {"trellis": PluginState("trellis", __version__, "core")}


def _unmet(plugin: Plugin, active: dict, missing_only: bool = False) -> str | None:
    """Why `plugin`'s requirements are not met by `active` (None when they are)."""
    for spec in plugin.requires:
        try:
            req = Requirement(spec)
        except InvalidRequirement:
            return f"requires {spec!r}: not a requirement (name, optionally a version specifier)"
        have = active.get(req.name)
        if have is None:
            return f"requires {spec}: not installed or disabled"
        if not missing_only and req.specifier and not req.specifier.contains(have.version, prereleases=True):
            return f"requires {spec}: {req.name} {have.version} is installed"
    return None


def _text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
