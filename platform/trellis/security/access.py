"""What one actor may do on one form: actions, row scopes and field permissions.

Built from the app roles the actor holds (FAB roles named `<app>.<role>`). A user with
several roles gets the union: an action is allowed when any role grants it; the rows are
the OR of those roles' scopes (a role without a scope sees every row); the visible fields
are the union of what each read-granting role leaves visible, the writable ones the union
of what each granting role leaves neither hidden nor read-only. Admins and the system
see everything. Nothing is granted by default.
"""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import Forbidden
from ..forms.model import SYSTEM_FIELDS
from ..logic import rule_vars, to_sql
from ..logic.structure import reads_clock
from ..forms.sqlfields import resolver

ACTIONS = ("read", "create", "update", "delete", "export", "import", "manage")
VERBS = {"read": ("查看", "read"), "create": ("新建", "create"), "update": ("修改", "update"),
         "delete": ("删除", "delete"), "export": ("导出", "export"), "import": ("导入", "import"),
         "manage": ("管理定义", "manage the definition of")}


def _single_relation(rule, form) -> str | None:
    """The relation field through which every variable of `rule` reads, if there is one."""
    names = rule_vars(rule)
    heads = {n.partition(".")[0] for n in names}
    if len(heads) != 1 or not all("." in n for n in names):
        return None
    head = heads.pop()
    t = form.field(head)
    return head if t is not None and t.references == "form" else None


def _strip_path(rule, prefix: str):
    if isinstance(rule, list):
        return [_strip_path(r, prefix) for r in rule]
    if not isinstance(rule, dict):
        return rule
    if set(rule) == {"var"} and isinstance(rule["var"], str) and rule["var"].startswith(prefix):
        return {"var": rule["var"][len(prefix):]}
    return {op: _strip_path(args, prefix) for op, args in rule.items()}


def substitute_user(rule, user: dict):
    """Replace `{"var": "$user.x"}` by the value (the scope is then plain JsonLogic)."""
    if isinstance(rule, list):
        return [substitute_user(r, user) for r in rule]
    if not isinstance(rule, dict):
        return rule
    if set(rule) == {"var"}:
        name = rule["var"][0] if isinstance(rule["var"], list) else rule["var"]
        if isinstance(name, str) and name.startswith("$user."):
            key = name[len("$user."):]
            if key not in user:
                raise Forbidden(f"数据范围引用了未知的用户变量 {name},不授予任何记录",
                                f"the scope names unknown user variable {name}; no rows are granted", code="bad_scope")
            return user[key]
    return {op: substitute_user(args, user) for op, args in rule.items()}


class Access:
    def __init__(self, form, grants: list[tuple[str, dict]] | None, user: dict | None = None, forms=None):
        self.form = form
        self.forms = forms            # target form id -> FormModel, for relation paths in scopes
        self.grants = grants          # None: unrestricted (admin, system)
        self.user = user or {}
        self._scopes: dict[str, object] = {}

    @classmethod
    def full(cls, form) -> "Access":
        return cls(form, None)

    @property
    def unrestricted(self) -> bool:
        return self.grants is None

    def granting(self, action: str) -> list[str]:
        if self.grants is None:
            return ["*"]
        return [rid for rid, g in self.grants if action in g.get("actions", ())]

    def allowed(self, action: str) -> bool:
        return bool(self.granting(action))

    def require(self, action: str) -> None:
        if not self.allowed(action):
            zh, en = VERBS[action]
            label = self.form.label
            raise Forbidden(f"你没有权限{zh}“{label.get('zh') or self.form.id}”",
                            f"you may not {en} {label.get('en') or self.form.id}",
                            details={"form": self.form.id, "action": action})

    # -- fields ---------------------------------------------------------------------
    def _hidden(self, grant: dict) -> set[str]:
        hidden = {k for k, v in grant.get("fields", {}).items() if v == "hidden"}
        if "visible" in grant:
            hidden |= self.form.active_ids - set(grant["visible"])
        return hidden

    def visible(self) -> set[str] | None:
        """Field ids the actor may read (None: all); worked out once (grants do not change)."""
        if self.grants is None:
            return None
        out = self.__dict__.get("_visible")
        if out is None:
            out = set()
            for _rid, g in self.grants:
                if "read" in g.get("actions", ()):
                    out |= self.form.active_ids - self._hidden(g)
            self._visible = out = frozenset(out)
        return out

    def writable(self, action: str) -> set[str] | None:
        if self.grants is None:
            return None
        out: set[str] = set()
        for _rid, g in self.grants:
            if action in g.get("actions", ()):
                readonly = {k for k, v in g.get("fields", {}).items() if v == "readonly"}
                out |= self.form.active_ids - self._hidden(g) - readonly
        return out

    def can_see(self, name: str) -> bool:
        vis = self.visible()
        return vis is None or name in SYSTEM_FIELDS or name in vis

    # -- rows -----------------------------------------------------------------------
    def scope(self, action: str):
        """SQL condition of the rows the action may touch (None: every row). Kept for the
        next call unless a scope reads the clock (`now` / `today`: compiled afresh)."""
        if self.grants is None:
            return None
        if action in self._scopes:
            return self._scopes[action]
        parts, clocked = [], False
        for _rid, g in self.grants:
            if action not in g.get("actions", ()):
                continue
            if g.get("scope") in (None, True, {}):
                parts = None
                break
            parts.append(self.compile_scope(g["scope"]))
            clocked = clocked or reads_clock(g["scope"])
        cond = None if parts is None else (sa.or_(*parts) if parts else sa.false())
        if not clocked:
            self._scopes[action] = cond
        return cond

    def scope_reads_clock(self, action: str) -> bool:
        """Does the action's row scope read `now` / `today` (compiled afresh each query)?"""
        if self.grants is None:
            return False
        known = self.__dict__.setdefault("_clocked", {})
        if action not in known:
            known[action] = any(action in g.get("actions", ()) and g.get("scope") not in (None, True, {})
                                and reads_clock(g["scope"]) for _rid, g in self.grants)
        return known[action]

    def compile_scope(self, scope):
        """The scope as SQL. A scope that only reads through one relation
        (`client.account_manager`) becomes `client IN (SELECT id FROM <client> WHERE ...)`,
        which the related table's indexes answer; others resolve relation paths with a
        correlated subquery."""
        rule = substitute_user(scope, self.user)
        head = _single_relation(rule, self.form)
        if head is not None and self.forms is not None:
            target = self.forms(self.form.field(head).target)
            inner = to_sql(_strip_path(rule, head + "."), resolver(target, forms=self.forms))
            return self.form.table.c[head].in_(sa.select(target.table.c.id).where(inner))
        return to_sql(rule, resolver(self.form, forms=self.forms))


def visible_schema(form, access: Access) -> dict:
    """The form's JSON Schema without the fields the actor may not see."""
    schema = form.json_schema
    if access.unrestricted:
        return schema
    props = {k: v for k, v in schema["properties"].items() if access.can_see(k)}
    return {**schema, "properties": props, "required": [r for r in schema["required"] if r in props]}
