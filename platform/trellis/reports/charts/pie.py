"""A pie (or a donut: `chart.donut: true`): one dimension's shares of one measure."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, ref, chart, finished, quantity, split, tips, title


class Pie(ChartType):
    key = "pie"
    label = {"zh": "饼图", "en": "Pie"}
    dimensions = (1, 1)
    measures = (1, 1)

    def spec(self, report, data, lang="zh"):
        (dim,), (measure,) = split(data)
        donut = bool((report.get("chart") or {}).get("donut"))
        base = chart(report, data, lang).mark_arc(innerRadius=60 if donut else 0)
        return finished(base.encode(theta=quantity(alt.Theta, measure, lang),
                                    color=alt.Color(f"{ref(dim)}:N", title=title(dim, lang), sort=None),
                                    tooltip=tips(data["columns"], lang)))
