"""Running a report (`runtime.reports`): its published definition, aggregated in the database
through the viewer's guarded query (records/guarded.py), so their row scope applies to every
figure and a field they may not see cannot be grouped, filtered or aggregated (400, as an
unknown field). reports/figures.py computes the groups, totals, 其他 and subtotals;
reports/periods.py the comparison with the previous period; results are kept in the
report cache (reports/cache.py) by definition version, data version and viewer scope.

    data(app, key, actor, filters, period) -> {"columns": [{"id", "label", "kind", ...}], "rows": [[...]],
        "totals", "previous", "range", "subtotals"?, "fresh_at", "took_ms", "cached", ...}
    spec(app, key, actor, filters, lang, period) -> {"chart", "spec": Vega-Lite (reports/charts/), "data"}
    preview(app, body, actor, filters, lang) -> the same for a draft (the designer's), not cached
    drill(app, key, actor, filters, at) -> {"form", "filter"}: the records behind one group

`fresh_at` is when the figures were computed (a cached answer keeps its time)."""
from __future__ import annotations

import json
import logging
import time

from ..forms.types.base import labels_of
from ..kernel.errors import BadRequest, NotFound, TrellisError
from ..kernel.timestamps import stamp
from ..records.reading import expand_relations
from ..records.saved_views import usable_fields
from ..security.access import substitute_user
from ..flows import trading_days
from . import figures
from .cache import ResultCache
from .replica import Unsupported
from .periods import label_range, period_of, previous, range_rule, timed

OTHER_LABEL = {"zh": "其他", "en": "Other"}
log = logging.getLogger(__name__)


class Reports:
    def __init__(self, runtime, cache: ResultCache | None = None):
        self.runtime = runtime
        jobs = getattr(runtime, "jobs", None)
        self.cache = cache or ResultCache(getattr(jobs, "redis_url", None))
        self.replica = None  # reports/replica.py: set by the application when configured

    def definition(self, app: str, key: str) -> tuple[dict, int]:
        found = self.runtime.store.published(app, "report", key)
        if found is None:
            raise NotFound(f"报表 {key} 不存在或未发布", f"report {key} does not exist or is not published",
                           details={"report": key})
        return found

    def chart_type(self, body: dict):
        return self.runtime.registries.chart_types.get((body.get("chart") or {}).get("type") or "table")

    def readable(self, app: str, body: dict, actor) -> bool:
        """May the actor read the report's form and see every field it groups, filters or
        measures (else its figures would answer 400 naming the hidden field)?"""
        try:
            form = self.runtime.form(app, body["form"])
            access = self.runtime.access(actor, form)
        except TrellisError:  # its form is gone
            return False
        usable = usable_fields(form, access)
        return access.allowed("read") and all(usable(name) for name in _named_fields(body)
                                              if form.field(name) is not None)

    def listing(self, app: str, actor) -> list[dict]:
        """The published reports over forms the actor may read."""
        out = []
        for row in self.runtime.store.list(app, "report"):
            if not row["published_version"]:
                continue
            body, version = self.definition(app, row["key"])
            if self.readable(app, body, actor):
                out.append({"id": row["key"], "label": body.get("label"), "description": body.get("description"),
                            "form": body["form"], "chart": body.get("chart"), "version": version})
        return out

    def written(self, ctx) -> None:
        """A write moves its form's data version on once its transaction commits (once per
        transaction and form inside `runtime.transaction()`, whose state it keeps), and tells
        the columnar replica which rows it wrote."""
        tx = ctx.conn.info.get("trellis_tx")
        written = tx.setdefault("reports.written", {}) if tx is not None else {}
        app, form = ctx.form.app, ctx.form.id
        ids = written.get((app, form))
        if ids is None:
            ids = written[(app, form)] = set()

            def committed():
                if self.replica is not None:
                    self.replica.note(ctx.form.table_name, ids)
                self.cache.bump(app, [form])
            ctx.after_commit(committed)
        if self.replica is not None:
            ids.update(r["id"] for r in [*ctx.records, *ctx.old] if r.get("id") is not None)

    # -- figures ------------------------------------------------------------------------------
    def data(self, app: str, key: str, actor, filters=None, period=None) -> dict:
        """The viewer's figures; `period` (start, end) is the comparison's current period
        (default: the calendar period holding today)."""
        body, version = self.definition(app, key)
        return self.figures(app, body, version, actor, filters, period)

    def preview(self, app: str, body, actor, filters=None, lang: str = "zh") -> dict:
        """A draft report's spec answer, checked as publishing checks it, computed in the
        viewer's scope and not kept (the designer's live preview)."""
        kind = self.runtime.definition_kinds.get("report")
        kind.check(body)
        with self.runtime.engine.connect() as conn:
            kind.publish(conn, app, body, None, self.runtime.store)
        found = self.figures(app, body, None, actor, filters, None, keep=False)
        chart = self.chart_type(body)
        return {"report": body["id"], "chart": chart.key, "spec": chart().spec(body, found, lang), "data": found}

    def figures(self, app: str, body: dict, version, actor, filters=None, period=None, keep: bool = True) -> dict:
        """The figures of a report definition (`keep`: through the result cache)."""
        key = body["id"]
        records = self.runtime.records(app, body["form"], actor)
        today = self.runtime.clock.now().date()
        forms = {body["form"]} | {t.target for t in records.form.active if t.references == "form"}
        versions = self.cache.versions(app, forms) if keep else None
        if versions is not None and any(d.get("bucket") == "trading_day" for d in body.get("dimensions") or []):
            calendar = self.cache.versions("_platform", ["trellis_trading_days"])  # an administrator's calendar change
            versions = None if calendar is None else versions + calendar
        slot = None
        if versions is not None:
            slot = self.cache.key(app, key, version, versions, _scope_key(records.access), filters,
                                  period and [d.isoformat() for d in period], today.isoformat())
            hit = self.cache.get(slot)
            if hit is not None:
                return dict(hit, cached=True)
        started = time.perf_counter()
        found = self._computed(app, body, records, [self.runtime.form(app, f) for f in forms_first(body, forms)],
                               filters, period, today)
        found.update(report=key, version=version, form=body["form"], chart=body.get("chart") or {"type": "table"},
                     fresh_at=stamp(self.runtime.clock.now()), cached=False,
                     took_ms=round((time.perf_counter() - started) * 1000, 1))
        if slot is not None:
            self.cache.put(slot, found)
        return found

    def _computed(self, app: str, body: dict, records, forms: list, filters, period, today) -> dict:
        kind = self.chart_type(body)()
        if any(d.get("bucket") == "trading_day" for d in body.get("dimensions") or []):
            trading_days.ensure(self.runtime)
        query = dataset(records, body).where(body.get("filter"), "filter").where(filters, "filters")
        compare = body.get("compare")
        current, span, before, clock = query, None, None, False
        if compare:
            span = period or period_of(today, compare["period"])
            before = previous(*span)
            clock = timed(records.form, compare["field"])
            current = query.where(range_rule(compare["field"], *span, clock), "compare")
        args = (body, kind, query, current, span, before, clock)
        out = None
        scopes = [g.get("scope") for _r, g in (records.access.grants or []) if "read" in g.get("actions", ())]
        replica = self.replica
        if replica is not None and not (replica.prefer_index and _narrow(records.form, [body.get("filter"), filters, *scopes])):
            try:
                out = dict(self._aggregated(self.replica.reader(app, forms), *args), engine="columnar",
                           copy_ms=round(self.replica.last_sync_ms, 1))
            except Unsupported as why:
                self.replica.refused.append(f"{body['id']}: {why}")
                del self.replica.refused[:-20]
                log.debug("report %s on the main database: %s", body["id"], why)
        if out is None:
            with self.runtime.engine.connect() as conn:
                out = dict(self._aggregated(conn, *args), engine="main")
        with self.runtime.engine.connect() as conn:
            shown = out["rows"] + [r for sub in out.get("subtotals", []) for r in sub["rows"]]
            columns = self._columns(conn, records, body, shown)
        ids = [c["id"] for c in columns]
        out["columns"] = columns
        out["rows"] = [[r.get(i) for i in ids] for r in out["rows"]]
        for s in out.get("subtotals", []):
            s["rows"] = [[r.get(i) for i in ids] for r in s["rows"]]
        if out["previous"]:
            out["previous"]["rows"] = [[r.get(i) for i in ids] for r in out["previous"]["rows"]]
        return out

    @staticmethod
    def _aggregated(conn, body, kind, query, current, span, before, clock) -> dict:
        """The groups, totals, subtotals and previous period, on `conn` (the main database or
        the columnar replica's reader), as rows of {column id: value}."""
        dims, sort = body.get("dimensions") or [], body.get("sort") or []
        totals = figures.totals(conn, current, body)
        rows, truncated = (figures.groups(conn, query if kind.whole_rows else current, body, dims)
                           if dims else ([totals], False))
        out = {"totals": totals, "truncated": truncated, "previous": None, "range": span and [d.isoformat() for d in span],
               "rows": figures.sorted_rows(rows, sort)[:body.get("limit") or figures.MAX_ROWS]}
        levels = kind.levels(body)
        if levels:
            out["subtotals"] = [dict(sub, rows=figures.sorted_rows(sub["rows"], sort))
                                for sub in figures.subtotals(conn, current, body, levels)]
        if before is not None:
            field = body["compare"]["field"]
            past = query.where(range_rule(field, *before, clock), "compare")
            past_rows = [] if kind.whole_rows or not dims else figures.groups(conn, past, body, dims)[0]
            out["previous"] = {"totals": figures.totals(conn, past, body), "rows": past_rows,
                               "range": [d.isoformat() for d in before]}
        return out

    def spec(self, app: str, key: str, actor, filters=None, lang: str = "zh", period=None) -> dict:
        """The report's Vega-Lite spec on the viewer's figures (None for a chart the browser
        draws itself: table, pivot, KPI card), with the figures as `data` answers them."""
        body, version = self.definition(app, key)
        found = self.figures(app, body, version, actor, filters, period)
        kind = self.chart_type(body)
        return {"report": key, "chart": kind.key, "spec": kind().spec(body, found, lang), "data": found}

    def drill(self, app: str, key: str, actor, filters=None, at=None) -> dict:
        """The grid filter of the records behind one group: the report's filter, the given
        filters and each dimension's value in `at` ({dimension: value}; a period's label
        becomes its days; 其他 is not one group and is refused)."""
        body, _version = self.definition(app, key)
        records = self.runtime.records(app, body["form"], actor)
        records.access.require("read")
        form = records.form
        formulas = {c["id"]: c["formula"] for c in body.get("columns") or []}
        parts = [_inline(r, formulas) for r in (body.get("filter"), filters) if r]
        dims = {d["field"]: d for d in body.get("dimensions") or []}
        for name, value in (at or {}).items():
            dim = dims.get(name)
            if dim is None:
                raise BadRequest(f"报表 {key} 没有维度 {name}", f"report {key} has no dimension {name}",
                                 code="unknown_dimension", details={"param": "at", "dimension": name})
            if value == figures.OTHER:
                raise BadRequest("“其他”汇总了多组,不能下钻", "“Other” gathers several groups: it cannot be drilled into",
                                 code="not_drillable", details={"param": "at", "dimension": name})
            if dim.get("bucket") == "trading_day":
                rule = trading_days.drill_rule(self.runtime, name, value, timed(form, name))
                if rule is None:
                    raise BadRequest(f"{value} 不是交易日", f"{value} is not a trading day", code="malformed",
                                     details={"param": "at", "dimension": name})
                parts.append(rule)
            elif dim.get("bucket"):
                days = label_range(value, dim["bucket"])
                if days is None:
                    raise BadRequest(f"{value} 不是{dim['bucket']}周期", f"{value} is not a {dim['bucket']} period",
                                     code="malformed", details={"param": "at", "dimension": name})
                parts.append(range_rule(name, *days, timed(form, name)))
            else:
                parts.append({"==": [formulas.get(name, {"var": name}), value]})
        return {"form": body["form"], "filter": ({"and": parts} if len(parts) > 1 else parts[0]) if parts else None}

    # -- what the numbers are called ---------------------------------------------------------------
    def _columns(self, conn, records, body: dict, rows: list[dict]) -> list[dict]:
        form, out = records.form, []
        for d in body.get("dimensions") or []:
            holder, name = records, d["field"]
            column = next((c for c in body.get("columns") or [] if c["id"] == name), None)
            if column is not None:  # a formula column: its own label and value labels
                col = {"id": name, "kind": "dimension", "label": d.get("label") or column.get("label") or _label(None, name)}
                if d.get("bucket"):
                    col["bucket"] = d["bucket"]
                labels = {o["value"]: o["label"] for o in column.get("options") or []}
                if d.get("top"):
                    labels[figures.OTHER] = OTHER_LABEL
                out.append(dict(col, labels=labels) if labels else col)
                continue
            if "." in name:  # a relation path: the related form's field, read as the viewer reads it
                head, _, name = name.partition(".")
                holder = self.runtime.records(form.app, form.field(head).target, records.actor)
            t = holder.form.field(name)
            col = {"id": d["field"], "kind": "dimension", "label": d.get("label") or _label(t, d["field"])}
            if d.get("bucket"):
                col["bucket"] = d["bucket"]
            labels = {o["value"]: o.get("label") for o in ((t.field.get("options") if t is not None else None) or [])
                      if isinstance(o, dict)}
            if t is not None and t.references is not None:
                labels.update(_titles(conn, holder, name, [{name: r.get(d["field"])} for r in rows]))
            if d.get("top"):
                labels[figures.OTHER] = OTHER_LABEL
            if labels:
                col["labels"] = labels
            out.append(col)
        for m in body["measures"]:
            label = m.get("label")
            if label is None and m.get("field"):
                column = next((c for c in body.get("columns") or [] if c["id"] == m["field"]), None)
                label = (column or {}).get("label") or _label(form.field(m["field"]), m["field"])
            out.append({"id": m["id"], "kind": "measure", "label": label or {"zh": m["id"], "en": m["id"]},
                        "format": m.get("format"), "agg": m.get("agg")})
        return out


def _named_fields(node, out=None) -> set[str]:
    """The field names a report body names: every `field` value and `{"var": name}` (a
    relation path by its first hop)."""
    out = set() if out is None else out
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("field", "var") and isinstance(value, str) and value:
                out.add(value.split(".", 1)[0])
            else:
                _named_fields(value, out)
    elif isinstance(node, list):
        for value in node:
            _named_fields(value, out)
    return out


def dataset(records, body: dict):
    """The viewer's rows of the report's form, with its formula columns."""
    query = records.query("read")
    columns = {c["id"]: c["formula"] for c in body.get("columns") or []}
    return query.with_columns(columns) if columns else query


def _inline(rule, formulas: dict):
    """A rule with each formula column's name replaced by its formula (a grid knows fields only)."""
    if isinstance(rule, dict):
        if set(rule) == {"var"} and isinstance(rule["var"], str) and rule["var"] in formulas:
            return formulas[rule["var"]]
        return {k: _inline(v, formulas) for k, v in rule.items()}
    if isinstance(rule, list):
        return [_inline(v, formulas) for v in rule]
    return rule


def _narrow(form, rules) -> bool:
    """Does a rule pin an indexed field to a value (`==` or `in`, alone or inside an `and`)?
    Then the main database's index finds the few rows sooner than a columnar scan (one
    client's statement, an account manager's own clients)."""
    keyed = {i.column for i in form.indexes}
    for rule in rules:
        todo = [rule]
        while todo:
            r = todo.pop()
            if not isinstance(r, dict) or len(r) != 1:
                continue
            (op, args), = r.items()
            if op == "and" and isinstance(args, list):
                todo.extend(args)
            elif op in ("==", "===", "in") and isinstance(args, list) and len(args) == 2:
                if any(isinstance(a, dict) and a.get("var") in keyed for a in args):
                    return True
    return False


def forms_first(body: dict, forms) -> list[str]:
    """The report's form, then the other forms it may read (relation targets)."""
    return [body["form"]] + sorted(f for f in forms if f != body["form"])


def _titles(conn, records, name: str, rows: list[dict]) -> dict:
    """The names of the users, departments or related records a dimension's values are."""
    values = sorted({r.get(name) for r in rows if isinstance(r.get(name), int)})
    if not values:
        return {}
    holders = [{name: v} for v in values]
    expand_relations(conn, records, holders, [name])
    return {v: {"zh": h[name].get("title"), "en": h[name].get("title")}
            for v, h in zip(values, holders) if h[name].get("title") is not None}


def _scope_key(access) -> str:
    """What decides a viewer's figures: each read grant's scope (their own values put in) and
    hidden fields; viewers with the same share cached figures."""
    if access.unrestricted:
        return "*"
    grants = [[substitute_user(g.get("scope"), access.user), sorted(access._hidden(g))]
              for _rid, g in access.grants if "read" in g.get("actions", ())]
    return json.dumps(sorted(json.dumps(g, sort_keys=True, default=str) for g in grants))


def _label(t, name: str) -> dict:
    """A field's label {zh, en} (a system field's or a path's: its name)."""
    if t is None:
        return {"zh": name, "en": name}
    zh, en = labels_of(t.field)
    return {"zh": zh, "en": en}


def parse_json(text: str | None, param: str, zh: str, en: str, kind=dict):
    """A JSON query parameter (None when absent); 400 naming it when it is not `kind`."""
    if text in (None, ""):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, kind):
        raise BadRequest(f"{param} 应为 JSON 格式的{zh}", f"{param} is {en} as JSON", code="malformed",
                         details={"param": param})
    return value


def parse_filters(text: str | None):
    """The `filters` query parameter: a JsonLogic rule as JSON text (None when absent)."""
    return parse_json(text, "filters", "筛选条件", "a filter rule")
