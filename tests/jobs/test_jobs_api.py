"""`/api/v1/admin/jobs`: administrators list the queue (with counts per state), retry a
dead job and cancel a waiting one; others get 403; bad parameters a bilingual 400; a job
in the wrong state a 409."""
from __future__ import annotations

import time
from datetime import timedelta

from api_client import ensure_user, sign_in

BASE = "/api/v1/admin/jobs"


def _register(rt, name, fn, **policy):
    if name not in rt.jobs.registry:
        rt.jobs.register(name, fn, **policy)


def _state(api, job_id):
    items = api.get(f"{BASE}?limit=1000").get_json()["items"]
    return next(j for j in items if j["id"] == job_id)


def test_admin_lists_retries_and_cancels(app, api):
    rt = app.extensions["trellis"]

    def fails():
        raise RuntimeError("gateway down")
    _register(rt, "test.api.fails", fails, max_attempts=1)
    later = rt.jobs.enqueue("test.api.later", {"n": 1}, run_at=rt.clock.now() + timedelta(days=1), app="demo")
    bad = rt.jobs.enqueue("test.api.fails")
    rt.jobs.run_due()
    deadline = time.time() + 10
    while _state(api, bad)["state"] != "dead" and time.time() < deadline:
        time.sleep(0.05)

    body = api.get(f"{BASE}?name=test.api.later").get_json()
    assert set(body["counts"]) == {"queued", "running", "done", "failed", "dead"}
    (job,) = [j for j in body["items"] if j["id"] == later]
    assert job["state"] == "queued" and job["args"] == {"n": 1} and job["app"] == "demo"
    assert job["run_at"][-6] in "+-"  # answered with its UTC offset

    dead = _state(api, bad)
    assert dead["state"] == "dead" and "gateway down" in dead["last_error"]
    r = api.post(f"{BASE}/{bad}/retry")
    assert r.status_code == 200 and r.get_json()["state"] == "queued" and r.get_json()["attempts"] == 0

    r = api.post(f"{BASE}/{later}/cancel")
    assert r.status_code == 200 and r.get_json()["state"] == "dead"
    assert r.get_json()["last_error"] == "cancelled by admin"
    r = api.post(f"{BASE}/{later}/cancel")
    assert r.status_code == 409 and r.get_json()["message"]["zh"] and "only queued or failed" in r.get_json()["message"]["en"]
    assert api.post(f"{BASE}/{later}/retry").status_code == 200
    assert api.post(f"{BASE}/987654321/retry").status_code == 404


def test_bad_parameters_are_400_naming_them(api):
    r = api.get(f"{BASE}?state=sleeping")
    assert r.status_code == 400 and r.get_json()["details"]["param"] == "state" and r.get_json()["message"]["zh"]
    r = api.get(f"{BASE}?limit=0")
    assert r.status_code == 400 and "limit" in r.get_json()["message"]["en"]


def test_only_administrators(app):
    ensure_user(app, "jobs_clerk", "jobs-pass-1")
    clerk = sign_in(app, "jobs_clerk", "jobs-pass-1")
    r = clerk.get(BASE)
    assert r.status_code == 403 and r.get_json()["message"]["en"] == "only administrators see and manage the job queue"
    assert clerk.post(f"{BASE}/1/cancel").status_code == 403
