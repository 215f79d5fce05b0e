"""Call flow (调用子流程): starts another published flow of the app whose trigger is
`called`, with `inputs` {name: expression} as its `$vars`, on the run's record (when the
called flow's form is the run's; `record`: an expression giving the id of a record of
the called flow's form), as the run's actor, the call as its cause. The child is started
in the step's transaction with a key of (run, node, step), so a step tried again never
starts it twice.

`wait` (default true): the run waits until the child ends (the runner wakes a run whose
child ended); then the output is {"run", "state", "vars": the child's variables}, and a
child that failed or was cancelled fails this step. Without `wait` the run goes on at
once: {"run", "state": "running"}. The child's own entry condition may decline the call:
{"run": None, "state": "declined"}."""
from __future__ import annotations

from ...kernel.cause import as_links
from ...kernel.errors import NotFound
from .. import runs
from ..acting import ID, VAR_NAME, as_node, dry, node_error, titled
from ..node_type import NodeType
from ..result import Result


class CallFlowNode(NodeType):
    key = "call_flow"
    label = {"zh": "调用子流程", "en": "Call a flow"}
    category = "flow"
    config_schema = {
        "type": "object",
        "required": ["flow"],
        "additionalProperties": False,
        "properties": {
            "flow": titled(ID, "子流程", "Flow"),
            "inputs": titled({"type": "object", "maxProperties": 50, "propertyNames": VAR_NAME}, "输入", "Inputs"),
            "record": titled({}, "记录编号(默认本记录)", "Record id (default: this record)"),
            "wait": titled({"type": "boolean", "default": True}, "等待其结束", "Wait for it to end"),
        },
    }

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        engine = step.runtime.flows
        flow = engine.catalog.get(step.run["app"], node["flow"])
        trigger = (flow.body.get("trigger") or {}) if flow is not None else {}
        if flow is None or trigger.get("type") != "called":
            raise node_error(node, f"流程 {node['flow']} 不存在、未发布或不能被调用",
                             f"flow {node['flow']} does not exist, is not published or cannot be called",
                             code="not_callable", cls=NotFound)
        if not flow.enabled:
            raise node_error(node, f"流程 {node['flow']} 已停用", f"flow {node['flow']} is disabled", code="flow_disabled")
        with as_node(node):
            inputs = step.values(node.get("inputs"))
            record = self._record(node, step, flow)
        allowed = trigger.get("inputs")
        extra = sorted(set(inputs) - set(allowed)) if allowed is not None else []
        if extra:
            raise node_error(node, f"流程 {flow.key} 不接受输入 {'、'.join(extra)}",
                             f"flow {flow.key} takes no input {', '.join(extra)}", code="unknown_input")
        parent = step.run["id"]
        with as_node(node):
            child = engine.start(step.conn, flow, event=f"call:{parent}:{node['id']}:{step.run['seq']}", record=record,
                                 info={"type": "called", "run": parent, "flow": step.run.get("flow")},
                                 actor_id=step.run.get("actor_id"), cause=as_links(step.cause), variables=inputs,
                                 parent_run=parent)
        if child is None:
            return Result(output={"run": None, "state": "declined"})
        if node.get("wait", True):
            return Result(wait={"child": child})
        return Result(output={"run": child, "state": "running"})

    @staticmethod
    def _record(node: dict, step, flow) -> dict | None:
        form = flow.body.get("form")
        if "record" in node:
            rid = step.evaluate(node["record"])
            if rid is None or not form:
                return None
            return step.records(form).get(int(rid), conn=step.conn)
        if form and form == step.run.get("form"):
            return step.record
        return None

    def resume(self, node: dict, step, wait: dict) -> Result:
        child = runs.load(step.conn, wait["child"])
        if child is None:
            raise node_error(node, f"子流程运行 {wait['child']} 不存在", f"called run {wait['child']} is gone",
                             code="child_gone", cls=NotFound)
        if child["state"] in runs.LIVE:
            return Result(wait=wait)
        if child["state"] in ("failed", "cancelled"):
            state_zh = "失败" if child["state"] == "failed" else "被取消"
            raise node_error(node, f"子流程 {child['flow']} 的运行 {child['id']} {state_zh}",
                             f"run {child['id']} of flow {child['flow']} {child['state']}", code="child_" + child["state"],
                             run=child["id"])
        return Result(output={"run": child["id"], "state": child["state"],
                              "vars": (child["context"] or {}).get("vars") or {}})

    def describe(self, node: dict, step) -> dict:
        wait = node.get("wait", True)
        return {"zh": f"调用子流程 {node.get('flow')}" + (",等待其结束" if wait else ""),
                "en": f"call flow {node.get('flow')}" + (" and wait for it to end" if wait else "")}

