"""The chart-type contract of the report engine. A chart type is one class in one file
(reports/charts/), registered in `registries.chart_types` under the key a report's
`chart.type` stores. It declares how many dimensions and measures it shows (`dimensions`,
`measures`: (fewest, most)), checked when a report is saved, and builds the Vega-Lite spec
of a report's figures with vega-altair (`spec(report, data, lang)`, the data inline: the
figures are the viewer's); a type drawn by the browser itself (table, pivot, KPI card) gives
None. `levels(report)` names the subtotals it needs (lists of dimension ids, one GROUP BY
each); `whole_rows` keeps its rows over the whole report when it compares periods (the KPI
card's trend), where other types show the current period.

Numbers on axes, legends and tooltips carry `formatType: "trellisNumber"` with the measure's
format (number / percent / money): the browser registers that function (万 / 亿 in Chinese),
and `config.customFormatTypes` lets Vega call it."""
from __future__ import annotations

import json

import altair as alt

LANGS = ("zh", "en")
RAW = "__raw"  # a labelled value's stored value, beside its label (what a click drills into)


class ChartType:
    key: str = ""
    label = {"zh": "", "en": ""}
    dimensions: tuple[int, int] = (0, 4)
    measures: tuple[int, int] = (1, 20)
    whole_rows = False

    def levels(self, report: dict) -> list[list[str]]:
        return []

    def spec(self, report: dict, data: dict, lang: str = "zh") -> dict | None:
        raise NotImplementedError


def values(data: dict, lang: str) -> list[dict]:
    """The rows as records keyed by column id, a select's values shown by their labels."""
    ids = [c["id"] for c in data["columns"]]
    shown = {c["id"]: {k: _text(v, lang) for k, v in c.get("labels", {}).items()} for c in data["columns"]}
    out = []
    for row in data["rows"]:
        rec = dict(zip(ids, row))
        for cid, labels in shown.items():
            if labels and rec.get(cid) in labels:
                rec[cid + RAW], rec[cid] = rec[cid], labels[rec[cid]]
        out.append(rec)
    return out


def title(column: dict, lang: str) -> str:
    return _text(column.get("label"), lang) or column["id"]


def split(data: dict) -> tuple[list[dict], list[dict]]:
    """(dimension columns, measure columns)."""
    cols = data["columns"]
    return [c for c in cols if c["kind"] == "dimension"], [c for c in cols if c["kind"] == "measure"]


def chart(report: dict, data: dict, lang: str) -> alt.Chart:
    """An empty chart on the report's figures, titled with its label."""
    return alt.Chart(alt.Data(values=values(data, lang)), title=_text(report.get("label"), lang) or report["id"])


def axis_type(column: dict) -> str:
    """Periods are ordered (ordinal), other dimensions named (nominal)."""
    return "O" if column.get("bucket") else "N"


def ref(column: dict) -> str:
    """A column's id as a Vega field name (a relation path's dot escaped, not a nested field)."""
    return column["id"].replace(".", "\\.")


def number_format(column: dict) -> dict:
    return {"format": column.get("format") or "number", "formatType": "trellisNumber"}


def quantity(channel, column: dict, lang: str, field: str | None = None, **kw):
    """A quantitative encoding of a measure with its title and number format."""
    counted = {"tickMinStep": 1} if column.get("agg") in ("count", "count_distinct") else {}  # no 0.5 of a client
    guide = {"legend": alt.Legend(**number_format(column))} if channel in (alt.Color, alt.Size) else \
        {} if channel is alt.Theta else {"axis": alt.Axis(**number_format(column), **counted)}
    kw.setdefault("title", title(column, lang))
    if "axis" in kw:  # the caller's own (None: no axis)
        guide = {}
    return channel(f"{field or ref(column)}:Q", **guide, **kw)


def tips(columns: list[dict], lang: str) -> list:
    """Tooltips naming each column, numbers in their format."""
    return [alt.Tooltip(f"{ref(c)}:Q", title=title(c, lang), **number_format(c)) if c["kind"] == "measure"
            else alt.Tooltip(f"{ref(c)}:N", title=title(c, lang)) for c in columns]


def folded(base, measures: list[dict], lang: str, draw, axis=alt.Y, rate_draw=None):
    """Several measures on one chart, one colour each named by its label: `draw(chart, value
    encoding)` marks them. Rates (format percent) beside other figures get their own axis on
    the right (drawn by `rate_draw`, default `draw`), so a percentage is not read on a
    count's scale."""
    def part(group: list[dict], orient: str | None, draw=draw):
        names = " : ".join(f"datum.measure === {json.dumps(m['id'])} ? {json.dumps(title(m, lang))}" for m in group)
        c = base.transform_fold([m["id"] for m in group], as_=["measure", "value"]).transform_calculate(
            label=f"{names} : datum.measure")
        extra = {"axis": alt.Axis(orient=orient, **number_format(group[0]))} if orient else {}
        value = quantity(axis, group[0], lang, "value", title="", **extra)
        return draw(c, value).encode(color=alt.Color("label:N", title="", sort=[title(m, lang) for m in measures]),
                                     tooltip=[alt.Tooltip("label:N", title=""),
                                              alt.Tooltip("value:Q", title="", **number_format(group[0]))])
    rates = [m for m in measures if m.get("format") == "percent"]
    others = [m for m in measures if m.get("format") != "percent"]
    if rates and others and axis is alt.Y:
        return alt.layer(part(others, "left"), part(rates, "right", rate_draw or draw)).resolve_scale(y="independent")
    return part(measures, None)


def finished(c) -> dict:
    out = c.properties(width="container").to_dict(validate=False)
    out.setdefault("config", {})["customFormatTypes"] = True
    return out


def _text(label, lang: str) -> str:
    if isinstance(label, dict):
        return label.get(lang) or label.get("zh") or label.get("en") or ""
    return "" if label is None else str(label)
