"""A pie (or a donut: `chart.donut: true`): one dimension's shares of one measure."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, chart, finished, split, title


class Pie(ChartType):
    key = "pie"
    label = {"zh": "饼图", "en": "Pie"}
    dimensions = (1, 1)
    measures = (1, 1)

    def spec(self, report, data, lang="zh"):
        (dim,), (measure,) = split(data)
        donut = bool((report.get("chart") or {}).get("donut"))
        base = chart(report, data, lang).mark_arc(innerRadius=60 if donut else 0)
        return finished(base.encode(theta=alt.Theta(f"{measure['id']}:Q", title=title(measure, lang)),
                                    color=alt.Color(f"{dim['id']}:N", title=title(dim, lang)),
                                    tooltip=[f"{dim['id']}:N", f"{measure['id']}:Q"]))
