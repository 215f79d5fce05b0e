"""The node-type contract of the flow engine. A node type is one class in one file
(flows/nodes/), registered in `registries.node_types` under its stable key: the `type` of
a node in a flow definition (metadata/flow.schema.json) and the designer's panel key.

A node type declares:
- `key`, `label` {zh, en} (the designer's palette), `category` (flow, data, message, ...);
- `config_schema`: a JSON Schema of the node's own keys (besides id, type, label, note),
  checked when a flow is saved; a problem names the node;
- `blocks(node)`: the step lists a container node holds (a branch's branches and default,
  a parallel's branches), each as (path suffix, steps); a plain node holds none;
- `terminal`: nothing may follow it in its sequence (end);
- `container`: "parallel" (its branches all run and join), "loop" (its body runs per
  item) or None (a branch's chosen list simply continues after it).

The runtime's part (flows/runner.py): `run(node, step) -> Result` does the node's work
inside the step's transaction (flows/step.py gives the connection, the data conditions
read, the record service as the flow's actor); a waiting node is asked again with
`resume(node, step, wait)` when its time comes or its record changes; `describe(node,
step)` says in both languages what the node would do, without doing it (dry runs). An
`external` node (one that waits on another system) does its call in `call(node, step)`,
which the runner makes before the step's transaction, on a read connection; `run` then
finds the answer in `step.prepared`."""
from __future__ import annotations

from .result import Result

COMMON_NODE_KEYS = {"id", "type", "label", "note"}


class NodeType:
    key: str = ""
    label = {"zh": "", "en": ""}
    category = "flow"
    config_schema: dict = {"type": "object", "properties": {}}
    terminal = False
    container: str | None = None
    external = False

    def blocks(self, node: dict) -> list[tuple[str, list]]:
        """(JSON-pointer suffix, steps) of each step list the node holds (none by default)."""
        return []

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        """Checks beyond the config schema: (pointer suffix, code, zh, en) each."""
        return []

    def run(self, node: dict, step) -> Result:
        return Result()

    def resume(self, node: dict, step, wait: dict) -> Result:
        return Result()

    def call(self, node: dict, step):
        """An external node's call, outside the step's transaction (see the module docstring)."""
        return None

    def describe(self, node: dict, step) -> dict:
        label = node.get("label") or self.label
        return {"zh": f"执行「{_text(label, 'zh')}」", "en": f"run \"{_text(label, 'en')}\""}


def _text(label, lang: str) -> str:
    if isinstance(label, dict):
        return label.get(lang) or label.get("zh") or ""
    return str(label or "")


def branch_steps(node: dict):
    """(pointer suffix, steps) of each well-formed item of a node's `branches` list."""
    branches = node.get("branches")
    for i, b in enumerate(branches if isinstance(branches, list) else []):
        if isinstance(b, dict) and isinstance(b.get("steps"), list):
            yield f"/branches/{i}/steps", b["steps"]
