"""Running a report (`runtime.reports`): its published definition, aggregated in the database
through the viewer's guarded query (records/guarded.py), so their row scope applies to every
figure and a field they may not see cannot be grouped, filtered or aggregated (400, as an
unknown field). One query gives the groups (dimensions, dates by period), one more the totals
(a distinct count's total is not the sum of its groups); formula measures are then worked out
per row from the aggregated values (JsonLogic over the measures' ids), never over records.

    data(app, key, actor, filters) -> {"columns": [{"id", "label", "kind", ...}], "rows": [[...]],
                                        "totals": {measure: value}, "fresh_at", "took_ms", ...}
    spec(app, key, actor, filters, lang) -> {"chart", "spec": Vega-Lite (reports/charts/), "data"}

The figures are computed when asked (`fresh_at` is the query's time)."""
from __future__ import annotations

import time
from datetime import date, datetime
from decimal import Decimal

from ..forms.types.base import labels_of
from ..kernel.errors import BadRequest, NotFound, TrellisError
from ..kernel.timestamps import stamp
from ..logic import evaluate

MAX_ROWS = 10_000


class Reports:
    def __init__(self, runtime):
        self.runtime = runtime

    def definition(self, app: str, key: str) -> tuple[dict, int]:
        found = self.runtime.store.published(app, "report", key)
        if found is None:
            raise NotFound(f"报表 {key} 不存在或未发布", f"report {key} does not exist or is not published",
                           details={"report": key})
        return found

    def listing(self, app: str, actor) -> list[dict]:
        """The published reports over forms the actor may read."""
        out = []
        for row in self.runtime.store.list(app, "report"):
            if not row["published_version"]:
                continue
            body, version = self.definition(app, row["key"])
            try:
                if not self.runtime.access(actor, self.runtime.form(app, body["form"])).allowed("read"):
                    continue
            except TrellisError:  # its form is gone
                continue
            out.append({"id": row["key"], "label": body.get("label"), "description": body.get("description"),
                        "form": body["form"], "chart": body.get("chart"), "version": version})
        return out

    def data(self, app: str, key: str, actor, filters=None) -> dict:
        body, version = self.definition(app, key)
        started = time.perf_counter()
        records = self.runtime.records(app, body["form"], actor)
        query = records.query("read").where(body.get("filter"), "filter").where(filters, "filters")
        dims = body.get("dimensions") or []
        aggs = [m for m in body["measures"] if "agg" in m]
        totals_q = query
        for m in aggs:
            totals_q = totals_q.measure(m["agg"], m.get("field"), label=m["id"], p=m.get("p"))
        grouped = query.group_by(*[d["field"] for d in dims],
                                 buckets={d["field"]: d["bucket"] for d in dims if d.get("bucket")})
        for m in aggs:
            grouped = grouped.measure(m["agg"], m.get("field"), label=m["id"], p=m.get("p"))
        with self.runtime.engine.connect() as conn:
            totals = dict(conn.execute(totals_q.statement()).mappings().first() or {})
            found = conn.execute(grouped.statement(limit=MAX_ROWS + 1)).mappings().all() if dims else [totals]
            columns = self._columns(conn, records.form, body)
        ids = [c["id"] for c in columns]
        rows = [self._worked_out(body, {k: _plain(v) for k, v in r.items()}) for r in found[:MAX_ROWS]]
        rows = _sorted(rows, body.get("sort") or [])[: body.get("limit") or MAX_ROWS]
        return {"report": key, "version": version, "columns": columns,
                "rows": [[r.get(i) for i in ids] for r in rows],
                "totals": self._worked_out(body, {k: _plain(v) for k, v in totals.items()}),
                "truncated": len(found) > MAX_ROWS, "fresh_at": stamp(self.runtime.clock.now()),
                "took_ms": round((time.perf_counter() - started) * 1000, 1)}

    def spec(self, app: str, key: str, actor, filters=None, lang: str = "zh") -> dict:
        """The report's Vega-Lite spec on the viewer's figures (None for a chart the browser
        draws itself, the table), with the figures as `data` answers them."""
        body, _version = self.definition(app, key)
        found = self.data(app, key, actor, filters)
        kind = self.runtime.registries.chart_types.get((body.get("chart") or {}).get("type") or "table")
        return {"report": key, "chart": kind.key, "spec": kind().spec(body, found, lang), "data": found}

    # -- what the numbers are called ---------------------------------------------------------------
    def _columns(self, conn, form, body: dict) -> list[dict]:
        out = []
        for d in body.get("dimensions") or []:
            t = form.field(d["field"])
            col = {"id": d["field"], "kind": "dimension", "label": d.get("label") or _label(t, d["field"])}
            if d.get("bucket"):
                col["bucket"] = d["bucket"]
            options = (t.field.get("options") if t is not None else None) or []
            if options:
                col["labels"] = {o["value"]: o.get("label") for o in options if isinstance(o, dict)}
            out.append(col)
        for m in body["measures"]:
            label = m.get("label")
            if label is None and m.get("field"):
                label = _label(form.field(m["field"]), m["field"])
            out.append({"id": m["id"], "kind": "measure", "label": label or {"zh": m["id"], "en": m["id"]},
                        "format": m.get("format")})
        return out

    @staticmethod
    def _worked_out(body: dict, row: dict) -> dict:
        """The formula measures of one row, in their order (a later formula may use an earlier one)."""
        for m in body["measures"]:
            if "formula" in m:
                try:
                    value = evaluate(m["formula"], row)
                except (TrellisError, ArithmeticError, TypeError, ValueError):
                    value = None
                finite = isinstance(value, (int, float)) and value == value and abs(value) != float("inf")
                row[m["id"]] = value if finite else None
        return row


def _label(t, name: str) -> dict:
    """A field's label {zh, en} (a system field's: its name)."""
    if t is None:
        return {"zh": name, "en": name}
    zh, en = labels_of(t.field)
    return {"zh": zh, "en": en}


def _plain(value):
    """A database value as JSON: decimals as numbers, dates as ISO text."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _sorted(rows: list[dict], sort: list[dict]) -> list[dict]:
    """Sorted by dimensions or measures (empty values last), the first key first."""
    for key in reversed(sort):
        by, desc = key["by"], bool(key.get("desc"))
        present = [r for r in rows if r.get(by) is not None]
        missing = [r for r in rows if r.get(by) is None]
        try:
            present.sort(key=lambda r: r[by], reverse=desc)
        except TypeError:
            present.sort(key=lambda r: str(r[by]), reverse=desc)
        rows = present + missing
    return rows


def parse_filters(text: str | None):
    """The `filters` query parameter: a JsonLogic rule as JSON text (None when absent)."""
    if text in (None, ""):
        return None
    import json

    try:
        rule = json.loads(text)
    except ValueError:
        rule = None
    if not isinstance(rule, dict):
        raise BadRequest("filters 应为 JSON 格式的筛选条件", "filters is a filter rule as JSON", code="malformed",
                         details={"param": "filters"})
    return rule
