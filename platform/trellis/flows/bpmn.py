"""BPMN 2.0 export of a flow: `to_bpmn(body, key, label) -> str`, XML that standard
modelers (Camunda Modeler, bpmn.io) open, with a diagram (flows/bpmn_layout.py).

A pure function of the definition: nothing is read or written. The process
(`isExecutable="false"`: a picture of the flow, not an engine's input) starts with a start
event for the trigger (timer for `schedule` / `date_relative`, message for `webhook`,
conditional for `threshold` / `field_changed`, plain otherwise) and maps the
block-structured body one block at a time, so every split has its join:

- `branch` → exclusive gateway split (each branch's JsonLogic as a `conditionExpression`
  in `language="application/json+jsonlogic"`, the default branch the gateway's `default`
  flow, straight to the join when there is none) and exclusive join;
- `parallel` → parallel gateway split and join; `for_each` → sequential multi-instance
  sub-process; `wait` → intermediate catch event (timer `timeDuration` for `for`,
  `timeDate` with the JsonLogic date expression for `until`, conditional for `condition`);
  `end` → terminate end event; `call_flow` → call activity (`Process_<flow>`);
- human steps (flows/bpmn_human.py): `approval` / `handle` → user task with multi-instance
  characteristics by `mode`, an SLA as boundary timer events, a rejection as a gateway
  to a terminate end; `cc` / `notify` → send task;
- data and integration nodes → service task; an unknown type → task naming it.

Durations are ISO 8601 when exact (minutes, hours, days); working, business and trading
days are `language="trellis:working-time"` expressions ("3 business_days"). Names are the
Chinese label (or the label text); the English label and the node type are the element's
documentation. Ids are NCNames made from node ids (other characters become `_`), unique
in the document. Secrets (a webhook's, an HTTP node's) are never written."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

from .bpmn_layout import Edge, Fork, Frame, Leaf, Seq, Shape, route

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
JSONLOGIC = "application/json+jsonlogic"
WORKING_TIME = "trellis:working-time"
PREFIXES = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

SERVICE = {"http_request", "create_record", "update_records", "query_records", "set_variable", "assign_owner",
           "create_task"}
FALLBACK_LABELS = {  # types the registries may not hold (yet): the human steps and their trigger
    "approval": {"zh": "审批", "en": "Approval"}, "handle": {"zh": "办理", "en": "Handle"},
    "cc": {"zh": "抄送", "en": "Carbon copy"}, "submitted": {"zh": "提交即发起审批", "en": "On submission"},
}
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]")
NO_TEST = object()  # a flow without a condition (a JSON null is a condition: never true)
ISO_UNITS = {"minutes": ("PT", "M"), "hours": ("PT", "H"), "days": ("P", "D")}


def q(prefix: str, tag: str) -> str:
    return f"{{{PREFIXES[prefix]}}}{tag}"


def clean(value, limit: int = 500) -> str:
    """Text fit for XML 1.0 (characters it cannot hold dropped), at most `limit` long."""
    return _NOT_XML.sub("", str(value))[:limit]


def text_of(label, lang: str, fallback: dict | None = None) -> str:
    if isinstance(label, dict):
        found = label.get(lang) or label.get("zh") or label.get("en")
        if isinstance(found, str) and found:
            return clean(found, 200)
    elif isinstance(label, str) and label:
        return clean(label, 200)
    return (fallback or {}).get(lang) or ""


def as_json(value) -> str:
    return clean(json.dumps(value, ensure_ascii=False, default=str, sort_keys=True), 20_000)


def duration(spec) -> tuple[str, str | None]:
    """(text, language) of an {amount, unit} duration: ISO 8601 when exact, else working time."""
    if not isinstance(spec, dict):
        return "PT0M", None
    amount, unit = spec.get("amount"), spec.get("unit")
    amount = amount if isinstance(amount, int) and not isinstance(amount, bool) else 0
    if isinstance(unit, str) and unit in ISO_UNITS:
        head, tail = ISO_UNITS[unit]
        return f"{'-' if amount < 0 else ''}{head}{abs(amount)}{tail}", None
    return clean(f"{amount} {unit}", 100), WORKING_TIME


class Ids:
    """NCName ids unique in one document."""

    def __init__(self):
        self.used: set[str] = set()

    def make(self, base) -> str:
        name = _NOT_NAME.sub("_", str(base))[:60] or "id"
        if not re.match(r"[A-Za-z_]", name):
            name = "_" + name
        out, n = name, 1
        while out in self.used:
            n += 1
            out = f"{name}_{n}"
        self.used.add(out)
        return out


class Builder:
    """Builds the process element by element; `shapes` and `edges` feed the diagram."""

    def __init__(self, key: str, node_labels: dict, trigger_labels: dict):
        self.ids = Ids()
        self.node_labels, self.trigger_labels = node_labels, trigger_labels
        self.key = key
        self.shapes: dict[str, Shape] = {}
        self.edges: list[Edge] = []
        self.elements: dict[str, ET.Element] = {}
        self.wires: dict[str, tuple[list, list]] = {}   # element id -> (incoming, outgoing)
        self.defaults: set[str] = set()                  # gateways whose next unconditioned flow is default
        self.roots: list[ET.Element] = []

    # -- elements and flows ------------------------------------------------------------------
    def element(self, parent: ET.Element, tag: str, base, kind: str, name: str = "", doc: str = "",
                **attrs) -> tuple[ET.Element, Shape]:
        ident = self.ids.make(base)
        el = ET.SubElement(parent, q("bpmn", tag), {"id": ident, **({"name": name} if name else {}), **attrs})
        if doc:
            ET.SubElement(el, q("bpmn", "documentation")).text = clean(doc, 4000)
        shape = Shape.of(ident, kind)
        self.shapes[ident], self.elements[ident], self.wires[ident] = shape, el, ([], [])
        return el, shape

    def flow(self, parent: ET.Element, source: str, target: str, name: str = "", condition=NO_TEST) -> Edge:
        ident = self.ids.make(f"Flow_{source}_{target}")
        el = ET.SubElement(parent, q("bpmn", "sequenceFlow"),
                           {"id": ident, **({"name": clean(name, 200)} if name else {}),
                            "sourceRef": source, "targetRef": target})
        if condition is not NO_TEST:
            expression(el, "conditionExpression", as_json(condition), JSONLOGIC)
        elif source in self.defaults:
            self.elements[source].set("default", ident)
            self.defaults.discard(source)
        self.wires[source][1].append(ident)
        self.wires[target][0].append(ident)
        edge = Edge(ident, source, target)
        self.edges.append(edge)
        return edge

    def label(self, node: dict) -> tuple[str, str]:
        ntype = node_type(node)
        fallback = self.node_labels.get(ntype) or {"zh": clean(ntype, 60), "en": clean(ntype, 60)}
        return text_of(node.get("label"), "zh", fallback), text_of(node.get("label"), "en", fallback)

    def doc(self, node: dict, extra: str = "") -> str:
        _zh, en = self.label(node)
        return f"{en} ({clean(node_type(node), 60)})" + (f"\n{extra}" if extra else "") + (
            f"\n{clean(node['note'], 1000)}" if isinstance(node.get("note"), str) else "")

    # -- blocks ------------------------------------------------------------------------------
    def steps(self, steps, parent: ET.Element):
        """(Seq box, entry id or None when empty, exit id or None when the list ends the run, empty?)."""
        boxes, entry, last, first = [], None, None, True
        for node in steps if isinstance(steps, list) else []:
            if not isinstance(node, dict):
                continue
            box, n_entry, n_exit = self.node(node, parent)
            if first:
                entry = n_entry
            elif last is not None:
                self.flow(parent, last, n_entry)
            last, first = n_exit, False
            boxes.append(box)
        return Seq(boxes), entry, last, first

    def node(self, node: dict, parent: ET.Element):
        """(box, entry id, exit id or None) of one node."""
        from .bpmn_human import human, send

        ntype = node_type(node)
        zh, _en = self.label(node)
        base = node.get("id") if isinstance(node.get("id"), str) and node.get("id") else f"node_{ntype}"
        if ntype in ("branch", "parallel"):
            return self.fork(node, parent, base, zh)
        if ntype == "for_each":
            return self.loop(node, parent, base, zh)
        if ntype in ("approval", "handle"):
            return human(self, node, parent, base, zh)
        if ntype in ("cc", "notify"):
            return send(self, node, parent, base, zh)
        if ntype == "end":
            el, shape = self.element(parent, "endEvent", base, "event", zh, self.doc(node))
            ET.SubElement(el, q("bpmn", "terminateEventDefinition"), {"id": self.ids.make(f"{base}_terminate")})
            return Leaf(shape), shape.id, None
        if ntype == "wait":
            return self.wait(node, parent, base, zh)
        if ntype == "call_flow":
            flow = node.get("flow") if isinstance(node.get("flow"), str) else ""
            attrs = {"calledElement": _NOT_NAME.sub("_", f"Process_{flow}")} if flow else {}
            el, shape = self.element(parent, "callActivity", base, "task", zh,
                                     self.doc(node, f"flow: {clean(flow, 60)}"), **attrs)
            return Leaf(shape), shape.id, shape.id
        tag = "serviceTask" if ntype in SERVICE else "task"
        extra = "" if ntype in SERVICE else f"unknown node type: {clean(ntype, 60)}"
        if ntype == "set_variable" and isinstance(node.get("name"), str):
            extra = f"$vars.{clean(node['name'], 60)} = {as_json(node.get('value'))[:1000]}"
        _el, shape = self.element(parent, tag, base, "task", zh, self.doc(node, extra))
        return Leaf(shape), shape.id, shape.id

    def fork(self, node: dict, parent: ET.Element, base: str, zh: str):
        parallel = node.get("type") == "parallel"
        tag = "parallelGateway" if parallel else "exclusiveGateway"
        _s, split = self.element(parent, tag, f"{base}_split", "gateway", zh, self.doc(node),
                                 gatewayDirection="Diverging")
        _j, join = self.element(parent, tag, f"{base}_join", "gateway", "", gatewayDirection="Converging")
        arms = [b for b in node.get("branches") or [] if isinstance(b, dict)] \
            if isinstance(node.get("branches"), list) else []
        if not parallel:
            default = node.get("default")
            arms = arms + [{"default": True, **(default if isinstance(default, dict) else {"steps": []})}]
        branches = []
        for arm in arms:
            is_default = arm.get("default") is True
            name = "默认" if is_default else text_of(arm.get("label"), "zh", {"zh": clean(arm.get("id") or "", 60)})
            condition = NO_TEST if parallel or is_default else arm.get("when")
            if is_default:
                self.defaults.add(split.id)
            seq, entry, exit_, empty = self.steps(arm.get("steps"), parent)
            edge = None
            if empty:
                edge = self.flow(parent, split.id, join.id, name, condition)
            else:
                self.flow(parent, split.id, entry, name, condition)
                if exit_ is not None:
                    self.flow(parent, exit_, join.id)
            branches.append((seq, edge))
        return Fork(split, branches, join), split.id, join.id

    def loop(self, node: dict, parent: ET.Element, base: str, zh: str):
        el, shape = self.element(parent, "subProcess", base, "subprocess", zh,
                                 self.doc(node, f"items: {as_json(node.get('items'))[:1000]}"))
        shape.kind = "subprocess"
        mi = ET.SubElement(el, q("bpmn", "multiInstanceLoopCharacteristics"), {"isSequential": "true"})
        mi.set("id", self.ids.make(f"{base}_loop"))
        _s, start = self.element(el, "startEvent", f"{base}_start", "event", "")
        seq, entry, exit_, empty = self.steps(node.get("steps"), el)
        _e, end = self.element(el, "endEvent", f"{base}_end", "event", "")
        if empty:
            self.flow(el, start.id, end.id)
        else:
            self.flow(el, start.id, entry)
            if exit_ is not None:
                self.flow(el, exit_, end.id)
        return Frame(shape, Seq([Leaf(start), seq, Leaf(end)] if not empty else [Leaf(start), Leaf(end)])), \
            shape.id, shape.id

    def wait(self, node: dict, parent: ET.Element, base: str, zh: str):
        extra = f"timeout: {duration(node.get('timeout'))[0]}" if "condition" in node and node.get("timeout") else ""
        el, shape = self.element(parent, "intermediateCatchEvent", base, "event", zh, self.doc(node, extra))
        if "condition" in node:
            cond = ET.SubElement(el, q("bpmn", "conditionalEventDefinition"), {"id": self.ids.make(f"{base}_cond")})
            expression(cond, "condition", as_json(node.get("condition")), JSONLOGIC)
        else:
            timer = ET.SubElement(el, q("bpmn", "timerEventDefinition"), {"id": self.ids.make(f"{base}_timer")})
            if "for" in node:
                value, language = duration(node.get("for"))
                expression(timer, "timeDuration", value, language)
            else:
                until = {"until": node.get("until"), **{k: node[k] for k in ("offset", "at") if k in node}}
                expression(timer, "timeDate", as_json(until), JSONLOGIC)
        return Leaf(shape), shape.id, shape.id

    # -- the trigger -------------------------------------------------------------------------
    def start(self, trigger, parent: ET.Element) -> Shape:
        trigger = trigger if isinstance(trigger, dict) else {}
        ttype = trigger.get("type") if isinstance(trigger.get("type"), str) else ""
        labels = self.trigger_labels.get(ttype) or {"zh": clean(ttype, 60) or "开始", "en": clean(ttype, 60) or "Start"}
        el, shape = self.element(parent, "startEvent", "StartEvent_1", "event", labels["zh"],
                                 f"{labels['en']} (trigger: {clean(ttype, 60)})")
        if ttype == "schedule":
            timer = ET.SubElement(el, q("bpmn", "timerEventDefinition"), {"id": self.ids.make("TimerEvent_start")})
            expression(timer, "timeCycle", clean(trigger.get("cron") or "", 100), "trellis:cron")
        elif ttype == "date_relative":
            timer = ET.SubElement(el, q("bpmn", "timerEventDefinition"), {"id": self.ids.make("TimerEvent_start")})
            spec = {k: trigger.get(k) for k in ("field", "offset", "at") if k in trigger}
            expression(timer, "timeDate", as_json(spec), "trellis:date-relative")
        elif ttype == "webhook":
            msg = ET.Element(q("bpmn", "message"), {"id": self.ids.make(f"Message_{self.key}"),
                                                    "name": clean(f"webhook:{self.key}", 200)})
            self.roots.append(msg)
            ET.SubElement(el, q("bpmn", "messageEventDefinition"), {"id": self.ids.make("MessageEvent_start"),
                                                                   "messageRef": msg.get("id")})
        elif ttype in ("threshold", "field_changed"):
            cond = ET.SubElement(el, q("bpmn", "conditionalEventDefinition"),
                                 {"id": self.ids.make("Conditional_start")})
            spec = trigger.get("condition") if ttype == "threshold" else \
                {k: trigger.get(k) for k in ("field", "from", "to", "on_create") if k in trigger}
            expression(cond, "condition", as_json(spec), JSONLOGIC if ttype == "threshold" else "trellis:field-changed")
        return shape


def node_type(node: dict) -> str:
    """A node's `type` as text ("" when it is not text)."""
    return node.get("type") if isinstance(node.get("type"), str) else ""


def expression(parent: ET.Element, tag: str, body: str, language: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, q("bpmn", tag), {q("xsi", "type"): "bpmn:tFormalExpression"})
    if language:
        el.set("language", language)
    el.text = body
    return el


def _core_labels() -> tuple[dict, dict]:
    from . import _classes, nodes, triggers
    from .node_type import NodeType
    from .trigger_type import TriggerType

    return ({c.key: c.label for c in _classes(nodes, NodeType)},
            {c.key: c.label for c in _classes(triggers, TriggerType)})


def to_bpmn(body: dict, key: str, label=None, *, node_labels: dict | None = None,
            trigger_labels: dict | None = None) -> str:
    """The BPMN 2.0 XML of a flow body (see the module docstring). Labels of node and
    trigger types default to the core's (pass the registries' for plugin types)."""
    if node_labels is None or trigger_labels is None:
        core_nodes, core_triggers = _core_labels()
        node_labels = node_labels if node_labels is not None else core_nodes
        trigger_labels = trigger_labels if trigger_labels is not None else core_triggers
    body = body if isinstance(body, dict) else {}
    b = Builder(clean(key, 60), {**FALLBACK_LABELS, **node_labels}, {**FALLBACK_LABELS, **trigger_labels})
    for name, uri in PREFIXES.items():
        ET.register_namespace(name, uri)
    defs = ET.Element(q("bpmn", "definitions"), {
        "id": b.ids.make(f"Definitions_{key}"), "targetNamespace": "https://trellis.dev/bpmn",
        "exporter": "Trellis", "exporterVersion": "1"})
    label = label if label is not None else body.get("label")
    process = ET.Element(q("bpmn", "process"), {"id": b.ids.make(f"Process_{key}"), "isExecutable": "false"})
    name = text_of(label, "zh") or clean(key, 200)
    process.set("name", name)
    en = text_of(label, "en")
    if en:
        ET.SubElement(process, q("bpmn", "documentation")).text = en
    start = b.start(body.get("trigger"), process)
    seq, entry, exit_, empty = b.steps(body.get("steps"), process)
    boxes = [Leaf(start), seq] if not empty else [Leaf(start)]
    if empty or exit_ is not None:
        _e, end = b.element(process, "endEvent", "EndEvent_1", "event", "完成", "Done")
        b.flow(process, start.id if empty else exit_, end.id)
        boxes.append(Leaf(end))
    if not empty:
        b.flow(process, start.id, entry)
    for root in b.roots:
        defs.append(root)
    defs.append(process)
    _wire(b)
    top = Seq(boxes)
    top.place(150, 80)
    defs.append(_diagram(b, process.get("id")))
    ET.indent(defs, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(defs, encoding="unicode") + "\n"


def _wire(b: Builder) -> None:
    """Each flow node's incoming / outgoing references, after its documentation (XSD order)."""
    for ident, (incoming, outgoing) in b.wires.items():
        el = b.elements[ident]
        at = sum(1 for c in el if c.tag == q("bpmn", "documentation"))
        refs = [("incoming", f) for f in incoming] + [("outgoing", f) for f in outgoing]
        for i, (tag, flow_id) in enumerate(refs):
            ref = ET.Element(q("bpmn", tag))
            ref.text = flow_id
            el.insert(at + i, ref)


def _diagram(b: Builder, process_id: str) -> ET.Element:
    diagram = ET.Element(q("bpmndi", "BPMNDiagram"), {"id": b.ids.make("BPMNDiagram_1")})
    plane = ET.SubElement(diagram, q("bpmndi", "BPMNPlane"), {"id": b.ids.make("BPMNPlane_1"),
                                                             "bpmnElement": process_id})
    for ident, s in b.shapes.items():
        attrs = {"id": b.ids.make(f"{ident}_di"), "bpmnElement": ident}
        if s.kind == "subprocess":
            attrs["isExpanded"] = "true"
        shape = ET.SubElement(plane, q("bpmndi", "BPMNShape"), attrs)
        _bounds(shape, s.x, s.y, s.w, s.h)
        if s.kind == "gateway" and b.elements[ident].get("name"):  # above: the branches leave from below
            _bounds(ET.SubElement(shape, q("bpmndi", "BPMNLabel")), s.x - 25, s.y - 32, s.w + 50, 27)
    for e in b.edges:
        edge = ET.SubElement(plane, q("bpmndi", "BPMNEdge"), {"id": b.ids.make(f"{e.id}_di"), "bpmnElement": e.id})
        for x, y in route(e, b.shapes[e.source], b.shapes[e.target]):
            ET.SubElement(edge, q("di", "waypoint"), {"x": _num(x), "y": _num(y)})
    return diagram


def _bounds(parent: ET.Element, x: float, y: float, w: float, h: float) -> None:
    ET.SubElement(parent, q("dc", "Bounds"), {"x": _num(x), "y": _num(y), "width": _num(w), "height": _num(h)})


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"
