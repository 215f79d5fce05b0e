"""The `dashboard` kind of definition (metadata/dashboard.schema.json). Saving a draft
checks the meta-schema and the grid (tile and filter ids unique, every tile inside the 12
columns, each tile a report or a widget with valid settings: reports/widgets/, a refresh of 0
or at least 30 seconds, each scheduled delivery's time, day and filter values:
reports/delivery.py); publishing also checks that each tile's report is published, that what
its widgets name exists, that each global filter's field is on the form of at least one of them and that each
delivery's roles and users exist. Administrators edit dashboards; everyone lists them (each
tile is shown in the viewer's own scope, or not at all)."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid
from ..meta.kind import DefinitionKind
from .delivery import delivery_problems, recipient_problems
from .report_kind import problem, _types
from .widgets import tile_problems, tile_publish_problems

COLUMNS = 12


class DashboardKind(DefinitionKind):
    key = "dashboard"
    label = ("仪表盘", "dashboard")

    def problems(self, body, field_types) -> list[dict]:
        found = super().problems(body, field_types)
        if found or not isinstance(body, dict):
            return found
        out = []
        for part in ("tiles", "filters"):
            ids = [x["id"] for x in body.get(part) or []]
            out += [problem(f"/{part}/{i}/id", "duplicate", f"标识 {x} 重复", f"id {x} is used twice")
                    for i, x in enumerate(ids) if x in ids[:i]]
        for i, t in enumerate(body["tiles"]):
            if t["x"] + t["w"] > COLUMNS:
                out.append(problem(f"/tiles/{i}/w", "outside", f"图块 {t['id']} 超出了 {COLUMNS} 列",
                                    f"tile {t['id']} reaches past the {COLUMNS} columns"))
        if 0 < body.get("refresh", 0) < 30:
            out.append(problem("/refresh", "too_often", "自动刷新间隔至少 30 秒", "refresh at most every 30 seconds"))
        return out + tile_problems(body) + delivery_problems(body)

    def may_list(self, rt, who, app, key, body) -> bool:
        return True

    def publish(self, conn, app, body, previous, store):
        self.check(body)
        out, forms = [], {}
        for i, t in enumerate(body["tiles"]):
            if "report" not in t:
                continue
            report = store.published(app, "report", t["report"], conn)
            if report is None:
                out.append(problem(f"/tiles/{i}/report", "unknown_report", f"报表 {t['report']} 不存在或未发布",
                                    f"report {t['report']} does not exist or is not published"))
                continue
            form = report[0]["form"]
            if form not in forms:
                found = store.published(app, "form", form, conn)
                forms[form] = _types(found[0]) if found else {}
        for i, f in enumerate(body.get("filters") or []):
            if not any((f.get("fields") or {}).get(form, f["field"]) in types for form, types in forms.items()):
                out.append(problem(f"/filters/{i}/field", "unknown_field",
                                    f"筛选 {f['id']} 的字段 {f['field']} 不在任何图块的表单上",
                                    f"filter {f['id']}: field {f['field']} is on no tile's form"))
        out += tile_publish_problems(conn, app, body, store) + recipient_problems(conn, app, body, store)
        if out:
            raise DefinitionInvalid(out)
        return body
