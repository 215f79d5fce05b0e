"""The report engine: reports as one kind of definition (`report`, reports/report_kind.py)
aggregated in the database through the viewer's guarded query (reports/engine.py,
`runtime.reports`). `install(runtime)` adds the kind and the engine."""
from __future__ import annotations


def install(runtime) -> None:
    from .engine import Reports
    from .report_kind import ReportKind

    runtime.definition_kinds.add(ReportKind(runtime.registries))
    runtime.reports = Reports(runtime)
