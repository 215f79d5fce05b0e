"""A scatter plot: one point per group of the first dimension, the first measure along x and
the second along y, a third sizing the points; a second dimension colours them."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, ref, chart, finished, quantity, split, tips, title


class Scatter(ChartType):
    key = "scatter"
    label = {"zh": "散点图", "en": "Scatter"}
    dimensions = (1, 2)
    measures = (2, 3)

    def spec(self, report, data, lang="zh"):
        dims, measures = split(data)
        enc = {"x": quantity(alt.X, measures[0], lang), "y": quantity(alt.Y, measures[1], lang),
               "detail": f"{ref(dims[0])}:N", "tooltip": tips(data["columns"], lang)}
        if len(measures) == 3:
            enc["size"] = quantity(alt.Size, measures[2], lang)
        if len(dims) == 2:
            enc["color"] = alt.Color(f"{ref(dims[1])}:N", title=title(dims[1], lang))
        return finished(chart(report, data, lang).mark_circle(opacity=0.7).encode(**enc))
