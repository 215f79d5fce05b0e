"""A heatmap: two dimensions as the grid, one measure as the colour of each cell."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, ref, axis_type, chart, finished, quantity, split, tips, title


class Heatmap(ChartType):
    key = "heatmap"
    label = {"zh": "热力图", "en": "Heatmap"}
    dimensions = (2, 2)
    measures = (1, 1)

    def spec(self, report, data, lang="zh"):
        (a, b), (measure,) = split(data)
        return finished(chart(report, data, lang).mark_rect().encode(
            x=alt.X(f"{ref(a)}:{axis_type(a)}", title=title(a, lang), sort=None),
            y=alt.Y(f"{ref(b)}:{axis_type(b)}", title=title(b, lang), sort=None),
            color=quantity(alt.Color, measure, lang), tooltip=tips(data["columns"], lang)))
