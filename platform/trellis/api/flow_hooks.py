"""Inbound webhooks of flows (flows/triggers/webhook.py):

    POST /api/v1/hooks/flows/<app>/<flow>   a JSON object (at most 256 KB)
         X-Trellis-Secret: <the flow's secret>
      or X-Trellis-Signature: sha256=<hex HMAC-SHA256 of the body under the secret>
         Idempotency-Key: <optional; a retried delivery with the same key starts one run>
      -> 202 {"run": id}   (null when the flow's entry condition declined the delivery)

No user signs in (so no session and no CSRF token): the secret is the credential. An
unknown, unpublished, disabled or not-webhook flow is a 404, a wrong secret or signature
a 403, a body that is not a JSON object a 400, a larger one a 413; each message in
Chinese and English."""
from __future__ import annotations

import uuid

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden, NotFound
from .auth import runtime
from .jsonbody import capped_body, json_object

bp = Blueprint("trellis_flow_hooks", __name__, url_prefix="/api/v1")

MAX_BODY = 256 * 1024


@bp.post("/hooks/flows/<app>/<key>")
def deliver(app, key):
    rt = runtime()
    flow = rt.flows.catalog.get(app, key) if rt.flows is not None else None
    if flow is None or not flow.enabled or (flow.body.get("trigger") or {}).get("type") != "webhook":
        raise NotFound(f"流程 {key} 不存在、未发布、已停用或不接受 Webhook",
                       f"flow {key} does not exist, is not published, is disabled or takes no webhook",
                       code="unknown_hook", details={"app": app, "flow": key})
    raw = capped_body(MAX_BODY)
    if not flow.trigger.authentic(flow.body["trigger"], raw, request.headers.get("X-Trellis-Secret"),
                                  request.headers.get("X-Trellis-Signature")):
        raise Forbidden("Webhook 密钥或签名无效", "the webhook's secret or signature is wrong", code="bad_secret",
                        details={"flow": key})
    payload = json_object(raw)
    idem = (request.headers.get("Idempotency-Key") or "").strip()
    if len(idem) > 100:
        raise BadRequest("Idempotency-Key 最长 100 个字符", "Idempotency-Key is at most 100 characters",
                         code="malformed", details={"header": "Idempotency-Key"})
    run_id = flow.trigger.receive(rt.flows, flow, payload, idem or uuid.uuid4().hex)
    return jsonify({"run": run_id}), 202
