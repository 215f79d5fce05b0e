"""A pivot table, drawn by the browser (an antd table): `chart.rows` dimensions down the side
and `chart.columns` across the top (default: the last dimension across, the others down),
every measure in each cell. Its subtotals are asked of the database, one GROUP BY per level
(a row level's prefix with a column level's prefix; `chart.subtotals: false` keeps only the
row and column totals); the grand totals are the report's totals. `chart.colour`
({"measure", "low", "high"}) colours the cells by a measure's value."""
from __future__ import annotations

from ..chart_type import ChartType


def axes(report: dict) -> tuple[list[str], list[str]]:
    dims = [d["field"] for d in report.get("dimensions") or []]
    options = report.get("chart") or {}
    cols = [c for c in options.get("columns", dims[-1:] if len(dims) > 1 else []) if c in dims]
    rows = [r for r in options.get("rows", [d for d in dims if d not in cols]) if r in dims and r not in cols]
    return rows, cols


class Pivot(ChartType):
    key = "pivot"
    label = {"zh": "透视表", "en": "Pivot table"}
    dimensions = (1, 4)

    def levels(self, report):
        rows, cols = axes(report)
        if (report.get("chart") or {}).get("subtotals", True) is False:
            wanted = [(len(rows), 0), (0, len(cols))]
        else:
            wanted = [(i, j) for i in range(len(rows) + 1) for j in range(len(cols) + 1)]
        full = (len(rows), len(cols))
        return [rows[:i] + cols[:j] for i, j in wanted if (i, j) not in ((0, 0), full)]

    def spec(self, report, data, lang="zh"):
        return None
