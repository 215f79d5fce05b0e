"""The report engine: reports as one kind of definition (`report`, reports/report_kind.py)
aggregated in the database through the viewer's guarded query (reports/engine.py,
`runtime.reports`), drawn by chart types (reports/charts/, one class a module) kept in a
registry keyed by the `chart.type` a report stores. `register(registries)` adds the core's
chart types, as a plugin adds its own; `install(runtime)` adds the `report` and `dashboard`
kinds, the engines (`runtime.reports`, `runtime.dashboards`) and the subscriber that moves a
form's data version on once a write to it commits (the result cache's invalidation), and the
dashboards' scheduled deliveries (reports/delivery.py: `runtime.deliveries`, its jobs)."""
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
    from .dashboard_kind import DashboardKind
    from . import delivery
    from .dashboards import Dashboards
    from .engine import Reports
    from .report_kind import ReportKind

    runtime.definition_kinds.add(ReportKind(runtime.registries))
    runtime.definition_kinds.add(DashboardKind())
    runtime.reports = Reports(runtime)
    runtime.dashboards = Dashboards(runtime)
    delivery.install(runtime)
    for event in ("after_insert", "after_update", "after_delete", "after_restore"):
        runtime.lifecycle.subscribe(event, runtime.reports.written, order=900, name=f"reports.{event}")
