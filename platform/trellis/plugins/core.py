"""The core's own engines, declared in the same shape as a plugin and installed the same way
(in this order, before any plugin): the field types register themselves; audit subscribes to
the record lifecycle and the definition store; imports register their job (`imports.run`);
rollups subscribe their upkeep to the lifecycle and register their jobs (records/rollup_jobs.py).

A plugin's `install(runtime)` reaches the other engines through the runtime: job functions
with `runtime.jobs.register(name, fn, ...)`, definition kinds (meta-schema and publish hook)
with `runtime.definition_kinds.add(kind)`, lifecycle handlers with
`runtime.lifecycle.subscribe(...)`. The flow and report engines are in this list the same way."""
from __future__ import annotations

from .base import Plugin
from .functions import FunctionPlugin


def core_engines() -> list[Plugin]:
    from .. import __version__
    from ..forms.types import register as register_field_types
    from ..imports import register as install_imports
    from ..notify import install as install_notify
    from ..flows import install as install_flows
    from ..flows import register as register_flows
    from ..records.rollup_jobs import install as install_rollups
    from ..reports import install as install_reports
    from ..reports import register as register_reports
    from ..security.audit import subscribe as install_audit

    return [
        FunctionPlugin("field_types", version=__version__, register=register_field_types, core=True),
        FunctionPlugin("audit", version=__version__, install=install_audit, core=True),
        FunctionPlugin("imports", version=__version__, install=install_imports, core=True),
        FunctionPlugin("notify", version=__version__, install=install_notify, core=True),
        FunctionPlugin("rollups", version=__version__, install=install_rollups, core=True),
        FunctionPlugin("flows", version=__version__, register=register_flows, install=install_flows, core=True),
        FunctionPlugin("reports", version=__version__, register=register_reports, install=install_reports, core=True),
    ]
