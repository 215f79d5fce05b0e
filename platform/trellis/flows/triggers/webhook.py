"""Webhook (外部调用): another system starts the flow with `POST
/api/v1/hooks/flows/<app>/<flow>` (api/flow_hooks.py) and a JSON object. The caller
proves it knows the flow's `secret` by sending it in `X-Trellis-Secret`, or signs the
body: `X-Trellis-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>`; both
are compared in constant time. `map` sets flow variables from the body ({variable: JSON
pointer}); `record` (a JSON pointer to a record id of the flow's form) makes that record
the run's triggering record. `$event` is {type: "webhook", key, payload}. A delivery
retried with the same `Idempotency-Key` header starts one run."""
from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa

from ..json_pointer import pointer
from ..trigger_type import TriggerType
from ..trigger_support import records_by_id
from ...kernel.errors import BadRequest
from ...storage.models import flow_run as R

POINTER = {"type": "string", "pattern": "^(/([^~/]|~[01])*)*$", "maxLength": 300}


class WebhookTrigger(TriggerType):
    key = "webhook"
    label = {"zh": "外部调用(Webhook)", "en": "Called by a webhook"}
    needs_form = False
    config_schema = {
        "type": "object",
        "required": ["secret"],
        "additionalProperties": False,
        "properties": {
            "secret": {"type": "string", "minLength": 16, "maxLength": 200},
            "map": {"type": "object", "maxProperties": 100, "additionalProperties": POINTER,
                    "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]{0,40}$"}},
            "record": POINTER,
        },
    }

    def authentic(self, trigger: dict, raw: bytes, secret: str | None, signature: str | None) -> bool:
        """The caller knows the secret: it sent it, or signed `raw` with it."""
        key = str(trigger.get("secret") or "").encode()
        if not key:
            return False
        if secret is not None and hmac.compare_digest(secret.encode(), key):
            return True
        if signature and signature.startswith("sha256="):
            mine = hmac.new(key, raw, hashlib.sha256).hexdigest()
            return hmac.compare_digest(signature[7:].strip().lower().encode(), mine.encode())
        return False

    def receive(self, engine, flow, payload: dict, key: str) -> int | None:
        """Start the run of one delivery (the run already started for this key, if any)."""
        rt = engine.runtime
        trigger = flow.body["trigger"]
        variables = {name: pointer(payload, p) for name, p in (trigger.get("map") or {}).items()}
        with rt.transaction() as conn:
            rec = self._record(rt, flow, conn, payload) if trigger.get("record") is not None else None
            run_id = engine.start(conn, flow, event=f"webhook:{key}", record=rec, variables=variables,
                                  info={"type": "webhook", "key": key, "payload": payload})
            if run_id is None:  # this key started one already (or the entry condition said no)
                event = f"{flow.key}:{flow.version}:webhook:{key}"[:200]
                run_id = conn.execute(sa.select(R.c.id).where(R.c.event == event)).scalar()
            return run_id

    def _record(self, rt, flow, conn, payload: dict) -> dict:
        pointer_text = flow.body["trigger"]["record"]
        rid = pointer(payload, pointer_text)
        if not flow.body.get("form"):
            raise BadRequest("流程未指定表单,不能按记录启动", "the flow names no form to start on a record",
                             code="no_form", details={"flow": flow.key})
        if isinstance(rid, str) and rid.isdigit():
            rid = int(rid)
        found = records_by_id(rt, flow.app, flow.body["form"], conn, [rid]) if type(rid) is int else []
        if not found:
            raise BadRequest(f"请求体 {pointer_text} 处的记录 {rid} 不存在",
                             f"no record {rid} (at {pointer_text} in the body)", code="unknown_record",
                             details={"pointer": pointer_text, "record": rid})
        return found[0]
