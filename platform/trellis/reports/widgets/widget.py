"""A widget type of the dashboards (a tile that shows something other than a report: the
workbench's shortcuts, recent records, open tasks, latest messages, pinned dashboards).

A tile holding `widget: {"type": ..., <settings>}` is drawn by the browser's widget of that
type (frontend/src/reports/widgets/) with what `data` answers for the viewer, through the
tile endpoint. Saving a dashboard checks each widget's settings (`problems`, each naming its
pointer under the tile), publishing what they name against the app (`publish_problems`);
a snapshot (scheduled delivery) lists `lines` of the widgets that have some."""
from __future__ import annotations

from ..report_kind import problem


class Widget:
    type = ""
    label = ("", "")
    settings: tuple[str, ...] = ()   # the settings it takes besides `type`
    limit = (6, 20)                  # default and largest number of items (a `limit` setting)
    in_snapshot = True               # listed in a delivered snapshot

    # -- checks ---------------------------------------------------------------------------------
    def problems(self, settings: dict, at: str) -> list[dict]:
        """The settings' shape: known names only, a whole `limit` within bounds."""
        out = [problem(f"{at}/{k}", "unknown_setting", f"小组件 {self.type} 没有设置 {k}",
                       f"widget {self.type} has no setting {k}")
               for k in settings if k != "type" and k not in self.settings]
        if "limit" in settings:
            n = settings["limit"]
            if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= self.limit[1]:
                out.append(problem(f"{at}/limit", "bad_limit", f"条数应为 1–{self.limit[1]} 的整数",
                                   f"limit is a whole number from 1 to {self.limit[1]}"))
        return out

    def publish_problems(self, conn, app: str, settings: dict, store, at: str) -> list[dict]:
        """What the settings name that the app does not have (checked when publishing)."""
        return []

    def count(self, settings: dict) -> int:
        return settings.get("limit") or self.limit[0]

    # -- what the viewer sees -------------------------------------------------------------------
    def data(self, rt, app: str, settings: dict, actor, lang: str) -> dict:
        """{"items": [...], ...}: the widget's content for `actor`."""
        raise NotImplementedError

    def lines(self, data: dict, lang: str) -> list[str]:
        """The content as lines of text (a snapshot's list)."""
        return [item.get("title") or "" for item in data.get("items") or []]
