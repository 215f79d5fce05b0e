"""Bars: the first dimension along x, each measure's height (several measures side by side);
a second dimension colours the bars, stacked by default or grouped (`chart.stack: false`);
`chart.horizontal: true` lays them along y (long names, a top N)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, axis_type, chart, finished, folded, quantity, ref, split, tips, title


class Bar(ChartType):
    key = "bar"
    label = {"zh": "柱状图", "en": "Bar"}
    dimensions = (1, 2)

    def spec(self, report, data, lang="zh"):
        dims, measures = split(data)
        options = report.get("chart") or {}
        flip = bool(options.get("horizontal"))
        along, across = (alt.Y, alt.X) if flip else (alt.X, alt.Y)
        offset = "yOffset" if flip else "xOffset"
        x = along(f"{ref(dims[0])}:{axis_type(dims[0])}", title=title(dims[0], lang), sort=None)
        base = chart(report, data, lang).mark_bar()
        pos = {"y" if flip else "x": x}
        if len(measures) > 1:
            def draw(c, value):
                return c.encode(**pos, **{"x" if flip else "y": value, offset: "label:N"})

            def rates(c, value):  # a rate beside counts: a line over the bars, on its own axis
                return c.mark_line(point=True).encode(**pos, **{"x" if flip else "y": value})
            return finished(folded(base, measures, lang, draw, across, rates))
        y = {"x" if flip else "y": quantity(across, measures[0], lang)}
        tooltip = tips(data["columns"], lang)
        if len(dims) == 2:
            color = alt.Color(f"{ref(dims[1])}:N", title=title(dims[1], lang))
            if options.get("stack", True) is False:
                return finished(base.encode(**pos, **y, color=color, tooltip=tooltip, **{offset: f"{ref(dims[1])}:N"}))
            return finished(base.encode(**pos, **y, color=color, tooltip=tooltip))
        return finished(base.encode(**pos, **y, tooltip=tooltip))
