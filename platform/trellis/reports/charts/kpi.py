"""A KPI card, drawn by the browser: one measure's value (`chart.measure`, default the first;
a ratio comes after the counts it divides) over the report (or its current period when it
compares periods), the others smaller beside it, the change against the previous period, and a
trend line from the rows when the report has a period dimension (kept over the whole report,
`whole_rows`, so the trend reaches back past the current period)."""
from __future__ import annotations

from ..chart_type import ChartType


class Kpi(ChartType):
    key = "kpi"
    label = {"zh": "指标卡", "en": "KPI card"}
    dimensions = (0, 1)
    measures = (1, 4)
    whole_rows = True

    def spec(self, report, data, lang="zh"):
        return None
