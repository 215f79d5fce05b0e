"""Assign owner (分配负责人): sets a user field (`field`, default `account_manager`) of the
run's record, or of another record (`record`: an expression giving its id, e.g.
`{"var": "$steps.new_client.id"}`, of `form`, default the run's form), to a user of a
user set (`users`: a list of ids, {"role": key}, {"department": id}), by `strategy`:

- `round_robin`: each user in turn (by id for a role or department, else as listed); the
  turn is a counter of this flow's node (trellis_sequence), advanced in the step's
  transaction, so two runs at once never take the same turn and a rolled-back step gives
  its turn back;
- `least_loaded`: the user with the fewest live records of the form whose field is theirs
  (only those matching `count_where`, when set), the first listed on a tie;
- `by_field`: `by_field` {"field", "map": {value: user id}, "default"?}: the user the
  record's value maps to (no one: nothing is assigned).

`only_if_empty`: a record that has an owner keeps it. `working_days_only`: on a day that is
not a working day (Chinese public holidays, flows/calendar.py) nothing is assigned.
The write goes through the record service as the flow (a read-only field for the flow's
actor fails the step). Output: {"user": id or None, "record", "reason"?}."""
from __future__ import annotations

from ...storage.sequences import allocate
from ..acting import (ID, USER_ID, USER_SET, as_node, dry, form_of, loads, members, node_error, titled,
                      user_set_text)
from ..calendar import is_business_day, to_wall
from ..node_type import NodeType
from ..result import Result

STRATEGIES = ("round_robin", "least_loaded", "by_field")
STRATEGY_TEXT = {"round_robin": ("轮流", "in turn"), "least_loaded": ("按负载最少", "by least load"),
                 "by_field": ("按字段对应", "by field value")}


class AssignOwnerNode(NodeType):
    key = "assign_owner"
    label = {"zh": "分配负责人", "en": "Assign an owner"}
    category = "people"
    config_schema = {
        "type": "object",
        "required": ["strategy"],
        "additionalProperties": False,
        "properties": {
            "field": titled(ID, "负责人字段", "Owner field", default="account_manager"),
            "form": titled(ID, "表单", "Form"),
            "record": titled({}, "记录编号(默认本记录)", "Record id (default: this record)"),
            "users": titled(USER_SET, "候选用户", "Users"),
            "strategy": titled({"enum": list(STRATEGIES)}, "分配方式", "Strategy"),
            "count_where": titled({}, "计算负载的条件", "Counted load condition"),
            "by_field": {"x-label": {"zh": "按字段对应", "en": "By field"}, "type": "object", "required": ["field", "map"], "additionalProperties": False,
                         "properties": {"field": ID, "default": USER_ID,
                                        "map": {"type": "object", "maxProperties": 500,
                                                "additionalProperties": USER_ID}}},
            "only_if_empty": titled({"type": "boolean"}, "仅在为空时分配", "Only when empty"),
            "working_days_only": titled({"type": "boolean"}, "仅在工作日分配", "Working days only"),
        },
    }

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        strategy = node.get("strategy")
        if strategy == "by_field" and not isinstance(node.get("by_field"), dict):
            return [("/by_field", "required", "按字段分配需要 by_field(字段和对应的用户)",
                     "assigning by field needs by_field (the field and its users)")]
        if strategy in ("round_robin", "least_loaded") and "users" not in node:
            return [("/users", "required", "轮流或按负载分配需要 users(候选用户)",
                     "assigning in turn or by load needs users (who may be chosen)")]
        return []

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        form = form_of(step, node, node.get("form"))
        field = node.get("field") or "account_manager"
        t = form.field(field)
        if t is None or t.references != "user":
            raise node_error(node, f"{field} 不是表单 {form.id} 的用户字段", f"{field} is not a user field of form {form.id}",
                             code="not_a_user_field")
        rid = self._record_id(node, step)
        if node.get("working_days_only") and not is_business_day(to_wall(step.now, step.runtime.timezone).date(), step.runtime):
            return Result(output={"user": None, "record": rid, "reason": "not_a_working_day"})
        with as_node(node):
            record = step.records(form.id).get(rid, conn=step.conn)
        if node.get("only_if_empty") and record.get(field) is not None:
            return Result(output={"user": record[field], "record": rid, "reason": "kept"})
        user = self._choose(node, step, form, field, record)
        if user is None:
            return Result(output={"user": None, "record": rid, "reason": "no_user"})
        with as_node(node):
            step.records(form.id).update(rid, {field: user}, conn=step.conn)
        if form.id == step.run.get("form") and rid == step.run.get("record_id"):
            step.forget_record()
        return Result(output={"user": user, "record": rid})

    def _record_id(self, node: dict, step) -> int:
        value = step.evaluate(node["record"]) if "record" in node else step.run.get("record_id")
        if isinstance(value, dict):
            value = value.get("id")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise node_error(node, f"没有要分配的记录({value!r})", f"no record to assign ({value!r})",
                             code="no_record") from None

    def _choose(self, node: dict, step, form, field: str, record: dict) -> int | None:
        strategy = node["strategy"]
        if strategy == "by_field":
            spec = node.get("by_field") or {}
            value = record.get(spec.get("field"))
            found = (spec.get("map") or {}).get("" if value is None else str(value))
            return found if found is not None else spec.get("default")
        users = members(step.conn, step.run["app"], node.get("users"))
        if not users:
            return None
        if strategy == "round_robin":
            key = f"flow_turn:{step.run['app']}:{step.run['flow']}:{node['id']}"
            turn = allocate(step.conn, key[:200])
            return users[(turn - 1) % len(users)]
        with as_node(node):
            load = loads(step.runtime, form, field, users, step.conn, where=node.get("count_where"))
        order = {u: i for i, u in enumerate(users)}
        return min(users, key=lambda u: (load[u], order[u]))

    def describe(self, node: dict, step) -> dict:
        field = node.get("field") or "account_manager"
        how = STRATEGY_TEXT.get(node.get("strategy"), ("", ""))
        if node.get("strategy") == "by_field":
            source = (node.get("by_field") or {}).get("field")
            return {"zh": f"按 {source} 的值设置 {field}", "en": f"set {field} by the value of {source}"}
        zh, en = user_set_text(node.get("users"))
        return {"zh": f"从{zh}中{how[0]}选出 {field}", "en": f"set {field} to one of {en}, {how[1]}"}
