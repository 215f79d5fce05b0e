"""Query records (查询记录): the records of a form matching a condition, as the flow's actor
may read them (the guarded query: row scope and field permissions apply), sorted
(`sort`: field ids, `-` first for descending), with the chosen `fields` (default: every
field the actor may see), at most `limit` (default 100, at most 1000). A condition may
read the run's data (`$trigger.x`, `$vars.y`, `$item.z`): those are made constant first,
the rest becomes SQL. The records (JSON objects with their id) go to the variable `into`
when set (`$vars.<into>`, a for-each's `items`). Output: {"count", "records"}."""
from __future__ import annotations

from ..acting import ID, VAR_NAME, as_node, constants, form_label, form_of, rows_json, titled
from ..node_type import NodeType
from ..result import Result

MAX = 1000


class QueryRecordsNode(NodeType):
    key = "query_records"
    label = {"zh": "查询记录", "en": "Query records"}
    category = "data"
    config_schema = {
        "type": "object",
        "required": ["form"],
        "additionalProperties": False,
        "properties": {
            "form": titled(ID, "表单", "Form"),
            "where": titled({}, "条件", "Condition"),
            "fields": titled({"type": "array", "maxItems": 100, "uniqueItems": True, "items": ID}, "字段", "Fields"),
            "sort": titled({"type": "array", "maxItems": 5,
                            "items": {"type": "string", "pattern": "^-?[a-z][a-z0-9_]{0,40}$"}},
                           "排序(字段前加 - 为降序)", "Sort (- before a field: descending)"),
            "limit": titled({"type": "integer", "minimum": 1, "maximum": MAX, "default": 100}, "最多条数", "At most"),
            "into": titled(VAR_NAME, "存入变量", "Into variable"),
        },
    }

    def run(self, node: dict, step) -> Result:
        form = form_of(step, node, node["form"])
        with as_node(node):
            query = step.records(form.id).query("read").select(node.get("fields") or None, paths=False)
            data = step.data()
            with step.runtime.logic_time():
                query = query.where(constants(node.get("where"), data))
            query = query.order_by(node.get("sort"))
            records = rows_json(form, query, query.rows(step.conn, limit=node.get("limit") or 100))
        if node.get("into"):
            step.set_var(node["into"], records)
        return Result(output={"count": len(records), "records": records})

    def describe(self, node: dict, step) -> dict:
        zh, en = form_label(step, node.get("form"), "zh"), form_label(step, node.get("form"), "en")
        into = node.get("into")
        return {"zh": f"查询「{zh}」记录" + (f",存入变量 {into}" if into else ""),
                "en": f"query “{en}” records" + (f" into variable {into}" if into else "")}
