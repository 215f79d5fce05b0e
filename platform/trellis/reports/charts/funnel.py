"""A funnel: the stages as bars centred on the first stage's middle, widest first, each labelled with its figure and
its share of the first stage (the conversion). The stages are one dimension's groups of one
measure (in the report's sort), or, with no dimension, the measures themselves in their
order (开户 → 入金 → 交易 as three counts)."""
from __future__ import annotations

import altair as alt

from ..chart_type import ChartType, _text, chart, finished, number_format, ref, split, tips, title


class Funnel(ChartType):
    key = "funnel"
    label = {"zh": "漏斗图", "en": "Funnel"}
    dimensions = (0, 1)
    measures = (1, 8)

    def spec(self, report, data, lang="zh"):
        dims, measures = split(data)
        if dims:
            stage, measure = dims[0], measures[0]
            base = chart(report, data, lang)
            tooltip = tips([stage, measure], lang)
        else:  # the measures are the stages
            stage = {"id": "stage", "kind": "dimension", "label": {"zh": "阶段", "en": "Stage"}}
            measure = dict(measures[0], id="value", label={"zh": "数量", "en": "Count"})
            row = dict(zip([c["id"] for c in data["columns"]], data["rows"][0] if data["rows"] else []))
            base = alt.Chart(alt.Data(values=[{"stage": title(m, lang), "stage__raw": m["id"], "value": row.get(m["id"])}
                                              for m in measures]), title=_text(report.get("label"), lang) or report["id"])
            tooltip = tips([stage, measure], lang)
        m = measure["id"]
        base = base.transform_joinaggregate(first=f"max({ref(measure)})").transform_calculate(
            share=f"datum.first ? datum['{m}'] / datum.first : null",
            lo=f"(datum.first - datum['{m}']) / 2", hi=f"(datum.first + datum['{m}']) / 2", mid="datum.first / 2")
        y = alt.Y(f"{ref(stage)}:N", title=title(stage, lang), sort=None)
        share = alt.Tooltip("share:Q", title="转化率" if lang == "zh" else "Conversion", format="percent",
                            formatType="trellisNumber")
        bars = base.mark_bar().encode(x=alt.X("lo:Q", axis=None), x2="hi:Q", y=y,
                                      color=alt.Color(f"{ref(stage)}:N", legend=None, sort=None),
                                      tooltip=tooltip + [share])
        text = base.mark_text(color="#1f1f1f", fontWeight="bold").encode(
            y=y, x=alt.X("mid:Q", axis=None), text=alt.Text(f"{ref(measure)}:Q", **number_format(measure)))
        return finished(alt.layer(bars, text))

