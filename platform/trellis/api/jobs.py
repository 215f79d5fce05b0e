"""The job queue for administrators: `GET /api/v1/admin/jobs` (newest first, with the
count in each state; filters state, name, app; paged by before_id), `POST
.../jobs/<id>/retry` (a failed or dead job runs again) and `POST .../jobs/<id>/cancel`
(a waiting job is given up)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..jobs.store import STATES
from ..kernel.errors import BadRequest, Forbidden
from ..kernel.timestamps import stamp
from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_jobs", __name__, url_prefix="/api/v1/admin/jobs")
STAMPS = ("run_at", "lease_until", "created_at", "started_at", "finished_at")


def _admin():
    user = actor()
    if not user.is_admin:
        raise Forbidden("只有管理员可以查看和管理任务队列", "only administrators see and manage the job queue")
    return user


def to_json(r: dict) -> dict:
    out = {k: r[k] for k in ("id", "name", "args", "key", "state", "attempts", "last_error", "lease_owner", "app")}
    out.update({k: stamp(r[k]) for k in STAMPS})
    return out


@bp.get("")
@login_required
def listing():
    _admin()
    args = request.args
    state = args.get("state") or None
    if state is not None and state not in STATES:
        raise BadRequest(f"参数 state 应为 {', '.join(STATES)} 之一", f"state is one of {', '.join(STATES)}",
                         code="malformed", details={"param": "state"})
    limit = int_param(args, "limit", 100, maximum=1000)
    rt = runtime()
    with rt.engine.connect() as conn:
        rows = rt.jobs.store.listing(conn, state=state, name=args.get("name") or None, app=args.get("app") or None,
                                     limit=limit, before_id=int_param(args, "before_id"))
        counts = rt.jobs.store.counts(conn)
    return jsonify({"items": [to_json(r) for r in rows], "counts": counts,
                    "next_before_id": rows[-1]["id"] if len(rows) == limit else None})


@bp.post("/<int:job_id>/retry")
@login_required
def retry(job_id):
    _admin()
    rt = runtime()
    out = rt.jobs.store.retry(job_id, rt.clock.now())
    rt.jobs.wake()
    return jsonify(to_json(out))


@bp.post("/<int:job_id>/cancel")
@login_required
def cancel(job_id):
    user = _admin()
    rt = runtime()
    return jsonify(to_json(rt.jobs.store.cancel(job_id, rt.clock.now(), user.username)))
