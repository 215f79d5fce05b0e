"""Pinned dashboards: links to the app's dashboards named in `items` (those still published),
labelled and described as they are."""
from __future__ import annotations

from ..report_kind import problem
from .widget import Widget

MAX_ITEMS = 12


class DashboardsWidget(Widget):
    type = "dashboards"
    label = ("常用仪表盘", "Pinned dashboards")
    settings = ("items",)

    def problems(self, settings: dict, at: str) -> list[dict]:
        out = super().problems(settings, at)
        items = settings.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS \
                or not all(isinstance(i, str) and i for i in items):
            out.append(problem(f"{at}/items", "malformed", f"items 应为 1–{MAX_ITEMS} 个仪表盘标识",
                               f"items is a list of 1 to {MAX_ITEMS} dashboard ids"))
        return out

    def publish_problems(self, conn, app, settings, store, at) -> list[dict]:
        return [problem(f"{at}/items/{i}", "unknown_dashboard", f"仪表盘 {d} 不存在或未发布",
                        f"dashboard {d} does not exist or is not published")
                for i, d in enumerate(settings.get("items") or []) if store.published(app, "dashboard", d, conn) is None]

    def data(self, rt, app, settings, actor, lang) -> dict:
        out = []
        for key in settings.get("items") or []:
            found = rt.store.published(app, "dashboard", key)
            if found is not None:
                out.append({"id": key, "label": found[0].get("label"), "description": found[0].get("description"),
                            "href": f"/apps/{app}/dashboards/{key}"})
        return {"items": out}

    def lines(self, data, lang) -> list[str]:
        return [(d.get("label") or {}).get(lang) or (d.get("label") or {}).get("zh") or d["id"] for d in data["items"]]
