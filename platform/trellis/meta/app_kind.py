"""The app kind: an app's own definition (its label and icon, its forms, the side menu's groups
and the home page); no publish hook, and only administrators edit it.

Beyond the meta-schema, a draft's menu names each entry once, and a form it names is one of
the app's `forms`; views, reports and dashboards are looked up when the menu is drawn (an
entry the user may not open, or one since removed, is left out there)."""
from __future__ import annotations

from .kind import DefinitionKind
from .schemas import _problem


class AppKind(DefinitionKind):
    key = "app"
    label = ("应用", "app")
    removable = False

    def problems(self, body, field_types) -> list[dict]:
        problems = super().problems(body, field_types)
        if problems or not isinstance(body, dict):
            return problems
        forms = set(body.get("forms") or ())
        seen: set[tuple] = set()
        for g, group in enumerate(body.get("menu") or ()):
            for i, entry in enumerate(group["items"]):
                ptr = f"/menu/{g}/items/{i}"
                name = (entry["type"], entry["key"])
                if name in seen:
                    problems.append(_problem(ptr, f"菜单里 {entry['key']} 出现了两次", f"{entry['key']} is in the menu twice",
                                             "duplicate"))
                seen.add(name)
                if entry["type"] == "form" and entry["key"] not in forms:
                    problems.append(_problem(f"{ptr}/key", f"表单 {entry['key']} 不是本应用的表单",
                                             f"form {entry['key']} is not one of the app's forms", "unknown_form"))
        home = (body.get("home") or {}).get("form")
        if home is not None and home not in forms:
            problems.append(_problem("/home/form", f"首页表单 {home} 不是本应用的表单",
                                     f"home form {home} is not one of the app's forms", "unknown_form"))
        return problems
