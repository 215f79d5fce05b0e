"""People in flows over REST: the task inbox, acting on tasks, the initiator's withdraw,
urge and resubmit, an administrator's reassign, and a record's approvals (its instance
view):

    GET  /api/v1/inbox?state=pending|done|cc|initiated&app=&form=&q=&overdue=&limit=&offset=
    GET  /api/v1/tasks/<id>                         the task, its record as the node shows it, the history
    POST /api/v1/tasks/<id>/<action>                approve reject return transfer add_signer handle comment read
    POST /api/v1/tasks/batch                        {"ids", "action": approve|reject|read, "comment"}
    POST /api/v1/tasks/<id>/reassign                {"to"} (administrators)
    POST /api/v1/apps/<app>/flow-runs/<id>/withdraw|urge      (the initiator)
    GET  /api/v1/apps/<app>/forms/<form>/records/<id>/submit  what submitting asks (approvers to pick)
    POST /api/v1/apps/<app>/forms/<form>/records/<id>/submit  submit again {"flow"?, "approvers"?}
    GET  /api/v1/apps/<app>/forms/<form>/records/<id>/approvals   the record's runs with tasks
"""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..flows import runs as run_store
from ..flows import task_store
from ..flows.inbox import STATES, status_of
from ..flows.people import ACTIONS
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..kernel.timestamps import stamp
from .auth import actor, login_required, runtime
from .params import body_json, int_param, whole_number

bp = Blueprint("trellis_tasks", __name__, url_prefix="/api/v1")
BATCH_ACTIONS = ("approve", "reject", "read")


def _body() -> dict:
    if not request.get_data():
        return {}
    payload = body_json(request)
    if not isinstance(payload, dict):
        raise BadRequest("请求体应为对象", "the body is an object", code="malformed")
    return payload


def _task(task_id: int) -> dict:
    rt = runtime()
    with rt.engine.connect() as conn:
        task = task_store.get(conn, task_id)
    me = actor()
    if task is None or not (me.is_admin or me.id in (task["assignee_id"], task["initiator_id"])):
        raise NotFound(f"待办 {task_id} 不存在", f"task {task_id} not found", details={"task": task_id})
    return task


@bp.get("/inbox")
@login_required
def inbox():
    args = request.args
    state = args.get("state", "pending")
    if state not in STATES:
        raise BadRequest(f"state 应为 {'/'.join(STATES)} 之一", f"state is one of {', '.join(STATES)}",
                         code="malformed", details={"param": "state"})
    q = args.get("q") or None
    if q is not None and len(q) > 100:
        raise BadRequest("搜索词最长 100 字", "q is at most 100 characters", code="malformed", details={"param": "q"})
    me = actor()
    if me.id is None:
        return jsonify({"items": [], "total": 0})
    return jsonify(runtime().flows.inbox.listing(
        me.id, state, app=args.get("app") or None, form=args.get("form") or None, q=q,
        overdue=args.get("overdue") in ("1", "true"), limit=int_param(args, "limit", 50, maximum=200),
        offset=int_param(args, "offset", 0, minimum=0, maximum=1_000_000)))


@bp.get("/tasks/<int:task_id>")
@login_required
def task(task_id):
    return jsonify(runtime().flows.inbox.task_detail(_task(task_id), actor()))


@bp.post("/tasks/<int:task_id>/<action>")
@login_required
def act(task_id, action):
    if action == "reassign":
        payload = _body()
        runtime().flows.people.reassign(task_id, payload.get("to"), actor())
        return jsonify(runtime().flows.inbox.task_detail(_task(task_id), actor()))
    if action not in ACTIONS:
        raise NotFound(f"没有操作 {action}", f"there is no action {action}", details={"action": action})
    payload = _body()
    rt = runtime()
    done = rt.flows.people.act(task_id, action, actor(), payload)
    return jsonify(rt.flows.inbox.task_detail(done, actor()))


@bp.post("/tasks/batch")
@login_required
def batch():
    payload = _body()
    ids, action = payload.get("ids"), payload.get("action")
    if not isinstance(ids, list) or not ids or len(ids) > 200:
        raise BadRequest("ids 应为 1–200 个待办编号", "ids is a list of 1 to 200 task ids", code="malformed",
                         details={"field": "ids"})
    if action not in BATCH_ACTIONS:
        raise BadRequest(f"批量操作应为 {'/'.join(BATCH_ACTIONS)} 之一", f"action is one of {', '.join(BATCH_ACTIONS)}",
                         code="malformed", details={"field": "action"})
    rt, me = runtime(), actor()
    results = []
    for raw in ids:
        task_id = whole_number(raw, "ids")
        try:
            rt.flows.people.act(task_id, action, me, {"comment": payload.get("comment")})
            results.append({"id": task_id, "ok": True})
        except (BadRequest, Forbidden, NotFound) as exc:
            results.append({"id": task_id, "ok": False, "error": {"code": exc.code, "message": exc.message}})
        except Exception as exc:  # noqa: BLE001 - a conflict on one task leaves the others done
            from ..kernel.errors import TrellisError

            if not isinstance(exc, TrellisError) or exc.status >= 500:
                raise
            results.append({"id": task_id, "ok": False, "error": {"code": exc.code, "message": exc.message}})
    return jsonify({"results": results, "done": sum(1 for r in results if r["ok"])})


@bp.post("/apps/<app>/flow-runs/<int:run_id>/withdraw")
@login_required
def withdraw(app, run_id):
    rt = runtime()
    rt.flows.people.withdraw(app, run_id, actor())
    with rt.engine.connect() as conn:
        row = rt.flows.run_of(conn, app, run_id)
    return jsonify({"run": run_id, "state": row["state"], "status": status_of(row)})


@bp.post("/apps/<app>/flow-runs/<int:run_id>/urge")
@login_required
def urge(app, run_id):
    return jsonify(runtime().flows.people.urge(app, run_id, actor()))


@bp.get("/apps/<app>/forms/<form>/records/<int:record_id>/submit")
@login_required
def submit_choices(app, form, record_id):
    return jsonify(runtime().flows.status.choices(app, form, record_id, actor()))


@bp.post("/apps/<app>/forms/<form>/records/<int:record_id>/submit")
@login_required
def submit(app, form, record_id):
    payload = _body()
    flow, approvers = payload.get("flow"), payload.get("approvers")
    if flow is not None and not isinstance(flow, str):
        raise BadRequest("flow 应为流程标识", "flow is a flow key", code="malformed", details={"field": "flow"})
    if approvers is not None and not (isinstance(approvers, dict) and len(approvers) <= 50 and all(
            isinstance(v, list) and len(v) <= 20 and all(type(i) is int for i in v) for v in approvers.values())):
        raise BadRequest("approvers 应为 {节点: [用户编号]}", "approvers is {node id: [user ids]}", code="malformed",
                         details={"field": "approvers"})
    return jsonify(runtime().flows.status.submit(app, form, record_id, actor(), flow, approvers)), 202


@bp.get("/apps/<app>/forms/<form>/records/<int:record_id>/approvals")
@login_required
def approvals(app, form, record_id):
    rt = runtime()
    rt.records(app, form, actor()).get(record_id)  # 404 unless the caller may read the record
    with rt.engine.connect() as conn:
        rows = run_store.listing(conn, app, form=form, record_id=record_id, limit=50)
        items = []
        for r in rows:
            history = rt.flows.inbox.history(conn, r["id"])
            if not history:
                continue
            steps = run_store.steps_of(conn, r["id"])
            body = rt.flows.catalog.version(app, r["flow"], r["version"])
            waiting = [h for h in history if h["state"] == "pending"]
            items.append({"run": r["id"], "flow": r["flow"], "label": body.get("label"), "state": r["state"],
                          "status": status_of(run_store.load(conn, r["id"]), body), "initiator": r["actor_id"],
                          "started_at": stamp(r["started_at"]), "ended_at": stamp(r["ended_at"]),
                          "history": history, "waiting_for": [h["assignee_name"] for h in waiting],
                          "due_at": min((h["due_at"] for h in waiting if h["due_at"]), default=None),
                          "path": [s["node"] for s in steps if s["result"] in ("ok", "waiting", "failed")],
                          "definition": body})
    return jsonify({"items": items})
