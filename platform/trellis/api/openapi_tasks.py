"""People in flows in the OpenAPI document (tasks.py): the inbox, a task and acting on it,
batch actions, reassign, withdraw, urge, resubmit and a record's approvals."""
from __future__ import annotations

from .openapi_parts import BILINGUAL, ID, NULL_STAMP, STAMP, body, json_ok, obj, op, path, query

TAG = ["tasks"]
TASK_ID = path("task_id", ID)
RUN_ID = path("run_id", ID)
STATE = {"enum": ["queued", "pending", "approved", "rejected", "returned", "handled", "transferred", "cancelled",
                  "skipped", "auto", "cc", "read"]}
ACTION = {"enum": ["approve", "reject", "return", "transfer", "add_signer", "handle", "comment", "read", "reassign"]}
COUNTDOWN = {"due_at": NULL_STAMP, "minutes_left": {"type": ["integer", "null"]}, "overdue": {"type": "boolean"}}
ITEM = obj({"id": {"type": "integer"}, "kind": {"type": "string"}, "state": {"type": "string"},
            "flow": {"type": "string"}, "flow_label": {}, "node": {"type": ["string", "null"]}, "node_label": {},
            "app": {"type": "string"}, "form": {"type": ["string", "null"]}, "record": {"type": ["integer", "null"]},
            "run": {"type": "integer"}, "title": {"type": ["string", "null"]}, "initiator": {"type": ["integer", "null"]},
            "initiator_name": {"type": ["string", "null"]}, "created_at": STAMP, **COUNTDOWN,
            "actions": {"type": "array", "items": {"type": "string"}}, "status": {"type": ["string", "null"]},
            "waiting_for": {"type": "array", "items": {"type": ["string", "null"]}}},
           ["id", "kind", "state", "flow", "app", "actions"])
HISTORY = obj({"task": {"type": "integer"}, "node": {"type": "string"}, "node_label": {}, "kind": {"type": "string"},
               "state": STATE, "assignee": {"type": "integer"}, "assignee_name": {"type": ["string", "null"]},
               "by": {"type": ["integer", "null"]}, "by_name": {"type": ["string", "null"]},
               "comment": {"type": ["string", "null"]}, "attachments": {}, "created_at": STAMP, "acted_at": NULL_STAMP,
               "notes": {"type": "array"}, **COUNTDOWN})
SCHEMAS = {
    "InboxItem": ITEM,
    "TaskDetail": {"allOf": [{"$ref": "#/components/schemas/InboxItem"}, obj({
        "record": {"type": ["object", "null"]}, "schema": {"type": ["object", "null"]},
        "fields": {"type": "object", "additionalProperties": {"enum": ["editable", "readonly"]}},
        "history": {"type": "array", "items": HISTORY},
        "returnable": {"type": "array", "items": obj({"node": {"type": "string"}, "label": {}})},
        "run_state": {"type": ["string", "null"]}, "required": {"type": "array", "items": {"type": "string"}},
        "field_defs": {"type": "array", "items": {"type": "object"}}})]},
}
DETAIL = {"$ref": "#/components/schemas/TaskDetail"}
ACT_BODY = obj({"comment": {"type": "string", "maxLength": 2000}, "values": {"type": "object"},
                "attachments": {"type": "array", "maxItems": 20}, "to": {"type": ["string", "integer"]},
                "users": {"type": "array", "items": {"type": ["integer", "string"]}, "maxItems": 20},
                "position": {"enum": ["before", "after"]}})


def paths(app: dict, form: dict) -> dict:
    record = path("record_id", ID)
    return {
        "/api/v1/inbox": {"get": op(TAG, "My tasks: pending, done, cc'd, or the runs I initiated", json_ok(obj({
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/InboxItem"}},
            "total": {"type": "integer"}})), 400, params=[
                query("state", {"enum": ["pending", "done", "cc", "initiated"]}), query("app", {"type": "string"}),
                query("form", {"type": "string"}), query("q", {"type": "string", "maxLength": 100}),
                query("overdue", {"type": "boolean"}), query("limit", {"type": "integer", "minimum": 1, "maximum": 200}),
                query("offset", {"type": "integer", "minimum": 0})])},
        "/api/v1/tasks/{task_id}": {"get": op(TAG, "A task with its record as its step shows it and the run's history",
                                              json_ok(DETAIL), 404, params=[TASK_ID])},
        "/api/v1/tasks/{task_id}/{action}": {"post": op(
            TAG, "Act on a task (reassign: administrators)", json_ok(DETAIL), 400, 403, 404, 409, 422,
            params=[TASK_ID, path("action", ACTION)], request=body(ACT_BODY, required=False))},
        "/api/v1/tasks/batch": {"post": op(TAG, "Approve, reject or read several tasks", json_ok(obj({
            "results": {"type": "array", "items": obj({"id": {"type": "integer"}, "ok": {"type": "boolean"},
                                                       "error": {"type": "object"}})}, "done": {"type": "integer"}})),
            400, request=body(obj({"ids": {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 200},
                                   "action": {"enum": ["approve", "reject", "read"]},
                                   "comment": {"type": "string", "maxLength": 2000}}, ["ids", "action"])))},
        **{f"/api/v1/apps/{{app}}/flow-runs/{{run_id}}/{what}": {"post": op(
            TAG, text, json_ok({"type": "object"}), 403, 404, 409, params=[app, RUN_ID])}
           for what, text in (("withdraw", "Withdraw an approval until someone acts (the initiator)"),
                              ("urge", "Remind the people a run waits for (the initiator)"))},
        "/api/v1/apps/{app}/forms/{form}/records/{record_id}/submit": {"get": op(
            TAG, "What submitting the record asks: the flow and the steps whose approvers the initiator picks",
            json_ok(obj({"flow": {"type": "string"}, "label": {"type": "object"},
                         "choices": {"type": "array", "items": obj({"node": {"type": "string"},
                                                                    "label": {"type": "object"}})}})),
            404, 409, params=[app, form, record]), "post": op(
            TAG, "Submit a record again for approval", json_ok(obj({"run": {"type": "integer"},
                                                                   "status": {"type": "string"}})),
            403, 404, 409, params=[app, form, record], status=202,
            request=body(obj({"flow": {"type": "string"}, "approvers": {"type": "object", "maxProperties": 50,
                                                                         "additionalProperties": {
                                                                             "type": "array", "maxItems": 20,
                                                                             "items": {"type": "integer"}}}}),
                         required=False))},
        "/api/v1/apps/{app}/forms/{form}/records/{record_id}/approvals": {"get": op(
            TAG, "The record's approvals: path taken, who acted when, who it waits for", json_ok(obj({
                "items": {"type": "array", "items": obj({"run": {"type": "integer"}, "flow": {"type": "string"},
                                                         "label": BILINGUAL, "state": {"type": "string"},
                                                         "status": {"type": ["string", "null"]},
                                                         "history": {"type": "array", "items": HISTORY},
                                                         "path": {"type": "array"}, "definition": {"type": "object"},
                                                         "waiting_for": {"type": "array"}, "due_at": NULL_STAMP})}})),
            404, params=[app, form, record])},
    }
