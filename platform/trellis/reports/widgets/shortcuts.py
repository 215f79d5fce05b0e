"""Shortcuts: links to the app's forms (`form`), saved views (`view`), reports (`report`),
dashboards (`dashboard`), the reports page (`reports`), a new record of a form (`new`: the
browser opens the form's new-record drawer), the task inbox (`inbox`) and the message center (`messages`). Each
entry {"kind", "target"?, "label"?}: the viewer sees only those they may use (a form they
may read — create, for `new` —, a shared view or their own over such a form, a report over
such a form), labelled by the entry's label, else by what it links to."""
from __future__ import annotations

from ...kernel.errors import TrellisError
from ..report_kind import problem
from .widget import Widget

KINDS = ("form", "new", "view", "report", "dashboard", "reports", "inbox", "messages")
TARGETED = {"form": "form", "new": "form", "view": "view", "report": "report", "dashboard": "dashboard"}
FIXED = {"inbox": ({"zh": "我的待办", "en": "My tasks"}, "/inbox"),
         "messages": ({"zh": "消息中心", "en": "Messages"}, "/messages")}
MAX_ITEMS = 24


class ShortcutsWidget(Widget):
    type = "shortcuts"
    label = ("快捷入口", "Shortcuts")
    settings = ("items",)
    in_snapshot = False

    def problems(self, settings: dict, at: str) -> list[dict]:
        out = super().problems(settings, at)
        items = settings.get("items")
        if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
            return out + [problem(f"{at}/items", "malformed", f"items 应为 1–{MAX_ITEMS} 个快捷入口的列表",
                                  f"items is a list of 1 to {MAX_ITEMS} shortcuts")]
        for i, item in enumerate(items):
            here = f"{at}/items/{i}"
            if not isinstance(item, dict) or item.get("kind") not in KINDS:
                out.append(problem(f"{here}/kind", "malformed", f"快捷入口的类型应为 {'、'.join(KINDS)} 之一",
                                   f"a shortcut's kind is one of {', '.join(KINDS)}"))
                continue
            out += [problem(f"{here}/{k}", "unknown_setting", f"快捷入口没有 {k}", f"a shortcut has no {k}")
                    for k in item if k not in ("kind", "target", "label")]
            target = item.get("target")
            if item["kind"] in TARGETED and (not isinstance(target, str) or not target):
                out.append(problem(f"{here}/target", "required", "请选择快捷入口指向的对象", "a shortcut names its target"))
            label = item.get("label")
            if label is not None and not (isinstance(label, dict) and all(isinstance(v, str) for v in label.values())):
                out.append(problem(f"{here}/label", "malformed", "名称应为 {zh, en} 文本", "label is a {zh, en} text"))
        return out

    def publish_problems(self, conn, app, settings, store, at) -> list[dict]:
        out = []
        for i, item in enumerate(settings.get("items") or []):
            kind = TARGETED.get(item.get("kind"))
            if kind and store.published(app, kind, item["target"], conn) is None:
                out.append(problem(f"{at}/items/{i}/target", "unknown_target",
                                   f"{item['kind']} {item['target']} 不存在或未发布",
                                   f"{item['kind']} {item['target']} does not exist or is not published"))
        return out

    def data(self, rt, app, settings, actor, lang) -> dict:
        out = []
        for item in settings.get("items") or []:
            shown = self._shown(rt, app, item, actor)
            if shown is not None:
                label, href = shown
                out.append({"kind": item["kind"], "target": item.get("target"), "label": item.get("label") or label,
                            "href": href})
        return {"items": out}

    def _shown(self, rt, app: str, item: dict, actor):
        """(label, path) of an entry the viewer may use, else None."""
        kind, target = item["kind"], item.get("target")
        if kind in FIXED:
            return FIXED[kind]
        if kind == "reports":
            return {"zh": "报表 / 仪表盘", "en": "Reports & dashboards"}, f"/apps/{app}/reports"
        try:
            if kind in ("form", "new"):
                form = rt.form(app, target)
                if not rt.access(actor, form).allowed("read" if kind == "form" else "create"):
                    return None
                return form.label, f"/apps/{app}/forms/{target}"
            found = rt.store.published(app, kind, target)
            if found is None:
                return None
            body = found[0]
            if kind == "view":
                mine = body.get("shared") or body.get("owner") == actor.id or actor.is_admin
                if not mine or not rt.access(actor, rt.form(app, body["form"])).allowed("read"):
                    return None
                return body.get("label"), f"/apps/{app}/views/{target}"
            if kind == "report" and not rt.reports.readable(app, body, actor):
                return None
            return body.get("label"), f"/apps/{app}/{kind}s/{target}"
        except TrellisError:  # its form is gone
            return None
