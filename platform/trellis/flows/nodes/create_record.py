"""Create record (新增记录): a record of a form of the app, each field's value a JsonLogic
expression over the run's data (the record's fields, `$vars`, `$steps`, ...; a constant
stays). The write goes through the record service as the flow (scopes, validation and
audit apply; the audit entry's cause names the flow). Output: {"id", "form"}."""
from __future__ import annotations

from ..acting import ID, VALUES, as_node, dry, form_label, form_of, titled
from ..node_type import NodeType
from ..result import Result


class CreateRecordNode(NodeType):
    key = "create_record"
    label = {"zh": "新增记录", "en": "Create record"}
    category = "data"
    config_schema = {
        "type": "object",
        "required": ["form", "values"],
        "additionalProperties": False,
        "properties": {"form": titled(ID, "表单", "Form"), "values": titled(VALUES, "字段值", "Values")},
    }

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        form = form_of(step, node, node["form"])
        with as_node(node):
            values = step.values(node.get("values"))
            record = step.records(form.id).create(values, conn=step.conn)
        return Result(output={"id": record["id"], "form": form.id})

    def describe(self, node: dict, step) -> dict:
        zh, en = form_label(step, node.get("form"), "zh"), form_label(step, node.get("form"), "en")
        return {"zh": f"新增一条「{zh}」记录", "en": f"create a “{en}” record"}
