"""Bars: the first dimension along x, each measure's height (several measures side by side);
a second dimension colours the bars, stacked by default or grouped (`chart.stack: false`)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, axis_type, chart, finished, split, title


class Bar(ChartType):
    key = "bar"
    label = {"zh": "柱状图", "en": "Bar"}
    dimensions = (1, 2)

    def spec(self, report, data, lang="zh"):
        dims, measures = split(data)
        x = alt.X(f"{dims[0]['id']}:{axis_type(dims[0])}", title=title(dims[0], lang), sort=None)
        base = chart(report, data, lang).mark_bar()
        if len(measures) > 1:
            return finished(base.transform_fold([m["id"] for m in measures], as_=["measure", "value"]).encode(
                x=x, y=alt.Y("value:Q", title=""), color=alt.Color("measure:N", title=""),
                xOffset="measure:N"))
        y = alt.Y(f"{measures[0]['id']}:Q", title=title(measures[0], lang))
        if len(dims) == 2:
            color = alt.Color(f"{dims[1]['id']}:N", title=title(dims[1], lang))
            if (report.get("chart") or {}).get("stack", True) is False:
                return finished(base.encode(x=x, y=y, color=color, xOffset=f"{dims[1]['id']}:N"))
            return finished(base.encode(x=x, y=y, color=color))
        return finished(base.encode(x=x, y=y))
