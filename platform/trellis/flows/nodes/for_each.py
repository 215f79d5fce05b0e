"""For each (循环): runs its `steps` once per item of a list, the value of `items` (a
JsonLogic expression: `{"var": "$vars.clients"}`, a query node's `$steps.<id>.records`),
the current item as `$item`; at most `limit` items (default 1000)."""
from __future__ import annotations

from ...kernel.errors import BadRequest
from ..node_type import NodeType
from ..result import Result


class ForEachNode(NodeType):
    key = "for_each"
    label = {"zh": "循环每条记录", "en": "For each"}
    category = "flow"
    container = "loop"
    config_schema = {
        "type": "object",
        "required": ["items", "steps"],
        "properties": {"items": {}, "steps": {"type": "array"},
                       "limit": {"type": "integer", "minimum": 1, "maximum": 10000}},
    }

    def blocks(self, node: dict) -> list[tuple[str, list]]:
        return [("/steps", node["steps"])] if isinstance(node.get("steps"), list) else []

    def run(self, node: dict, step) -> Result:
        items = step.evaluate(node.get("items"))
        if items is None:
            items = []
        if not isinstance(items, list):
            raise BadRequest(f"节点 {node['id']}:循环的对象不是列表", f"node {node['id']}: the items to loop over are not a list",
                             code="not_a_list", details={"node": node["id"]})
        items = items[: node.get("limit") or 1000]
        return Result(output={"count": len(items)}, loop=items)

    def describe(self, node: dict, step) -> dict:
        return {"zh": "对每一项执行循环体", "en": "run the body for each item"}
