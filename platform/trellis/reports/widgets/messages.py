"""The latest messages of the viewer's message center (the notification engine's in-app
inbox), newest first, unread ones marked; `unread` true keeps only those not read yet."""
from __future__ import annotations

from ...notify import inbox
from ..report_kind import problem
from .widget import Widget


class MessagesWidget(Widget):
    type = "messages"
    label = ("最新消息", "Latest messages")
    settings = ("limit", "unread")

    def problems(self, settings: dict, at: str) -> list[dict]:
        out = super().problems(settings, at)
        if "unread" in settings and not isinstance(settings["unread"], bool):
            out.append(problem(f"{at}/unread", "malformed", "unread 应为 true 或 false", "unread is true or false"))
        return out

    def data(self, rt, app, settings, actor, lang) -> dict:
        if actor.id is None:
            return {"items": [], "unread": 0}
        with rt.engine.connect() as conn:
            items = inbox.listing(conn, actor.id, "unread" if settings.get("unread") else "all", self.count(settings))
            unread = inbox.unread(conn, actor.id)
        keep = ("id", "app", "title", "urgency", "form", "record", "created_at", "read_at")
        return {"items": [{k: m.get(k) for k in keep} for m in items], "unread": unread}

    def lines(self, data, lang) -> list[str]:
        mark = {"zh": "未读", "en": "unread"}[lang if lang == "en" else "zh"]
        return [f"{'[' + mark + '] ' if not m.get('read_at') else ''}{m.get('title') or ''}" for m in data.get("items") or []]
