"""The report engine: reports as one kind of definition (`report`, reports/report_kind.py)
aggregated in the database through the viewer's guarded query (reports/engine.py,
`runtime.reports`), drawn by chart types (reports/charts/, one class a module) kept in a
registry keyed by the `chart.type` a report stores. `register(registries)` adds the core's
chart types, as a plugin adds its own; `install(runtime)` adds the kind and the engine."""
from __future__ import annotations

import importlib
import pkgutil

from . import charts
from .chart_type import ChartType


def register(registries) -> None:
    for info in sorted(pkgutil.iter_modules(charts.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{charts.__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, ChartType) and value.key \
                    and value.__module__ == module.__name__:
                registries.chart_types.register(value.key, value)


def install(runtime) -> None:
    from .engine import Reports
    from .report_kind import ReportKind

    runtime.definition_kinds.add(ReportKind(runtime.registries))
    runtime.reports = Reports(runtime)
