"""Running a published decision table:

    POST /api/v1/apps/<app>/decisions/<key>/evaluate   {"inputs": {input id: value}}
         -> {"outputs": ..., "rule": index or null, "rules": [indexes], "version": n}

`outputs` is {output id: value} under the hit policies first and unique (the default's
values, else nulls, when no rule matches) and a list of such objects under collect;
`rule` is the 0-based index of the deciding rule (first / unique; null when none or under
collect), `rules` every matching rule's index. Inputs left out are null; an unknown input
or a value not of its input's type is a 400 naming it. Any user with a role in the app
(and administrators) may evaluate its decisions; definitions are edited through the
generic definitions API (`/definitions/decision/<key>`)."""
from __future__ import annotations

import json
from functools import lru_cache

from flask import Blueprint, jsonify, request

from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..logic.decision import compile_decision, decide_compiled
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_decisions", __name__, url_prefix="/api/v1")


@lru_cache(maxsize=256)
def _compiled(text: str):
    return compile_decision(json.loads(text))


def _member(app: str) -> None:
    me = actor()
    if not (me.is_admin or any(r.startswith(app + ".") for r in me.roles)):
        raise Forbidden(f"您不是应用 {app} 的成员", f"you are not a member of the app {app}")


@bp.post("/apps/<app>/decisions/<key>/evaluate")
@login_required
def evaluate(app, key):
    _member(app)
    found = runtime().store.published(app, "decision", key)
    if found is None:
        raise NotFound(f"决策表 {key} 不存在或未发布", f"decision table {key} does not exist or is not published",
                       code="unknown_decision", details={"decision": key})
    body, version = found
    payload = body_json(request)
    inputs = payload.get("inputs", {}) if isinstance(payload, dict) else None
    if not isinstance(inputs, dict):
        raise BadRequest('请求体应为 {"inputs": {输入: 值}}', 'the body must be {"inputs": {input: value}}',
                         code="malformed", details={"field": "inputs"})
    compiled = _compiled(json.dumps(body, sort_keys=True, ensure_ascii=False))
    outputs, hits = decide_compiled(compiled, inputs)
    single = compiled.hit_policy != "collect"
    return jsonify({"outputs": outputs, "rule": hits[0] if single and hits else None, "rules": hits,
                    "version": version})
