"""A funnel: the stages of one dimension (in the report's sort, or as grouped) as centred
bars of one measure, widest first, each labelled with its figure and its share of the first
stage (the conversion)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, chart, finished, number_format, quantity, split, tips, title


class Funnel(ChartType):
    key = "funnel"
    label = {"zh": "漏斗图", "en": "Funnel"}
    dimensions = (1, 1)
    measures = (1, 1)

    def spec(self, report, data, lang="zh"):
        (dim,), (measure,) = split(data)
        m = measure["id"]
        base = chart(report, data, lang).transform_joinaggregate(first=f"max({m})").transform_calculate(
            share=f"datum.first ? datum.{m} / datum.first : null")
        y = alt.Y(f"{dim['id']}:N", title=title(dim, lang), sort=None)
        bars = base.mark_bar().encode(x=quantity(alt.X, measure, lang, stack="center", axis=None), y=y,
                                      color=alt.Color(f"{dim['id']}:N", legend=None, sort=None),
                                      tooltip=tips(data["columns"], lang) + [
                                          alt.Tooltip("share:Q", title="转化率" if lang == "zh" else "Conversion",
                                                      format="percent", formatType="trellisNumber")])
        text = base.mark_text(color="white", fontWeight="bold").encode(
            y=y, text=alt.Text(f"{m}:Q", **number_format(measure)))
        return finished(alt.layer(bars, text))
