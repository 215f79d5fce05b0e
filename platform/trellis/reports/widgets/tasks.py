"""My open tasks (the flow engine's inbox, state pending): the first ones by due time, each
with its flow and step, due time, minutes left (working time) and whether it is overdue;
`scope` "app" keeps the tasks of this dashboard's app, "all" every app's."""
from __future__ import annotations

from ..report_kind import problem
from .widget import Widget

SCOPES = ("app", "all")


class TasksWidget(Widget):
    type = "tasks"
    label = ("我的待办", "My tasks")
    settings = ("limit", "scope")

    def problems(self, settings: dict, at: str) -> list[dict]:
        out = super().problems(settings, at)
        if "scope" in settings and settings["scope"] not in SCOPES:
            out.append(problem(f"{at}/scope", "malformed", "scope 应为 app 或 all", "scope is app or all"))
        return out

    def data(self, rt, app, settings, actor, lang) -> dict:
        if rt.flows is None or actor.id is None:
            return {"items": [], "total": 0}
        found = rt.flows.inbox.listing(actor.id, "pending", app=app if settings.get("scope", "app") == "app" else None,
                                       limit=self.count(settings))
        keep = ("id", "kind", "app", "form", "record", "title", "flow_label", "node_label", "created_at", "due_at",
                "overdue", "minutes_left")
        return {"items": [{k: item.get(k) for k in keep} for item in found["items"]], "total": found["total"]}

    def lines(self, data, lang) -> list[str]:
        mark = {"zh": "已超时", "en": "overdue"}[lang if lang == "en" else "zh"]
        return [f"{i.get('title') or '#' + str(i['id'])}{' · ' + mark if i.get('overdue') else ''}"
                for i in data.get("items") or []]
