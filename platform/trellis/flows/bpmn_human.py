"""Human steps in the BPMN export (flows/bpmn.py), after the approvals contract:

- `approval` (审批) / `handle` (办理) → a user task with multi-instance characteristics by
  `mode`: `all` 会签 parallel (`isSequential="false"`), `sequence` 依次 sequential,
  `any` 或签 parallel with the completion condition `nrOfCompletedInstances >= 1`; the
  approver sources are its documentation. An approval that ends the run when rejected
  (`on_reject` `end`, the default) is followed by an exclusive gateway 审批结果 whose
  `outcome == "rejected"` flow goes to a terminate end event 已驳回 (the other flow is its
  default).
- `sla` → boundary timer events on the task (`timeDuration`): the reminder
  (`remind_before`, non-interrupting) to a send task 催办提醒; the deadline by
  `on_overdue`: `notify_supervisor` non-interrupting to a send task 通知上级,
  `transfer` interrupting to a service task 转交 that loops back into the task, `approve`
  interrupting to a service task 自动通过 that merges into the way on, `reject`
  interrupting to a terminate end event 超时驳回.
- `cc` (抄送) and `notify` (发送通知) → a send task naming its recipients / template.

The shapes are laid out as one `Fixed` box: the task, gateway and merge on the centre
line, each time-out's chain on a row of its own below."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from .bpmn import as_json, clean, duration, expression, q
from .bpmn_layout import H_GAP, Fixed, Leaf

MODES = {"all": ("false", None), "sequence": ("true", None), "any": ("false", "nrOfCompletedInstances >= 1")}
MODE_TEXT = {"all": "会签 all must act", "sequence": "依次 one after another", "any": "或签 any one"}
ROW = 100          # height of a time-out's row below the task
FIRST_ROW = 120    # top of the first row below the task
CHAIN_X = 130      # where a chain's first shape starts (right of the task)
REMIND_X, OVERDUE_X = 2, 64  # boundary events on the task's bottom, clear of the multi-instance marker


def _source(src) -> str:
    if not isinstance(src, dict):
        return "?"
    kind = src.get("type")
    detail = {"user": src.get("user"), "role": src.get("role"), "field": src.get("field"),
              "department_head": f"{src.get('levels', 1)} level(s) up", "initiator_choice": src.get("node")}.get(kind)
    return clean(f"{kind}: {detail}" if detail is not None else kind, 120)


def _sources(items) -> str:
    return ", ".join(_source(s) for s in items[:20]) if isinstance(items, list) else ""


def send(b, node: dict, parent: ET.Element, base: str, zh: str):
    if node.get("type") == "cc":
        extra = f"recipients: {_sources(node.get('recipients'))}"
    else:
        extra = f"template: {clean(node.get('template') or '', 60)}"
        if node.get("urgency"):
            extra += f"; urgency: {clean(node['urgency'], 20)}"
    _el, shape = b.element(parent, "sendTask", base, "task", zh, b.doc(node, extra))
    return Leaf(shape), shape.id, shape.id


def human(b, node: dict, parent: ET.Element, base: str, zh: str):
    mode = node.get("mode") if isinstance(node.get("mode"), str) and node["mode"] in MODES else "any"
    lines = [f"approvers: {_sources(node.get('approvers'))}", f"mode: {MODE_TEXT[mode]}"]
    if isinstance(node.get("required"), list):
        lines.append("required: " + ", ".join(clean(f, 60) for f in node["required"][:50]))
    el, task = b.element(parent, "userTask", base, "task", zh, b.doc(node, "\n".join(lines)))
    sequential, completion = MODES[mode]
    mi = ET.SubElement(el, q("bpmn", "multiInstanceLoopCharacteristics"),
                       {"id": b.ids.make(f"{base}_approvers"), "isSequential": sequential})
    if completion:
        expression(mi, "completionCondition", completion)
    items = [(task, 0, 0)]
    right = task.w
    rows = 0
    exit_id = task.id
    if node.get("type") == "approval" and node.get("on_reject", "end") != "continue":
        _g, gate = b.element(parent, "exclusiveGateway", f"{base}_result", "gateway", "审批结果",
                             "Approval outcome", gatewayDirection="Diverging")
        items.append((gate, right + H_GAP, task.h / 2 - gate.h / 2))
        right += H_GAP + gate.w
        b.flow(parent, task.id, gate.id)
        _e, rejected = b.element(parent, "endEvent", f"{base}_rejected", "event", "已驳回", "Rejected")
        ET.SubElement(_e, q("bpmn", "terminateEventDefinition"), {"id": b.ids.make(f"{base}_rejected_end")})
        items.append((rejected, right - gate.w / 2 + 30, FIRST_ROW + ROW / 2 - rejected.h / 2))
        rows = 1
        b.flow(parent, gate.id, rejected.id, "驳回", {"==": [{"var": f"$steps.{node.get('id')}.outcome"}, "rejected"]})
        b.defaults.add(gate.id)
        exit_id = gate.id
    sla = node.get("sla") if isinstance(node.get("sla"), dict) else None
    merge_from = []
    if sla:
        chains = [_overdue(b, node, sla, parent, base, task)]
        if isinstance(sla.get("remind_before"), dict):
            chains.append(_reminder(b, sla, parent, base, task))
        for boundary, dx, shapes, merges in chains:
            items.append((boundary, dx, task.h - boundary.h / 2))
            x = CHAIN_X
            centre = FIRST_ROW + rows * ROW + ROW / 2
            for s in shapes:
                items.append((s, x, centre - s.h / 2))
                x += s.w + H_GAP
            right = max(right, x - H_GAP)
            merge_from += merges
            rows += 1
    if merge_from:
        _m, merge = b.element(parent, "exclusiveGateway", f"{base}_merge", "gateway", "",
                              gatewayDirection="Converging")
        items.append((merge, right + H_GAP, task.h / 2 - merge.h / 2))
        b.flow(parent, exit_id, merge.id)
        for source in merge_from:
            b.flow(parent, source, merge.id)
        exit_id = merge.id
    return Fixed(items, task.h / 2), task.id, exit_id


def _timer(b, parent: ET.Element, base: str, task, name: str, doc: str, spec, interrupting: bool):
    el, boundary = b.element(parent, "boundaryEvent", base, "boundary", name, doc, attachedToRef=task.id,
                             cancelActivity="true" if interrupting else "false")
    timer = ET.SubElement(el, q("bpmn", "timerEventDefinition"), {"id": b.ids.make(f"{base}_timer")})
    value, language = spec
    expression(timer, "timeDuration", value, language)
    return boundary


def _overdue(b, node: dict, sla: dict, parent: ET.Element, base: str, task):
    """(boundary, its x on the task, the chain's shapes, ids that merge into the way on)."""
    action = sla.get("on_overdue")
    action = action if action in ("transfer", "approve", "reject") else "notify_supervisor"
    interrupting = action != "notify_supervisor"
    boundary = _timer(b, parent, f"{base}_overdue", task, "超时", f"Overdue: {action}", duration(sla), interrupting)
    if action == "reject":
        el, end = b.element(parent, "endEvent", f"{base}_overdue_rejected", "event", "超时驳回", "Rejected when overdue")
        ET.SubElement(el, q("bpmn", "terminateEventDefinition"), {"id": b.ids.make(f"{base}_overdue_end")})
        b.flow(parent, boundary.id, end.id)
        return boundary, OVERDUE_X, [end], []
    if action == "notify_supervisor":
        _s, act = b.element(parent, "sendTask", f"{base}_overdue_notify", "task", "通知上级", "Notify the supervisor")
        _e, end = b.element(parent, "endEvent", f"{base}_overdue_done", "event", "")
        b.flow(parent, boundary.id, act.id)
        b.flow(parent, act.id, end.id)
        return boundary, OVERDUE_X, [act, end], []
    if action == "transfer":
        target = sla.get("transfer_to")
        _s, act = b.element(parent, "serviceTask", f"{base}_overdue_transfer", "task", "转交",
                            f"Transfer to {_source(target) if target else 'the configured approver'}")
        b.flow(parent, boundary.id, act.id)
        b.flow(parent, act.id, task.id)
        return boundary, OVERDUE_X, [act], []
    _s, act = b.element(parent, "serviceTask", f"{base}_overdue_approve", "task", "自动通过", "Approved when overdue")
    b.flow(parent, boundary.id, act.id)
    return boundary, OVERDUE_X, [act], [act.id]


def _reminder(b, sla: dict, parent: ET.Element, base: str, task):
    before = sla["remind_before"]
    if before.get("unit") == sla.get("unit") and isinstance(before.get("amount"), int) \
            and isinstance(sla.get("amount"), int):
        spec = duration({"amount": sla["amount"] - before["amount"], "unit": sla.get("unit")})
    else:
        spec = (as_json({"sla": {k: sla.get(k) for k in ("amount", "unit")}, "remind_before": before}),
                "trellis:working-time")
    boundary = _timer(b, parent, f"{base}_remind", task, "催办", "Reminder before the deadline", spec, False)
    _s, act = b.element(parent, "sendTask", f"{base}_remind_send", "task", "催办提醒", "Remind the approvers")
    _e, end = b.element(parent, "endEvent", f"{base}_remind_done", "event", "")
    b.flow(parent, boundary.id, act.id)
    b.flow(parent, act.id, end.id)
    return boundary, REMIND_X, [act, end], []

