"""CC (抄送): copies to people (approver sources); each gets a read-only task in their
inbox (cc'd) and a notice, and the run goes on at once. The node's field permissions
say what they see."""
from __future__ import annotations

from .. import task_store
from ..acting import dry, titled
from ..approvers import SOURCES, resolve
from ..human_node import FIELD_RIGHTS, HumanNode
from ..result import Result
from ..sla import assigned


class CcNode(HumanNode):
    key = "cc"
    label = {"zh": "抄送", "en": "CC"}
    task_kind = "cc"
    done_state = "cc"
    config_schema = {
        "type": "object",
        "required": ["recipients"],
        "additionalProperties": False,
        "properties": {"recipients": titled(SOURCES, "抄送给", "Copy to"), "fields": FIELD_RIGHTS},
    }

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        run = step.run
        users = resolve(step.conn, run["app"], node.get("recipients") or [], record=step.record,
                        initiator=run.get("actor_id"), node_id=node["id"], variables=step.context.get("vars"))
        rows = [r for r in self._rows(node, step, users, set(), "all", run["seq"])]
        for r in rows:
            r["state"] = "cc"
        for r, i in zip(rows, task_store.insert(step.conn, rows)):
            r["id"] = i
        assigned(step.runtime, step.conn, rows)
        return Result(output={"cc": users})

    def describe(self, node: dict, step) -> dict:
        from ..approvers import describe

        who = [describe(s) for s in node.get("recipients") or []]
        return {"zh": f"抄送 {'、'.join(w[0] for w in who)}", "en": f"copy to {', '.join(w[1] for w in who)}"}
