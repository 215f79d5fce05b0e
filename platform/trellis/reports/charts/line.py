"""Lines: the first dimension along x (a period, in time order), one line per measure or per
value of a second dimension, with points; `chart.area: true` fills under them (the area
chart is the same spec with a filled mark)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, axis_type, chart, finished, folded, quantity, ref, split, tips, title


class Line(ChartType):
    key = "line"
    label = {"zh": "折线图", "en": "Line"}
    dimensions = (1, 2)
    mark = "line"

    def spec(self, report, data, lang="zh"):
        dims, measures = split(data)
        x = alt.X(f"{ref(dims[0])}:{axis_type(dims[0])}", title=title(dims[0], lang), sort=None)
        base = chart(report, data, lang)
        if len(measures) > 1:
            def draw(c, y):
                c = c.mark_area(opacity=0.6) if self.mark == "area" else c.mark_line(point=True)
                return c.encode(x=x, y=y)
            return finished(folded(base, measures, lang, draw))
        base = base.mark_area(opacity=0.6) if self.mark == "area" else base.mark_line(point=True)
        y = quantity(alt.Y, measures[0], lang)
        tooltip = tips(data["columns"], lang)
        if len(dims) == 2:
            return finished(base.encode(x=x, y=y, tooltip=tooltip,
                                        color=alt.Color(f"{ref(dims[1])}:N", title=title(dims[1], lang))))
        return finished(base.encode(x=x, y=y, tooltip=tooltip))
