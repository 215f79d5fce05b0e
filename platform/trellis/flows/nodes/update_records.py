"""Update records (更新记录): the run's own record (`target: "trigger"`, the default without a
`form`) or the records of a form matching a condition (`target: "records"` with `form`,
`where`, `limit` (default 100, at most 1000) beside it, or `target: {form, where,
limit}`), each field's value a JsonLogic
expression evaluated per record over the run's data with the target record's own fields
by id on top (and the whole record as `$target`): `{"+": [{"var": "lots"}, 1]}` reads the
updated record's `lots`. A condition may read the run's data (`$trigger.x`, `$vars.y`):
those are made constant first, the rest becomes SQL.

The records are read through the guarded query for `update` (the flow's actor's rows and
fields) and written through the record service as the flow, so scopes, validation and
audit apply. The run's record, when not among the rows the flow may update, fails the
step. Output: {"updated": n, "ids": [...]}."""
from __future__ import annotations

from ...logic import evaluate
from ..acting import ID, VALUES, as_node, constants, dry, form_label, form_of, node_error, rows_json, titled
from ..node_type import NodeType
from ..result import Result

MAX = 1000


class UpdateRecordsNode(NodeType):
    key = "update_records"
    label = {"zh": "更新记录", "en": "Update records"}
    category = "data"
    config_schema = {
        "type": "object",
        "required": ["values"],
        "additionalProperties": False,
        "properties": {
            "target": titled({"oneOf": [
                {"enum": ["trigger", "records"]},
                {"type": "object", "required": ["form"], "additionalProperties": False,
                 "properties": {"form": ID, "where": {}, "limit": {"type": "integer", "minimum": 1, "maximum": MAX}}},
            ]}, "更新哪些记录", "Which records"),
            "form": titled(ID, "表单", "Form"),
            "where": titled({}, "条件", "Condition"),
            "limit": titled({"type": "integer", "minimum": 1, "maximum": MAX}, "最多条数", "At most"),
            "values": titled(dict(VALUES, minProperties=1), "字段值", "Values"),
        },
    }

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        target = node.get("target")
        if target == "records" and "form" not in node:
            return [("/form", "required", "更新符合条件的记录需要指定表单", "updating matching records needs a form")]
        if (target == "trigger" or isinstance(target, dict)) and any(k in node for k in ("form", "where", "limit")):
            return [("/target", "conflicting_target", "form、where、limit 只用于 target 为 records 时",
                     "form, where and limit go with target records only")]
        return []

    @staticmethod
    def target(node: dict):
        """"trigger", or {form, where, limit} of the records to update."""
        target = node.get("target")
        if isinstance(target, dict):
            return target
        if target == "trigger" or (target is None and "form" not in node):
            return "trigger"
        return {"form": node.get("form"), "where": node.get("where"), "limit": node.get("limit")}

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        target = self.target(node)
        if target == "trigger":
            form = form_of(step, node, None)
            rid = step.run.get("record_id")
            if rid is None:
                raise node_error(node, "本次运行没有触发记录", "the run has no record to update", code="no_record")
        else:
            form = form_of(step, node, target["form"])
        with as_node(node):
            svc = step.records(form.id)
            query = svc.query("update").select(every_field=False)
            if target == "trigger":
                query = query.ids([int(rid)])
            else:
                data = step.data()
                with step.runtime.logic_time():
                    query = query.where(constants(target.get("where"), data))
            query = query.order_by(None)
            limit = 1 if target == "trigger" else target.get("limit") or 100
            records = rows_json(form, query, query.rows(step.conn, limit=limit))
            if target == "trigger" and not records:
                raise node_error(node, f"记录 {rid} 不存在或不在流程可修改的范围内",
                                 f"record {rid} does not exist or is not among the records the flow may change",
                                 code="out_of_scope", record=int(rid))
            items = [dict(self._values(node, step, r), id=r["id"]) for r in records]
            if items:
                svc.bulk_update(items, conn=step.conn)
        ids = [r["id"] for r in records]
        if form.id == step.run.get("form") and step.run.get("record_id") in ids:
            step.forget_record()
        return Result(output={"updated": len(ids), "ids": ids})

    def _values(self, node: dict, step, record: dict) -> dict:
        data = step.data()
        data.update(record)
        data["$target"] = record
        with step.runtime.logic_time():
            return {k: evaluate(v, data) for k, v in node["values"].items()}

    def describe(self, node: dict, step) -> dict:
        fields = "、".join(node.get("values") or {})
        fields_en = ", ".join(node.get("values") or {})
        target = self.target(node)
        if target == "trigger":
            return {"zh": f"更新本记录的 {fields}", "en": f"update {fields_en} of this record"}
        form = target.get("form")
        return {"zh": f"更新符合条件的「{form_label(step, form, 'zh')}」记录的 {fields}",
                "en": f"update {fields_en} of the matching “{form_label(step, form, 'en')}” records"}
