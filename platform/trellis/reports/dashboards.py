"""Dashboards (`runtime.dashboards`): a published `dashboard` definition's tiles, each a
report run in the viewer's scope (reports/engine.py) with the dashboard's global filters
turned into a rule on that report's form: a filter applies to a tile whose form has its
field (`fields` names another field per form) and whose viewer may see it; the others list
it as `unfiltered`. A date range on the field a report compares periods on is also the
comparison's current period.

    view(app, key, actor) -> the definition for the page: filters with their options, tiles
        with `readable` and their chart type, `editable`
    tile(app, key, tile, actor, values, lang) -> the report's spec answer + `applied`, `unfiltered`;
        a widget tile's content for the viewer {"tile", "widget": type, "data"} (reports/widgets/)
    save_layout(app, key, actor, tiles, remove) -> the new published version (tiles moved or
        resized, widgets added or set, tiles removed)

`values` is {filter id: value}: a date range ["YYYY-MM-DD", "YYYY-MM-DD"] (inclusive), a
list of values otherwise; absent, each filter's `default` applies (a date preset such as
this_month, resolved on the server's clock)."""
from __future__ import annotations

from datetime import date, timedelta

from ..kernel.errors import BadRequest, FieldError, NotFound, ValidationFailed
from .periods import parse_range, period_of, range_rule, timed
from .widgets import widget_of

PRESETS = ("this_month", "last_month", "this_quarter", "this_year", "last_30_days")
MAX_OPTIONS = 500
PLACED = ("id", "x", "y", "w", "h")


def preset_range(name: str, today: date) -> tuple[date, date] | None:
    if name == "this_month":
        return period_of(today, "month")
    if name == "last_month":
        return period_of(today.replace(day=1) - timedelta(days=1), "month")
    if name == "this_quarter":
        return period_of(today, "quarter")
    if name == "this_year":
        return period_of(today, "year")
    if name == "last_30_days":
        return today - timedelta(days=29), today
    return None


class Dashboards:
    def __init__(self, runtime):
        self.runtime = runtime

    def definition(self, app: str, key: str) -> tuple[dict, int]:
        found = self.runtime.store.published(app, "dashboard", key)
        if found is None:
            raise NotFound(f"仪表盘 {key} 不存在或未发布", f"dashboard {key} does not exist or is not published",
                           details={"dashboard": key})
        return found

    def listing(self, app: str, actor) -> list[dict]:
        out = []
        for row in self.runtime.store.list(app, "dashboard"):
            if row["published_version"]:
                body, version = self.definition(app, row["key"])
                out.append({"id": row["key"], "label": body.get("label"), "description": body.get("description"),
                            "version": version, "tiles": len(body["tiles"])})
        return out

    def _report(self, app: str, key: str) -> dict | None:
        found = self.runtime.store.published(app, "report", key)
        return found[0] if found else None

    def view(self, app: str, key: str, actor) -> dict:
        body, version = self.definition(app, key)
        reports = self.runtime.reports
        tiles, forms = [], []
        for t in body["tiles"]:
            if "widget" in t:
                widget = widget_of(t)
                label = widget.label if widget else (t["widget"].get("type"), t["widget"].get("type"))
                tiles.append(dict(t, title=t.get("title") or {"zh": label[0], "en": label[1]}, readable=widget is not None))
                continue
            report = self._report(app, t["report"]) or {}
            if report:
                forms.append(report["form"])
            tiles.append(dict(t, title=t.get("title") or report.get("label") or {"zh": t["report"], "en": t["report"]},
                              chart=(report.get("chart") or {}).get("type", "table"),
                              readable=bool(report) and reports.readable(app, report, actor)))
        filters = [dict(f, default=f.get("default"), options=self._options(app, f, forms))
                   for f in body.get("filters") or []]
        return {"id": key, "label": body["label"], "description": body.get("description"), "version": version,
                "refresh": body.get("refresh", 0), "editable": bool(actor.is_admin), "filters": filters, "tiles": tiles}

    def _options(self, app: str, flt: dict, forms: list[str]) -> list[dict] | None:
        """A select filter's options (its field's, on the first form that has it); users and
        departments by name."""
        if flt["type"] == "date_range":
            return None
        if flt["type"] in ("user", "department"):
            with self.runtime.engine.connect() as conn:
                table = self.runtime.directory.reference_table(flt["type"])
                if table is None:
                    return []
                name = table.c.name if "name" in table.c else table.c.username
                rows = conn.execute(table.select().order_by(name).limit(MAX_OPTIONS)).mappings().all()
            if flt["type"] == "department":
                return [{"value": r["id"], "label": {"zh": r["name"], "en": r["name"]}} for r in rows]
            return [{"value": r["id"], "label": {"zh": f"{r['last_name'] or ''}{r['first_name'] or ''}" or r["username"],
                                                 "en": r["username"]}} for r in rows]
        for form in forms:
            t = self.runtime.form(app, form).field((flt.get("fields") or {}).get(form, flt["field"]))
            if t is not None and t.field.get("options"):
                return [{"value": o["value"], "label": o.get("label")} for o in t.field["options"] if isinstance(o, dict)]
        return []

    # -- one tile ---------------------------------------------------------------------------
    def values(self, body: dict, given: dict | None) -> dict:
        """The filters' values: those given, checked (400 naming the filter), else the defaults."""
        today = self.runtime.clock.now().date()
        out = {}
        for f in body.get("filters") or []:
            value = (given or {}).get(f["id"]) if given is not None else f.get("default")
            if value in (None, [], ""):
                continue
            if f["type"] == "date_range":
                span = preset_range(value, today) if isinstance(value, str) else parse_range(value)
                if span is None:
                    raise BadRequest(f"筛选 {f['id']} 应为日期区间 [开始, 结束] 或 {'、'.join(PRESETS)}",
                                     f"filter {f['id']} is a date range [start, end] or one of {', '.join(PRESETS)}",
                                     code="malformed", details={"param": "values", "filter": f["id"]})
                out[f["id"]] = span
            else:
                items = value if isinstance(value, list) else [value]
                if not all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in items):
                    raise BadRequest(f"筛选 {f['id']} 应为值的列表", f"filter {f['id']} is a list of values",
                                     code="malformed", details={"param": "values", "filter": f["id"]})
                out[f["id"]] = items
        return out

    def applied(self, app: str, body: dict, report: dict, actor, values: dict):
        """(rule, period, unfiltered): the filters as one rule on the report's form, the
        comparison's period, the filters that do not apply to it."""
        access = self.runtime.access(actor, self.runtime.form(app, report["form"]))
        form = self.runtime.form(app, report["form"])
        parts, period, unfiltered = [], None, []
        for f in body.get("filters") or []:
            if f["id"] not in values:
                continue
            field = (f.get("fields") or {}).get(report["form"], f["field"])
            if (form.field(field) is None and field not in ("created_at", "updated_at")) or not access.can_see(field):
                unfiltered.append(f["id"])
                continue
            value = values[f["id"]]
            if f["type"] == "date_range":
                parts.append(range_rule(field, *value, timed(form, field)))
                if (report.get("compare") or {}).get("field") == field:
                    period = value
            else:
                parts.append({"in": [{"var": field}, value]})
        rule = ({"and": parts} if len(parts) > 1 else parts[0]) if parts else None
        return rule, period, unfiltered

    def tile(self, app: str, key: str, tile: str, actor, given: dict | None = None, lang: str = "zh") -> dict:
        body, _version = self.definition(app, key)
        found = next((t for t in body["tiles"] if t["id"] == tile), None)
        if found is None:
            raise NotFound(f"仪表盘 {key} 没有图块 {tile}", f"dashboard {key} has no tile {tile}",
                           details={"dashboard": key, "tile": tile})
        if "widget" in found:
            widget = widget_of(found)
            if widget is None:
                raise NotFound(f"没有小组件类型 {found['widget'].get('type')}", f"no widget type {found['widget'].get('type')}",
                               details={"dashboard": key, "tile": tile})
            return {"tile": tile, "widget": widget.type, "data": widget.data(self.runtime, app, found["widget"], actor, lang)}
        report = self.runtime.reports.definition(app, found["report"])[0]
        rule, period, unfiltered = self.applied(app, body, report, actor, self.values(body, given))
        out = self.runtime.reports.spec(app, found["report"], actor, rule, lang, period)
        return dict(out, tile=tile, applied=rule, unfiltered=unfiltered)

    def save_layout(self, app: str, key: str, actor, tiles, remove=None) -> int:
        """Move and resize tiles (each {"id", "x", "y", "w", "h"} of an existing tile; a widget
        tile may also get new `widget` settings and `title`), add tiles (an entry with a new id
        and its `widget` or `report`), drop the tiles named in `remove`, and publish the
        dashboard as a new version (checked as publishing checks it)."""
        kind = self.runtime.definition_kinds.get("dashboard")
        body, _version = self.definition(app, key)
        kind.may_edit(self.runtime, actor, app, key, body, body)
        if not isinstance(tiles, list) or not all(isinstance(t, dict) for t in tiles):
            raise ValidationFailed([FieldError("tiles", "malformed", "tiles 应为图块列表", "tiles is a list of tiles")])
        remove = [] if remove is None else remove
        if not isinstance(remove, list) or not all(isinstance(r, str) for r in remove):
            raise ValidationFailed([FieldError("remove", "malformed", "remove 应为图块标识的列表", "remove is a list of tile ids")])
        have = {t["id"] for t in body["tiles"]}
        placed = {t.get("id"): t for t in tiles}
        unknown = sorted(str(k) for k, t in placed.items() if k not in have and "widget" not in t and "report" not in t)
        unknown += sorted(r for r in remove if r not in have)
        if unknown:
            raise ValidationFailed([FieldError("tiles", "unknown_tile", f"没有图块 {'、'.join(unknown)}", f"no tile {', '.join(unknown)}")])
        kept = [t for t in body["tiles"] if t["id"] not in remove]
        moved = [dict(t, **{k: placed[t["id"]][k] for k in PLACED + (("widget", "title") if "widget" in t else ())
                            if k in placed.get(t["id"], {})}) for t in kept]
        added = [{k: t[k] for k in PLACED + ("widget", "report", "title") if k in t}
                 for tid, t in placed.items() if tid not in have]
        new = dict(body, tiles=moved + added)
        kind.check(new)
        with self.runtime.transaction() as conn:
            self.runtime.store.save_draft(app, "dashboard", key, new, actor.id, conn)
            version = self.runtime.store.publish(app, "dashboard", key, actor.id, "layout", conn)
        self.runtime.invalidate()
        return version
