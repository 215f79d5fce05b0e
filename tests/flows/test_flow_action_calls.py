"""The call action nodes on both databases: http_request against a real HTTP server on
loopback (the body signed as the webhook channel signs it, one idempotency key for every
try of a step, the answer mapped into variables; a 5xx tried again, a 4xx failing the step
at once) and call_flow (a called flow's inputs as its variables, the caller waiting until
the child ends, a failed child failing the call)."""
from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from actionkit import make, records
from flowkit import client, flow, path, publish, run_jobs, runs, steps
from trellis.kernel.actor import SYSTEM

SECRET = "s3cret-signing-key"


class Receiver:
    """A loopback HTTP server answering by path: /ok (JSON), /flaky (500 once, then JSON),
    /bad (404); every request kept."""

    def __init__(self):
        self.seen: list[dict] = []
        self.flaky = 0
        self.during = None  # called while a request is answered
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                outer.seen.append({"path": self.path, "headers": dict(self.headers), "body": body})
                if outer.during is not None:
                    outer.during()
                if self.path == "/bad":
                    return self._answer(404, {"error": "no such thing"})
                if self.path == "/flaky":
                    outer.flaky += 1
                    if outer.flaky == 1:
                        return self._answer(503, {"error": "busy"})
                return self._answer(200, {"data": {"ticket": "T-9", "items": [{"n": 1}, {"n": 2}]}, "a/b": 5})

            def _answer(self, status: int, doc: dict):
                raw = json.dumps(doc).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()
    r.server.server_close()


def _signed(seen: dict) -> bool:
    stamp = seen["headers"]["X-Trellis-Timestamp"]
    mac = hmac.new(SECRET.encode(), stamp.encode() + b"." + seen["body"], hashlib.sha256).hexdigest()
    return seen["headers"]["X-Trellis-Signature"] == f"sha256={mac}"


def test_a_signed_request_maps_its_answer_and_a_retry_keeps_its_key(engine, receiver):
    rt = make(engine)
    publish(rt, flow("push", {"type": "record_created"}, [
        {"id": "call", "type": "http_request", "method": "POST", "url": {"cat": [receiver.url, "/flaky"]},
         "headers": {"X-Client": {"cat": ["c", {"var": "id"}]}}, "secret": SECRET, "timeout": 5,
         "body": {"client": {"var": "id"}, "name": {"var": "name"}, "equity": {"var": "equity"}},
         "response": {"ticket": "/data/ticket", "second": "/data/items/1/n", "odd": "/a~1b", "none": "/nope"}},
        {"id": "use", "type": "set_variable", "name": "seen", "value": {"var": "$vars.ticket"}}]))
    c = client(rt, name="甲", equity=100)
    run_jobs(rt, days=1)
    (run,) = runs(rt, "push")
    assert run["state"] == "done", steps(rt, run["id"])
    assert run["context"]["vars"] == {"ticket": "T-9", "second": 2, "odd": 5, "none": None, "seen": "T-9"}
    assert run["context"]["steps"]["call"] == {"status": 200, "vars": {"ticket": "T-9", "second": 2, "odd": 5,
                                                                         "none": None}}
    first, second = receiver.seen  # a 503, then tried again
    assert json.loads(second["body"]) == {"client": c["id"], "name": "甲", "equity": 100}
    assert second["headers"]["X-Client"] == f"c{c['id']}"
    assert first["headers"]["Idempotency-Key"] == second["headers"]["Idempotency-Key"] == f"{run['id']}:call:0"
    assert _signed(first) and _signed(second)
    assert path(rt, run["id"]) == ["call", "use"]


def test_no_write_lock_is_held_while_the_other_side_answers(engine, receiver):
    rt = make(engine)
    publish(rt, flow("slowpoke", {"type": "record_created"}, [
        {"id": "call", "type": "http_request", "method": "POST", "url": receiver.url + "/ok", "timeout": 5,
         "body": {"client": {"var": "id"}}}], condition={"==": [{"var": "name"}, "甲"]}))
    waited = []

    def write_meanwhile():  # another writer of this process, while the step waits on the answer
        if waited:
            return
        t = time.monotonic()
        rt.records("demo", "client", SYSTEM).create({"name": "旁路"})
        waited.append(time.monotonic() - t)

    receiver.during = write_meanwhile
    client(rt, name="甲")
    run_jobs(rt, days=1)
    (run,) = runs(rt, "slowpoke")
    assert run["state"] == "done" and len(receiver.seen) == 1
    assert waited and waited[0] < 2


def test_a_refused_request_fails_at_once_and_a_channels_secret_signs(engine, receiver):
    rt = make(engine)
    with rt.transaction() as conn:
        rt.notify.channels.save(conn, "demo", "hook", {"type": "webhook",
                                                       "config": {"url": receiver.url + "/ok", "secret": SECRET}},
                                None, rt.clock.now())
    publish(rt, flow("bad", {"type": "record_created"}, [
        {"id": "nope", "type": "http_request", "method": "POST", "url": receiver.url + "/bad", "body": {"a": 1}}]),
        flow("latin", {"type": "record_created"}, [
            {"id": "hdr", "type": "http_request", "method": "POST", "url": receiver.url + "/ok",
             "headers": {"X-Name": {"var": "name"}}}]),
        flow("chan", {"type": "record_created"}, [
            {"id": "ok", "type": "http_request", "method": "POST", "url": receiver.url + "/ok",
             "secret_channel": "hook", "body": {"x": {"var": "name"}}, "response": {"t": "/data/ticket"}}]))
    client(rt, name="甲")
    run_jobs(rt)
    bad, chan = runs(rt, "bad")[0], runs(rt, "chan")[0]
    assert bad["state"] == "failed" and bad["error"].startswith("节点 nope:对方应答 HTTP 404")
    assert "node nope: the server answered HTTP 404" in bad["error"]
    assert [s["path"] for s in receiver.seen].count("/bad") == 1  # no retry of a refusal
    latin = runs(rt, "latin")[0]
    assert latin["state"] == "failed" and latin["error"].startswith("节点 hdr:请求头 X-Name 含有无法发送的字符")
    assert latin["error"].endswith("node hdr: the header X-Name holds characters HTTP cannot carry (ASCII only)")
    assert chan["state"] == "done" and chan["context"]["vars"] == {"t": "T-9"}
    (signed,) = [s for s in receiver.seen if s["path"] == "/ok"]
    assert _signed(signed)


def test_a_called_flow_gets_its_inputs_and_the_caller_waits_for_it(engine):
    rt = make(engine)
    publish(rt, flow("child", {"type": "called", "inputs": ["amount"]}, [
        {"id": "pause", "type": "wait", "for": {"amount": 2, "unit": "hours"}},
        {"id": "double", "type": "set_variable", "name": "doubled", "value": {"*": [{"var": "$vars.amount"}, 2]}},
        {"id": "mark", "type": "update_records", "target": "trigger", "values": {"note": "child"}}], kind="journey"),
        flow("parent", {"type": "record_created"}, [
            {"id": "call", "type": "call_flow", "flow": "child", "inputs": {"amount": {"var": "equity"}}},
            {"id": "got", "type": "set_variable", "name": "got", "value": {"var": "$steps.call.vars.doubled"}},
            {"id": "go", "type": "call_flow", "flow": "child", "inputs": {"amount": 1}, "wait": False}]))
    c = client(rt, name="甲", equity=21)
    run_jobs(rt)
    parent = runs(rt, "parent")[0]
    assert parent["state"] == "waiting" and path(rt, parent["id"]) == ["call"]
    run_jobs(rt, days=1)
    parent = runs(rt, "parent")[0]
    first, second = runs(rt, "child")
    assert parent["state"] == "done", steps(rt, parent["id"])
    assert parent["context"]["vars"] == {"got": 42}
    assert parent["context"]["steps"]["call"] == {"run": first["id"], "state": "done",
                                                  "vars": {"amount": 21, "doubled": 42}}
    assert parent["context"]["steps"]["go"] == {"run": second["id"], "state": "running"}
    assert (first["parent_run"], first["record_id"], first["state"]) == (parent["id"], c["id"], "done")
    assert second["state"] == "done" and second["context"]["vars"]["doubled"] == 2
    assert records(rt, "client", id=c["id"])[0]["note"] == "child"


def test_a_failed_child_fails_the_call_and_unknown_inputs_are_refused(engine):
    rt = make(engine)
    publish(rt, flow("child", {"type": "called", "inputs": ["x"]}, [
        {"id": "boom", "type": "create_record", "form": "deal", "values": {"lots": 1}}]),  # no client: refused
        flow("parent", {"type": "record_created"}, [
            {"id": "call", "type": "call_flow", "flow": "child", "inputs": {"x": 1}},
            {"id": "odd", "type": "call_flow", "flow": "child", "inputs": {"y": 1}},
            {"id": "nowhere", "type": "call_flow", "flow": "parent"}], on_failure="continue"))
    client(rt, name="甲")
    run_jobs(rt)
    parent = runs(rt, "parent")[0]
    (child,) = runs(rt, "child")
    assert child["state"] == "failed" and parent["state"] == "done"
    errors = {s["node"]: s["error"] for s in steps(rt, parent["id"]) if s["result"] == "failed"}
    assert errors["call"].startswith(f"节点 call:子流程 child 的运行 {child['id']} 失败")
    assert "node odd: flow child takes no input y" in errors["odd"]
    assert "node nowhere: flow parent does not exist, is not published or cannot be called" in errors["nowhere"]


def test_a_failed_call_is_retried_with_a_new_child_or_skipped(engine):
    from trellis.kernel.actor import SYSTEM

    rt = make(engine)
    child = flow("child", {"type": "called"}, [
        {"id": "boom", "type": "create_record", "form": "deal", "values": {"lots": 1}}])  # no client: refused
    publish(rt, child, flow("parent", {"type": "record_created"}, [
        {"id": "call", "type": "call_flow", "flow": "child"},
        {"id": "after", "type": "set_variable", "name": "after", "value": True}]))
    c = client(rt, name="甲")
    client(rt, name="乙")
    run_jobs(rt)
    first, second = runs(rt, "parent")
    assert first["state"] == second["state"] == "failed"
    child["steps"][0]["values"]["client"] = {"var": "id"}
    publish(rt, child)  # the child fixed: a retry calls it again
    rt.flows.retry("demo", first["id"], SYSTEM)
    rt.flows.retry("demo", second["id"], SYSTEM, skip=True)
    run_jobs(rt)
    first, second = runs(rt, "parent")
    assert first["state"] == "done" and first["context"]["vars"] == {"after": True}
    assert first["context"]["steps"]["call"]["state"] == "done"
    assert [r["state"] for r in runs(rt, "child")] == ["failed", "failed", "done"]
    assert [d["client"] for d in records(rt, "deal")] == [c["id"]]
    assert second["state"] == "done" and path(rt, second["id"])[-1] == "after"
