"""The node-type contract of the flow engine. A node type is one class in one file
(flows/nodes/), registered in `registries.node_types` under its stable key: the `type` of
a node in a flow definition (metadata/flow.schema.json) and the designer's panel key.

A node type declares:
- `key`, `label` {zh, en} (the designer's palette), `category` (flow, data, message, ...);
- `config_schema`: a JSON Schema of the node's own keys (besides id, type, label, note),
  checked when a flow is saved; a problem names the node;
- `blocks(node)`: the step lists a container node holds (a branch's branches and default,
  a parallel's branches), each as (path suffix, steps); a plain node holds none;
- `terminal`: nothing may follow it in its sequence (end).
The runtime's part of the contract (running a node, resuming it after a wait) is added
with the runtime."""
from __future__ import annotations

COMMON_NODE_KEYS = {"id", "type", "label", "note"}


class NodeType:
    key: str = ""
    label = {"zh": "", "en": ""}
    category = "flow"
    config_schema: dict = {"type": "object", "properties": {}}
    terminal = False

    def blocks(self, node: dict) -> list[tuple[str, list]]:
        """(JSON-pointer suffix, steps) of each step list the node holds (none by default)."""
        return []

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        """Checks beyond the config schema: (pointer suffix, code, zh, en) each."""
        return []


def branch_steps(node: dict):
    """(pointer suffix, steps) of each well-formed item of a node's `branches` list."""
    branches = node.get("branches")
    for i, b in enumerate(branches if isinstance(branches, list) else []):
        if isinstance(b, dict) and isinstance(b.get("steps"), list):
            yield f"/branches/{i}/steps", b["steps"]
