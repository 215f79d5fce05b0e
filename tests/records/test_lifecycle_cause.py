"""before_delete on every delete path, the cause chain of a write (into the audit log and a
record's history), and the depth limit that stops a handler writing in a loop. SQLite and
PostgreSQL."""
from __future__ import annotations

import logging

import pytest

from samples import install
from trellis.kernel.actor import Actor
from trellis.kernel.cause import CauseTooDeep, link
from trellis.kernel.errors import Conflict, NotFound
from trellis.security.audit import history, verify
from trellis.security.audit_chain import canonical


@pytest.fixture
def rt(runtime):
    install(runtime)
    return runtime


def test_before_delete_sees_every_delete_path(rt):
    seen = []
    rt.lifecycle.subscribe("before_delete", lambda ctx: seen.append((ctx.form.id, sorted(r["id"] for r in ctx.old))))
    clients, deals = rt.records("demo", "client"), rt.records("demo", "deal")
    a, b, c = (clients.create({"name": n}) for n in "abc")
    d1 = deals.create({"client": c["id"], "lots": 1})
    d2 = deals.create({"client": c["id"], "lots": 2})
    clients.delete(a["id"])                                   # single
    clients.delete_many([b["id"]])                            # bulk
    clients.delete(c["id"])                                   # cascades to its deals
    assert seen == [("client", [a["id"]]), ("client", [b["id"]]), ("client", [c["id"]]),
                    ("deal", sorted([d1["id"], d2["id"]]))]


def test_a_before_delete_handler_refuses_and_nothing_is_deleted(rt):
    def keep_big_deals(ctx):
        if ctx.form.id == "deal" and any((r.get("lots") or 0) >= 10 for r in ctx.old):
            ctx.refuse("大额成交不能删除", "large deals cannot be deleted", code="deal_kept")
    rt.lifecycle.subscribe("before_delete", keep_big_deals)
    clients, deals = rt.records("demo", "client"), rt.records("demo", "deal")
    c = clients.create({"name": "a"})
    small = deals.create({"client": c["id"], "lots": 1})
    big = deals.create({"client": c["id"], "lots": 10})
    with pytest.raises(Conflict) as err:
        clients.delete(c["id"])                               # refused inside the cascade
    assert err.value.code == "deal_kept" and err.value.status == 409
    assert err.value.message == {"zh": "大额成交不能删除", "en": "large deals cannot be deleted"}
    assert clients.get(c["id"]) and deals.get(small["id"]) and deals.get(big["id"])  # nothing half-deleted
    deals.delete(small["id"])
    with pytest.raises(NotFound):
        deals.get(small["id"])


def test_a_handlers_write_carries_the_chain_into_the_audit_and_history(rt):
    brokers, clients = rt.records("demo", "broker"), rt.records("demo", "client")

    def note_on_broker(ctx):
        if ctx.form.id == "client":
            rt.records("demo", "broker", cause=link("automation", 7, "通知居间人")).update(
                ctx.records[0]["broker"], {"name": "notified"}, conn=ctx.conn)
    rt.lifecycle.subscribe("after_update", note_on_broker, name="notify")
    alice = Actor(id=5, username="alice", is_admin=True)
    b = brokers.create({"name": "王五"})
    c = rt.records("demo", "client", alice).create({"name": "a", "broker": b["id"]})
    rt.records("demo", "client", alice).update(c["id"], {"equity": 10})
    with rt.engine.connect() as conn:
        client_entry = history(conn, "demo", "client", c["id"])[0]
        broker_entry = history(conn, "demo", "broker", b["id"])[0]
    assert client_entry["cause"] is None and "cause_text" not in client_entry   # alice's own write
    assert broker_entry["after"] == {"name": "notified"}
    assert broker_entry["cause"] == [{"kind": "user", "id": 5, "label": "alice"},
                                     {"kind": "automation", "id": 7, "label": "通知居间人"}]
    assert broker_entry["cause_text"] == {"zh": "由用户 alice → 自动化 通知居间人修改",
                                          "en": "by user alice → automation 通知居间人"}
    assert verify(rt.engine)["ok"]


def test_the_cause_is_hashed_only_when_set():
    entry = {"at": "2026-01-01T00:00:00", "action": "update", "record_id": 1}
    assert canonical(entry) == canonical({**entry, "cause": None})          # old entries keep their hash
    assert canonical({**entry, "cause": [link("import", 3)]}) != canonical(entry)


def test_a_handler_writing_in_a_loop_stops_at_the_limit_and_nothing_is_written(rt, caplog):
    svc = rt.records("demo", "broker")
    b = svc.create({"name": "a"})
    calls = []

    def again(ctx):
        if ctx.form.id == "broker":
            calls.append(len(ctx.cause))
            rt.records("demo", "broker").update(b["id"], {"name": f"n{len(calls)}"}, conn=ctx.conn)
    rt.lifecycle.subscribe("after_update", again, name="again")
    with caplog.at_level(logging.WARNING, logger="trellis.kernel.cause"), pytest.raises(CauseTooDeep) as err:
        svc.update(b["id"], {"name": "start"})
    limit = rt.max_cause_depth
    assert calls == list(range(1, limit + 1))
    chain = err.value.details["cause"]
    assert len(chain) == limit + 1 and chain[0]["kind"] == "system"
    assert all(c == {"kind": "handler", "id": "again", "label": "again"} for c in chain[1:])
    assert f"{limit}" in err.value.message["zh"] and "handler again" in err.value.message["en"]
    assert any("cause chain" in r.getMessage() for r in caplog.records)
    rt.lifecycle.unsubscribe("after_update", "again")
    got = svc.get(b["id"])
    assert got["name"] == "a" and got["version"] == 1                          # nothing half-written
    with rt.engine.connect() as conn:
        assert [e["action"] for e in history(conn, "demo", "broker", b["id"])] == ["create"]


def test_the_limit_is_the_runtimes(rt):
    rt.max_cause_depth = 1
    svc = rt.records("demo", "broker")
    b = svc.create({"name": "a"})
    rt.lifecycle.subscribe("after_update", lambda ctx: svc.update(b["id"], {"name": "c"}, conn=ctx.conn)
                           if ctx.records[0]["name"] == "b" else None, name="once")
    with pytest.raises(CauseTooDeep):
        svc.update(b["id"], {"name": "b"})
    assert svc.get(b["id"])["version"] == 1
    rt.max_cause_depth = 2
    assert svc.update(b["id"], {"name": "b"})["name"] == "c"       # the handler's write, one level down
    assert svc.get(b["id"])["version"] == 3
