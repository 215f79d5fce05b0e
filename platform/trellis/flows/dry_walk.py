"""What a run of a flow would do for one record, without doing it (dry runs).

`actions(runtime, conn, app, body, record, at, info, kinds)` walks the flow's body the way
a run would meet it: a branch's conditions are evaluated over the record (as it stood at
`at`, with `$event` = `info`) and only the branch that would be taken is followed, a
parallel block's branches are all listed, a loop's body once, and the walk stops at an
`end`. Each node says what it would do through its type's `describe(node, step)` on a
dry step (`step.dry` is true); no node's `run` is ever called. A set-variable node's value
is evaluated (pure) so that later branch conditions read it as a run would.

Each action: {"node", "type", "label" {zh, en}, "would" {zh, en}}.
"""
from __future__ import annotations

from ..logic import LogicError, evaluate, truthy
from ..logic.moment import logic_time
from .node_type import NodeType
from .step import Step

MAX_ACTIONS = 200


class DryStep(Step):
    """A step of a run that does not exist: the record is the one given (as it stood),
    never read again from the database."""

    def __init__(self, *args, record=None, **kwargs):
        super().__init__(*args, dry=True, **kwargs)
        self._fixed = record

    @property
    def record(self):
        return self._fixed

    def forget_record(self) -> None:
        pass

    def evaluate(self, rule):
        with logic_time(self.now, self.runtime.timezone):  # "today" is the day of the event replayed
            return evaluate(rule, self.data())

    def values(self, mapping: dict | None) -> dict:
        data = self.data()
        with logic_time(self.now, self.runtime.timezone):
            return {k: evaluate(v, data) for k, v in (mapping or {}).items()}


def _label(node: dict, cls) -> dict:
    label = node.get("label")
    if isinstance(label, dict):
        return {"zh": label.get("zh") or label.get("en") or "", "en": label.get("en") or label.get("zh") or ""}
    if isinstance(label, str) and label:
        return {"zh": label, "en": label}
    return dict(cls.label) if cls is not None else {"zh": str(node.get("type")), "en": str(node.get("type"))}


def _text(label, lang: str) -> str:
    if isinstance(label, dict):
        return label.get(lang) or label.get("zh") or ""
    return str(label or "")


class Walk:
    def __init__(self, step: DryStep, kinds):
        self.step, self.kinds = step, kinds
        self.out: list[dict] = []

    def would(self, kind, node: dict) -> dict:
        self.step.node = node
        try:
            said = kind.describe(node, self.step)
            if isinstance(said, dict) and "zh" in said and "en" in said:
                return {"zh": str(said["zh"]), "en": str(said["en"])}
        except Exception as e:  # a node that cannot describe itself still appears, with why
            return {"zh": f"无法预览:{e}", "en": f"cannot be previewed: {e}"}
        return NodeType().describe(node, self.step)

    def evaluate(self, rule):
        try:
            return self.step.evaluate(rule)
        except (LogicError, TypeError, ValueError, ArithmeticError):
            return None

    def steps(self, steps) -> bool:
        """List the nodes of a sequence; False once the run would end."""
        for node in steps if isinstance(steps, list) else []:
            if not isinstance(node, dict) or len(self.out) >= MAX_ACTIONS:
                continue
            cls = self.kinds.get(node.get("type")) if node.get("type") in self.kinds else None
            kind = cls() if cls is not None else NodeType()
            would = self.would(kind, node) if cls is not None else {
                "zh": f"未知的节点类型“{node.get('type')}”,不会执行", "en": f"unknown node type “{node.get('type')}”: not run"}
            action = {"node": node.get("id"), "type": node.get("type"), "label": _label(node, cls), "would": would}
            self.out.append(action)
            if node.get("type") == "branch" and cls is not None:
                if not self.branch(node, action):
                    return False
            elif kind.container == "parallel":
                for _suffix, inner in kind.blocks(node):
                    if not self.steps(inner):
                        return False
            elif kind.container == "loop":
                items = self.evaluate(node.get("items"))
                if isinstance(items, list):  # known now (a query node's output is not: it does not run)
                    n = min(len(items), node.get("limit") or 1000)
                    action["would"] = {"zh": f"{action['would']['zh']}(共 {n} 项)",
                                       "en": f"{action['would']['en']} ({n} items)"}
                for _suffix, inner in kind.blocks(node):
                    if not self.steps(inner):
                        return False
            elif kind.blocks(node):
                for _suffix, inner in kind.blocks(node):
                    if not self.steps(inner):
                        return False
            elif node.get("type") == "set_variable" and isinstance(node.get("name"), str):
                self.step.set_var(node["name"], self.evaluate(node.get("value")))
            if kind.terminal:
                return False
        return True

    def branch(self, node: dict, action: dict) -> bool:
        chosen, steps = None, None
        for b in node.get("branches") or []:
            if isinstance(b, dict) and truthy(self.evaluate(b.get("when"))):
                chosen, steps = b, b.get("steps")
                break
        if chosen is None and isinstance(node.get("default"), dict):
            chosen, steps = {"id": "default", "label": {"zh": "其他情况", "en": "otherwise"}}, node["default"].get("steps")
        if chosen is None:
            action["would"] = {"zh": f"{action['would']['zh']}:没有分支成立",
                               "en": f"{action['would']['en']}: no branch holds"}
            return True
        name = chosen.get("label") or chosen.get("id")
        action["branch"] = chosen.get("id")
        action["would"] = {"zh": f"{action['would']['zh']} → 「{_text(name, 'zh')}」",
                           "en": f"{action['would']['en']} → “{_text(name, 'en')}”"}
        return self.steps(steps)


def actions(runtime, conn, app: str, body: dict, record: dict | None, at, info: dict, kinds) -> list[dict]:
    """What each node a run would meet would do (see the module docstring)."""
    run = {"id": None, "app": app, "flow": body.get("id"), "version": None, "form": body.get("form"),
           "record_id": (record or {}).get("id"), "actor_id": None, "started_at": at}
    context = {"trigger": record, "event": info, "vars": {}, "steps": {}}
    step = DryStep(runtime, conn, run, body, context, now=at, record=record)
    walk = Walk(step, kinds)
    walk.steps(body.get("steps"))
    return walk.out
