"""Set variable (设置变量): `name` gets the value of a JsonLogic expression over the run's
data (`$vars.<name>` to later nodes)."""
from __future__ import annotations

from ..node_type import NodeType
from ..result import Result


class SetVariableNode(NodeType):
    key = "set_variable"
    label = {"zh": "设置变量", "en": "Set variable"}
    category = "data"
    config_schema = {
        "type": "object",
        "required": ["name", "value"],
        "properties": {"name": {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,40}$"}, "value": {}},
    }

    def run(self, node: dict, step) -> Result:
        value = step.evaluate(node.get("value"))
        step.set_var(node["name"], value)
        return Result(output={"value": value})

    def describe(self, node: dict, step) -> dict:
        return {"zh": f"设置变量 {node['name']}", "en": f"set variable {node['name']}"}
