"""The dashboards' widget types by name (reports/widgets/widget.py): a tile holds either a
`report` or a `widget` {"type", <settings>}; the browser draws each type with its own
component (frontend/src/reports/widgets/, a registry keyed by the same names).

    WIDGETS: {type: Widget}
    tile_problems(body): each tile's report-or-widget and its widget's settings (saving)
    tile_publish_problems(conn, app, body, store): what the widgets name (publishing)"""
from __future__ import annotations

from ..report_kind import problem
from .messages import MessagesWidget
from .pinned import DashboardsWidget
from .recent import RecentWidget
from .shortcuts import ShortcutsWidget
from .tasks import TasksWidget
from .widget import Widget

WIDGETS: dict[str, Widget] = {w.type: w for w in (ShortcutsWidget(), RecentWidget(), TasksWidget(), MessagesWidget(),
                                                  DashboardsWidget())}


def widget_of(tile: dict) -> Widget | None:
    spec = tile.get("widget")
    return WIDGETS.get(spec.get("type")) if isinstance(spec, dict) else None


def tile_problems(body: dict) -> list[dict]:
    out = []
    for i, t in enumerate(body.get("tiles") or []):
        at = f"/tiles/{i}"
        if ("report" in t) == ("widget" in t):
            out.append(problem(at, "report_or_widget", f"图块 {t['id']} 应有报表(report)或小组件(widget)之一",
                               f"tile {t['id']} holds either a report or a widget"))
            continue
        if "widget" not in t:
            continue
        widget = widget_of(t)
        if widget is None:
            out.append(problem(f"{at}/widget/type", "unknown_widget",
                               f"没有小组件类型 {t['widget'].get('type')},可选:{'、'.join(WIDGETS)}",
                               f"no widget type {t['widget'].get('type')}; one of {', '.join(WIDGETS)}"))
            continue
        out += widget.problems(t["widget"], f"{at}/widget")
    return out


def tile_publish_problems(conn, app: str, body: dict, store) -> list[dict]:
    out = []
    for i, t in enumerate(body.get("tiles") or []):
        widget = widget_of(t)
        if widget is not None:
            out += widget.publish_problems(conn, app, t["widget"], store, f"/tiles/{i}/widget")
    return out
