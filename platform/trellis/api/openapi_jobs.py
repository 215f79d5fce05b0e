"""The job queue's endpoints in the OpenAPI document (administrators)."""
from __future__ import annotations

from .openapi_parts import ID, NULL_STAMP, STAMP, json_ok, obj, op, path, query

TAG = ["jobs"]
JOB = {"$ref": "#/components/schemas/Job"}
STATES = ["queued", "running", "done", "failed", "dead"]
NULL_TEXT = {"type": ["string", "null"]}

SCHEMAS = {
    "Job": obj({
        "id": {"type": "integer"}, "name": {"type": "string"},
        "args": {"type": ["object", "array"], "description": "the job function's JSON arguments"},
        "key": {**NULL_TEXT, "description": "idempotency key: a second enqueue of a key is a no-op"},
        "state": {"type": "string", "enum": STATES}, "attempts": {"type": "integer"}, "last_error": NULL_TEXT,
        "lease_owner": {**NULL_TEXT, "description": "the worker holding a running job"}, "app": NULL_TEXT,
        "run_at": STAMP, "lease_until": NULL_STAMP, "created_at": STAMP, "started_at": NULL_STAMP,
        "finished_at": NULL_STAMP},
        ["id", "name", "args", "state", "attempts", "run_at", "created_at"]),
}


def paths(_app: dict, _form: dict) -> dict:
    job = [path("job_id", ID)]
    return {
        "/api/v1/admin/jobs": {"get": op(
            TAG, "The job queue, newest first, with the number of jobs in each state (administrators)",
            json_ok(obj({"items": {"type": "array", "items": JOB},
                         "counts": obj({s: {"type": "integer"} for s in STATES}, STATES),
                         "next_before_id": {"type": ["integer", "null"]}}, ["items", "counts", "next_before_id"])),
            400, 403, params=[query("state", {"type": "string", "enum": STATES}), query("name"), query("app"),
                              query("limit", {"type": "integer", "minimum": 1, "maximum": 1000}),
                              query("before_id", {"type": "integer", "minimum": 1})])},
        "/api/v1/admin/jobs/{job_id}/retry": {"post": op(
            TAG, "Run a failed or dead job again now, its attempts counted anew (administrators)", json_ok(JOB),
            403, 404, 409, params=job)},
        "/api/v1/admin/jobs/{job_id}/cancel": {"post": op(
            TAG, "Give up on a queued or failed job: it becomes dead (administrators)", json_ok(JOB),
            403, 404, 409, params=job)},
    }
