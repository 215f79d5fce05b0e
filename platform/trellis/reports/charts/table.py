"""A table of the figures: drawn by the browser from the data itself (no Vega-Lite spec)."""
from __future__ import annotations

from ..chart_type import ChartType


class Table(ChartType):
    key = "table"
    label = {"zh": "表格", "en": "Table"}

    def spec(self, report, data, lang="zh"):
        return None
