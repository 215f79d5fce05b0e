"""Bars: the first dimension along x, each measure's height (several measures side by side);
a second dimension colours the bars, stacked by default or grouped (`chart.stack: false`);
`chart.horizontal: true` lays them along y (long names, a top N)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, ref, axis_type, chart, finished, quantity, split, tips, title


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
            return finished(base.transform_fold([m["id"] for m in measures], as_=["measure", "value"]).encode(
                **pos, **{"x" if flip else "y": quantity(across, measures[0], lang, "value", title="")},
                color=alt.Color("measure:N", title=""), **{offset: "measure:N"}))
        y = {"x" if flip else "y": quantity(across, measures[0], lang)}
        tooltip = tips(data["columns"], lang)
        if len(dims) == 2:
            color = alt.Color(f"{ref(dims[1])}:N", title=title(dims[1], lang))
            if options.get("stack", True) is False:
                return finished(base.encode(**pos, **y, color=color, tooltip=tooltip, **{offset: f"{ref(dims[1])}:N"}))
            return finished(base.encode(**pos, **y, color=color, tooltip=tooltip))
        return finished(base.encode(**pos, **y, tooltip=tooltip))
