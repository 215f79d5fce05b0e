"""End (结束): the run ends here (inside a branch: the whole run, not only the branch).
Nothing may follow it in its sequence."""
from __future__ import annotations

from ..node_type import NodeType
from ..result import Result


class EndNode(NodeType):
    key = "end"
    label = {"zh": "结束", "en": "End"}
    terminal = True
    config_schema = {"type": "object", "properties": {}}

    def run(self, node: dict, step) -> Result:
        return Result(end=True)

    def describe(self, node: dict, step) -> dict:
        return {"zh": "结束流程", "en": "end the run"}
