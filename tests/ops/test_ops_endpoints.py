"""/healthz, /readyz and /metrics on the session's app: the request id's round trip, the
Prometheus format with only trellis_* names, a request counted by its route (the URL
rule) and status, who may scrape (the address, the token, an undeclared proxy), a job's
run and lag counted, and a job's log line carrying the id of the request that enqueued it."""
from __future__ import annotations

import io
import json
import logging
import time

import pytest
from prometheus_client.parser import text_string_to_metric_families

from trellis.kernel import logs
from trellis.web.scrape import ScrapeGate

JOB = "ops.test.logs_a_line"


def scrape(client, **kw) -> dict:
    """{(sample name, sorted labels): value} of one scrape."""
    r = client.get("/metrics", **kw)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.content_type.startswith("text/plain; version=0.0.4")
    out = {}
    for family in text_string_to_metric_families(r.get_data(as_text=True)):
        assert family.name.startswith("trellis_"), family.name
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(samples: dict, sample: str, **labels) -> float:
    return samples.get((sample, tuple(sorted(labels.items()))), 0.0)


def test_healthz_and_the_request_id(app):
    client = app.test_client()
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"ok": True}
    generated = r.headers["X-Request-Id"]
    assert len(generated) == 16 and client.get("/healthz").headers["X-Request-Id"] != generated
    assert client.get("/healthz", headers={"X-Request-Id": "lb-7f3a.2_x"}).headers["X-Request-Id"] == "lb-7f3a.2_x"
    for bad in ("a" * 65, "semi;colon", "空格 id", ""):
        answered = client.get("/healthz", headers={"X-Request-Id": bad}).headers["X-Request-Id"]
        assert answered != bad and len(answered) == 16


def test_readyz_answers_its_checks(app):
    r = app.test_client().get("/readyz")
    body = r.get_json()
    assert r.status_code == 200, body
    assert body["ok"] and {"database", "migrations", "scheduler", "queue"} <= set(body["checks"])
    assert r.headers["Cache-Control"] == "no-store"


def test_metrics_count_requests_by_route_and_status(app):
    client = app.test_client()
    before = scrape(client)
    for _ in range(3):
        assert client.post("/api/v1/admin/jobs/123/retry").status_code == 401
    client.get("/no/such/page/at/all.php")
    after = scrape(client)
    rule = "/api/v1/admin/jobs/<int:job_id>/retry"
    assert value(after, "trellis_http_requests_total", route=rule, method="POST", status="401") - \
        value(before, "trellis_http_requests_total", route=rule, method="POST", status="401") == 3
    assert value(after, "trellis_http_request_duration_seconds_count", route=rule, method="POST") - \
        value(before, "trellis_http_request_duration_seconds_count", route=rule, method="POST") == 3
    assert not any("123" in dict(labels).get("route", "") for _, labels in after)  # the rule, never the path
    assert value(after, "trellis_http_requests_total", route="/healthz", method="GET", status="200") >= 0
    assert {"queued", "running", "failed", "dead"} <= {dict(k[1]).get("state") for k in after
                                                       if k[0] == "trellis_jobs"}


def test_metrics_refused_to_others(app, monkeypatch):
    client = app.test_client()
    r = client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert r.status_code == 403 and "TRELLIS_METRICS_ALLOW" in r.get_json()["message"]["en"]
    assert r.get_json()["message"]["zh"].startswith("无权读取指标")
    # through a proxy the app was not told of, the loopback address stands for anyone
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403
    ops = app.extensions["trellis_ops"]
    monkeypatch.setitem(ops, "gate", ScrapeGate("s3cret-token", "none"))
    assert client.get("/metrics").status_code == 403  # not even loopback
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
    ok = client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"},
                    environ_base={"REMOTE_ADDR": "10.1.2.3"})
    assert ok.status_code == 200
    monkeypatch.setitem(ops, "gate", ScrapeGate(None, "10.0.0.0/8, 192.168.1.7"))
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "192.168.1.8"}).status_code == 403


def test_the_allow_setting_is_checked():
    from trellis.kernel.errors import BadRequest

    with pytest.raises(BadRequest) as e:
        ScrapeGate(None, "10.0.0.0/8, intranet")
    assert "intranet" in e.value.message["en"] and "TRELLIS_METRICS_ALLOW" in e.value.message["zh"]
    gate = ScrapeGate(None, None)
    assert gate.allows({}, "127.0.0.1") and gate.allows({}, "::1") and not gate.allows({}, "10.0.0.1")
    assert ScrapeGate(None, "*").allows({}, "203.0.113.9")


def _job_state(rt, job_id: int) -> str:
    with rt.engine.connect() as conn:
        return rt.jobs.store.get(conn, job_id)["state"]


def test_a_job_carries_the_request_id_into_its_log_lines_and_is_counted(app):
    rt = app.extensions["trellis"]
    ran = []
    if JOB not in rt.jobs.registry:
        rt.jobs.register(JOB, lambda note: (ran.append(note), logging.getLogger("ops.test").warning("ran %s", note)))
    client = app.test_client()
    before = scrape(client)
    buf = io.StringIO()
    handler = logs.setup(fmt="json", level="INFO", stream=buf)
    root_level = logging.getLogger().level
    try:
        with app.test_request_context("/api/v1/anything", headers={"X-Request-Id": "req-ops-42"}):
            app.preprocess_request()  # the request hooks bind the id, as in a request
            job_id = rt.jobs.enqueue(JOB, {"note": "hello"})
            logging.getLogger("ops.test").warning("enqueued")
        rt.jobs.run_due()
        deadline = time.monotonic() + 10  # the app's own scheduler thread may have taken it
        while _job_state(rt, job_id) != "done" and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(root_level)
    assert _job_state(rt, job_id) == "done"
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    in_request = next(x for x in lines if x["message"] == "enqueued")
    assert in_request["request_id"] == "req-ops-42" and in_request["logger"] == "ops.test"
    in_job = next(x for x in lines if x["message"] == "ran hello")
    assert in_job["request_id"] == "req-ops-42" and in_job["job_id"] == job_id and in_job["job"] == JOB
    assert {"time", "level", "logger", "message"} <= set(in_job) and in_job["level"] == "WARNING"
    with rt.engine.connect() as conn:
        assert rt.jobs.store.get(conn, job_id)["request_id"] == "req-ops-42"
    after = scrape(client)
    assert value(after, "trellis_job_runs_total", name=JOB, outcome="done") - \
        value(before, "trellis_job_runs_total", name=JOB, outcome="done") == 1
    assert value(after, "trellis_job_lag_seconds_count", name=JOB) - \
        value(before, "trellis_job_lag_seconds_count", name=JOB) == 1
