"""Notifications in the OpenAPI document: channel types, an app's channels, the delivery
log, the outbox, template preview, sending (administrators), and the caller's messages
and notification settings."""
from __future__ import annotations

from .openapi_parts import BILINGUAL, EMPTY, ID, NULL_STAMP, STAMP, body, json_ok, obj, op, path, query

TAG, ME = ["notifications"], ["messages"]
NAME = {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"}
TEXT = {"type": ["string", "null"]}
STATES = ["queued", "held", "sending", "retrying", "sent", "failed", "skipped"]
REF = {k: {"$ref": f"#/components/schemas/{k}"} for k in ("Channel", "ChannelType", "Delivery", "InboxMessage",
                                                           "NotifySettings")}
DELIVERY = obj({
    "id": {"type": "integer"}, "message_id": {"type": "integer"}, "event": {"type": "string"},
    "channel": {"type": "string"}, "channel_type": TEXT, "urgency": {"type": "string", "enum": ["high", "medium", "low"]},
    "recipient": {"type": "object"}, "to": TEXT, "subject": TEXT, "body": TEXT,
    "state": {"type": "string", "enum": STATES}, "note": TEXT, "attempts": {"type": "integer"}, "error": TEXT,
    "answer": TEXT, "latency_ms": {"type": ["integer", "null"]}, "form": TEXT, "record": {"type": ["integer", "null"]},
    "fallbacks": {"type": ["array", "null"]}, "run_at": STAMP, "created_at": STAMP, "sent_at": NULL_STAMP,
    "read_at": NULL_STAMP,
    "log": {"type": "array", "description": "one entry per attempt (a single delivery only)", "items": obj({
        "attempt": {"type": "integer"}, "at": STAMP, "status": {"type": "string"}, "answer": TEXT, "error": TEXT,
        "latency_ms": {"type": ["integer", "null"]}})}},
    ["id", "message_id", "channel", "state", "attempts", "created_at"])
SCHEMAS = {
    "ChannelType": obj({"type": {"type": "string"}, "label": {"type": "object"},
                        "address": TEXT, "local": {"type": "boolean"},
                        "config_schema": {"type": "object", "description": "JSON Schema; writeOnly properties are secrets"}},
                       ["type", "label", "config_schema"]),
    "Channel": obj({"name": {"type": "string"}, "type": {"type": "string"}, "label": {"type": ["object", "null"]},
                    "enabled": {"type": "boolean"}, "config": {"type": "object", "description": "non-secret values only"},
                    "secrets_set": {"type": "array", "items": {"type": "string"}},
                    "installed": {"type": "boolean"}, "unreadable": {"type": "boolean"},
                    "sent": {"type": "integer"}, "failed": {"type": "integer"}, "updated_at": STAMP},
                   ["name", "type", "enabled", "config", "secrets_set"]),
    "Delivery": DELIVERY,
    "InboxMessage": obj({"id": {"type": "integer"}, "app": {"type": "string"}, "title": {"type": "string"},
                         "body": TEXT, "urgency": {"type": "string"}, "form": TEXT, "record": {"type": ["integer", "null"]},
                         "created_at": STAMP, "read_at": NULL_STAMP}, ["id", "app", "title", "created_at"]),
    "NotifySettings": obj({
        "events": {"type": "object", "additionalProperties": {"type": "array", "items": NAME}},
        "quiet_hours": {"type": ["object", "null"], "properties": {"start": {"type": "string"}, "end": {"type": "string"}}},
        "available": {"type": "object"}}, ["events", "quiet_hours"]),
}


def paths(app: dict, form: dict) -> dict:
    """`app` and `form` are the path parameters (with the caller's apps and forms listed)."""
    a, ch = [app], [app, path("name", NAME)]
    return {
        "/api/v1/notify/channel-types": {"get": op(TAG, "The installed channel types and their configuration schemas",
                                                   json_ok(obj({"items": {"type": "array", "items": REF["ChannelType"]}})))},
        "/api/v1/apps/{app}/channels": {"get": op(TAG, "The app's channels; secrets never included (administrators)",
                                                  json_ok(obj({"items": {"type": "array", "items": REF["Channel"]}})),
                                                  403, 404, params=a)},
        "/api/v1/apps/{app}/channels/{name}": {
            "put": op(TAG, "Create or change a channel; a secret left out keeps its stored value (administrators)",
                      json_ok(REF["Channel"]), 403, 404, 409, 422, params=ch,
                      request=body(obj({"type": {"type": "string"}, "label": BILINGUAL, "enabled": {"type": "boolean"},
                                        "config": {"type": "object"}}, ["type"]))),
            "delete": op(TAG, "Remove a channel (administrators)", EMPTY, 403, 404, params=ch, status=204)},
        "/api/v1/apps/{app}/channels/{name}/test": {"post": op(
            TAG, "Send a test message on the channel now (to the caller, or to `to`); the delivery", json_ok(REF["Delivery"]),
            403, 404, 409, params=ch, request=body(obj({"to": {"type": "string", "maxLength": 200}}), required=False))},
        "/api/v1/apps/{app}/deliveries": {"get": op(
            TAG, "The delivery log, newest first, with the count in each state (administrators)",
            json_ok(obj({"items": {"type": "array", "items": REF["Delivery"]},
                         "counts": obj({s: {"type": "integer"} for s in STATES}),
                         "next_before_id": {"type": ["integer", "null"]}}, ["items", "counts"])), 400, 403, 404,
            params=a + [query("channel"), query("form"), query("record", {"type": "integer", "minimum": 1}),
                        query("state", {"type": "string", "enum": STATES}),
                        query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}),
                        query("before_id", {"type": "integer", "minimum": 1})])},
        "/api/v1/apps/{app}/deliveries/{delivery_id}": {"get": op(
            TAG, "One delivery with its attempts (administrators)", json_ok(REF["Delivery"]), 403, 404,
            params=a + [path("delivery_id", ID)])},
        "/api/v1/apps/{app}/deliveries/{delivery_id}/answered": {"post": op(
            TAG, "Record that the recipient read or answered a delivery (a read receipt, a reply): routing counts "
            "it toward their most active channel (administrators, API tokens of integrations)",
            json_ok(REF["Delivery"]), 403, 404, params=a + [path("delivery_id", ID)])},
        "/api/v1/apps/{app}/outbox": {"get": op(
            TAG, "What the outbox channel recorded, newest first (administrators)",
            json_ok(obj({"items": {"type": "array", "items": obj({
                "channel_type": {"type": "string"}, "recipient": TEXT, "subject": TEXT, "body": TEXT,
                "urgency": {"type": "string"}, "form": TEXT, "record": {"type": ["integer", "null"]},
                "created_at": STAMP})}}, ["items"])), 400, 403, 404,
            params=a + [query("form"), query("record", {"type": "integer", "minimum": 1}), query("channel_type"),
                        query("limit", {"type": "integer", "minimum": 1, "maximum": 1000})])},
        "/api/v1/apps/{app}/templates/preview": {"post": op(
            TAG, "Render a template (a draft) against a record, for a channel and language (administrators)",
            json_ok(obj({"subject": {"type": "string"}, "text": {"type": "string"}, "html": TEXT})), 403, 404, 422,
            params=a, request=body(obj({"template": {"type": "object"}, "record": {"type": ["integer", "null"]},
                                        "channel": TEXT, "lang": {"type": "string", "enum": ["zh", "en"]},
                                        "data": {"type": "object"}}, ["template"])))},
        "/api/v1/apps/{app}/notify": {"post": op(
            TAG, "Send a message through the routing (administrators)",
            json_ok(obj({"message_id": {"type": "integer"}, "deliveries": {"type": "array", "items": REF["Delivery"]}}),
                    "Created"), 403, 404, 409, 422, params=a, status=201,
            request=body(obj({"template": {"type": "string"}, "recipients": {"type": "array", "items": {"type": "object"}},
                              "form": {"type": "string"}, "record": {"type": "integer"},
                              "urgency": {"type": "string", "enum": ["high", "medium", "low"]},
                              "data": {"type": "object"}}, ["template", "recipients"])))},
        "/api/v1/apps/{app}/forms/{form}/records/{record_id}/messages": {"get": op(
            TAG, "The messages sent about a record, newest first (its timeline); addresses, texts and answers "
            "for administrators only", json_ok(obj({"items": {"type": "array", "items": REF["Delivery"]}}, ["items"])),
            400, 403, 404, params=[app, form, path("record_id", ID),
                              query("limit", {"type": "integer", "minimum": 1, "maximum": 1000})])},
        "/api/v1/me/messages": {"get": op(
            ME, "My messages (the message center), newest first, with the unread count",
            json_ok(obj({"items": {"type": "array", "items": REF["InboxMessage"]}, "unread": {"type": "integer"},
                         "next_before_id": {"type": ["integer", "null"]}}, ["items", "unread"])), 400,
            params=[query("state", {"type": "string", "enum": ["unread", "read", "all"]}),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": 500}),
                    query("before_id", {"type": "integer", "minimum": 1})])},
        "/api/v1/me/messages/unread": {"get": op(ME, "How many of my messages are unread (the bell)",
                                                 json_ok(obj({"unread": {"type": "integer"}}, ["unread"])), 400)},
        "/api/v1/me/messages/{message_id}/read": {"post": op(ME, "Mark one of my messages read", json_ok(REF["InboxMessage"]),
                                                             400, 404, params=[path("message_id", ID)])},
        "/api/v1/me/messages/read-all": {"post": op(ME, "Mark all my messages read",
                                                    json_ok(obj({"unread": {"type": "integer"}})), 400)},
        "/api/v1/me/notify-settings": {
            "get": op(ME, "My notification settings: channels per event, quiet hours", json_ok(REF["NotifySettings"]), 400),
            "put": op(ME, "Change my notification settings", json_ok(REF["NotifySettings"]), 400,
                      request=body(obj({"events": {"type": "object"}, "quiet_hours": {"type": ["object", "null"]}})))},
    }
