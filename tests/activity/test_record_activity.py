"""A record's 360 as its viewers see it (SQLite and PostgreSQL): the merged activity timeline
(order and paging by cursor; a related record outside the viewer's scope and a hidden field
never appear), related counts in the viewer's scope, key figures without hidden fields, and
comments whose @mentions reach the mentioned user's message center (a user who cannot read
the record cannot be mentioned: refused, nothing written, nobody notified)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from seeded_users import SEEDS, actor_of
from trellis.activity import related, summary, timeline
from trellis.activity.comments import Comments
from trellis.kernel.actor import SYSTEM, Actor
from trellis.kernel.errors import BadRequest, Forbidden, NotFound
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.provision.seed import seed_app
from trellis.runtime import Runtime
from trellis.storage import models as m

APP = "futures_crm"
START = datetime(2026, 12, 7, 10, 0, 0)


@pytest.fixture
def crm(engine, tmp_path):
    rt = Runtime(engine, ttl=0, files_dir=str(tmp_path / "files"), secret="test-instance-secret",
                 clock=SimulatedClock(START))
    fab_models.User.metadata.create_all(rt.engine)
    seed_app(rt, str(SEEDS), APP, 20, progress=lambda *a: None, chunk=50, flows=False)
    return rt


def _client_of(rt, who: Actor) -> int:
    t = rt.form(APP, "client").table
    with rt.engine.connect() as conn:
        return conn.execute(sa.select(t.c.id).where(t.c.account_manager == who.id).order_by(t.c.id).limit(1)).scalar_one()


def _page(rt, who, cid, **kw):
    with rt.engine.connect() as conn:
        return timeline.page(rt, rt.form(APP, "client"), cid, who, conn, **kw)


def _all(rt, who, cid, limit, **kw):
    items, before, pages = [], None, 0
    while True:
        p = _page(rt, who, cid, before=before, limit=limit, **kw)
        items += p["items"]
        pages += 1
        if not p["next"]:
            return items, pages
        before = p["next"]


def _tick(rt, seconds=60):
    rt.clock.advance(timedelta(seconds=seconds))


def _ticket(rt, who, cid, subject, **extra):
    return rt.records(APP, "ticket", who).create({"subject": subject, "client": cid, "channel": "app",
                                                  "category": "software", "opened_at": "2026-12-07T10:00:00", **extra})


def _story(rt, am, cid):
    """A change, a related ticket, a message about the client and a comment, a minute apart
    (the last two in the same second as a second change: ties ordered by source)."""
    clients = rt.records(APP, "client", am)
    clients.update(cid, {"remark": "电话回访:计划追加保证金"})
    _tick(rt)
    ticket = _ticket(rt, am, cid, "行情软件无法登录")
    _tick(rt)
    rt.notify.send(APP, {"id": "care", "subject": {"zh": "节日问候"}, "body": {"zh": "您好"}},
                   recipients=[{"user": am.id}], form="client", record=cid, urgency="low", only="inapp")
    _tick(rt)
    Comments(rt, APP, "client", cid, am).create({"text": "已电话沟通", "mentions": []})
    clients.update(cid, {"remark": "已追加保证金"})
    return ticket


def test_timeline_merges_sources_newest_first_and_pages(crm):
    am = actor_of(crm, "am0001")
    cid = _client_of(crm, am)
    ticket = _story(crm, am, cid)
    whole = _page(crm, am, cid, limit=100)
    assert whole["next"] is None
    types = [i["type"] for i in whole["items"]]
    # newest first; in the same second a comment comes before a change
    assert types[:5] == ["comment", "change", "message", "related", "change"], types
    stamps = [i["at"] for i in whole["items"]]
    assert stamps == sorted(stamps, reverse=True)
    assert whole["items"][3]["link"] == f"/apps/{APP}/forms/ticket/records/{ticket['id']}"
    assert whole["items"][3]["summary"]["zh"] == "新建了工单「行情软件无法登录」"
    assert whole["items"][4]["data"]["after"] == {"remark": "电话回访:计划追加保证金"}
    assert whole["items"][0]["actor"]["id"] == am.id and whole["items"][0]["actor"]["name"]
    # pages of 1 and 2 give the same items, each once
    for size in (1, 2):
        items, pages = _all(crm, am, cid, size)
        assert [i["id"] for i in items] == [i["id"] for i in whole["items"]]
        assert pages >= len(items) // size
    # filters by type
    only = _page(crm, am, cid, limit=100, types=["comment", "related"])["items"]
    assert [i["type"] for i in only] == ["comment", "related"]
    with pytest.raises(BadRequest) as bad:
        _page(crm, am, cid, types=["gossip"])
    assert bad.value.details == {"param": "types"}
    with pytest.raises(BadRequest) as bad:
        _page(crm, am, cid, before="yesterday")
    assert bad.value.details == {"param": "before"}


def test_timeline_keeps_out_what_the_viewer_may_not_see(crm):
    am, cs = actor_of(crm, "am0001"), actor_of(crm, "cs01")
    cid = _client_of(crm, am)
    clients = crm.records(APP, "client", SYSTEM)
    clients.update(cid, {"equity": 1234567.0})           # hidden from customer service
    _tick(crm)
    clients.update(cid, {"equity": 2345678.0, "remark": "大客户"})
    _tick(crm)
    # a ticket handled by someone else: outside the scope of a role that reads its own tickets
    other = actor_of(crm, "am0002")
    mine = _ticket(crm, SYSTEM, cid, "我的工单", assignee=cs.id)
    _tick(crm)
    theirs = _ticket(crm, SYSTEM, cid, "别人的工单", assignee=other.id)
    role = {"schema_version": 1, "id": "own_tickets", "label": {"zh": "本人工单", "en": "Own tickets"},
            "forms": {"client": {"actions": ["read"], "fields": {"equity": "hidden"}},
                      "ticket": {"actions": ["read"], "scope": {"==": [{"var": "assignee"}, {"var": "$user.id"}]}}}}
    crm.store.save_draft(APP, "role", "own_tickets", role)
    crm.publish(APP, "role", "own_tickets")
    viewer = Actor(id=cs.id, username="cs01", roles=(f"{APP}.own_tickets",))

    items = _page(crm, viewer, cid, limit=100)["items"]
    related_ids = {i["data"]["record"] for i in items if i["type"] == "related"}
    assert related_ids == {mine["id"]} and theirs["id"] not in related_ids
    changes = [i for i in items if i["type"] == "change"]
    assert len(changes) == 1  # the equity-only change is left out
    assert changes[0]["data"]["before"] == {"remark": None} and changes[0]["data"]["after"] == {"remark": "大客户"}
    assert "equity" not in str(items) and "客户权益" not in str(items)
    # the account manager sees both changes with their equity
    seen = [i for i in _page(crm, am, cid, limit=100)["items"] if i["type"] == "change"]
    assert [i["data"]["after"].get("equity") for i in seen] == [2345678.0, 1234567.0]
    # someone who may not read the client gets no timeline at all
    with pytest.raises((Forbidden, NotFound)):
        crm.records(APP, "client", other).get(cid)


def test_related_counts_in_the_viewers_scope(crm):
    am, cs = actor_of(crm, "am0001"), actor_of(crm, "cs01")
    cid = _client_of(crm, am)
    _ticket(crm, am, cid, "一")
    _ticket(crm, am, cid, "二")
    with crm.engine.connect() as conn:
        mine = {i["form"]: i["count"] for i in related.counts(crm, APP, "client", cid, am, conn)}
        theirs = {i["form"]: i["count"] for i in related.counts(crm, APP, "client", cid, cs, conn)}
        for form, n in mine.items():
            t = crm.form(APP, form).table
            assert n == conn.execute(sa.select(sa.func.count()).where(t.c.client == cid, t.c.deleted_at.is_(None))).scalar()
    assert set(mine) == {"deposit", "trade_day", "ticket", "follow_up", "pnl_event", "survey"}
    assert mine["ticket"] >= 2
    # customer service reads tickets, follow-ups and surveys, not deposits or trades
    assert set(theirs) == {"ticket", "follow_up", "survey"} and theirs["ticket"] == mine["ticket"]
    crm.records(APP, "ticket", SYSTEM).delete(_ticket(crm, am, cid, "三")["id"])
    with crm.engine.connect() as conn:
        again = {i["form"]: i["count"] for i in related.counts(crm, APP, "client", cid, am, conn)}
    assert again["ticket"] == mine["ticket"]


def test_key_figures_leave_out_hidden_fields(crm):
    am, cs = actor_of(crm, "am0001"), actor_of(crm, "cs01")
    cid = _client_of(crm, am)
    model = crm.form(APP, "client")
    _ticket(crm, am, cid, "未结")
    done = _ticket(crm, am, cid, "已结")
    crm.records(APP, "ticket", SYSTEM).update(done["id"], {"status": "closed"})
    crm.records(APP, "trade_day", SYSTEM).create({"client": cid, "trade_date": "2026-12-03", "product": "rb",
                                                 "lots": 3, "pnl": 1500.5})
    crm.records(APP, "trade_day", SYSTEM).create({"client": cid, "trade_date": "2026-11-28", "product": "rb",
                                                 "lots": 1, "pnl": -99999.0})  # last month: not counted

    def figures(who):
        record = crm.records(APP, "client", who).get(cid)
        with crm.engine.connect() as conn:
            return {f["key"]: f for f in summary.figures(crm, model, record, who, conn)}

    full = figures(am)
    assert list(full) == ["equity", "month_pnl", "tier", "open_tickets", "last_contact"]
    with crm.engine.connect() as conn:
        t = crm.form(APP, "trade_day").table
        want = conn.execute(sa.select(sa.func.sum(t.c.pnl)).where(t.c.client == cid, t.c.trade_date >= date(2026, 12, 1),
                                                                  t.c.deleted_at.is_(None))).scalar()
        tk = crm.form(APP, "ticket").table
        open_n = conn.execute(sa.select(sa.func.count()).where(tk.c.client == cid, tk.c.deleted_at.is_(None),
                                                               tk.c.status.in_(["new", "in_progress", "pending_client"]))).scalar()
    assert full["month_pnl"]["value"] == pytest.approx(float(want)) and full["month_pnl"]["field"]["type"] == "money"
    assert full["open_tickets"]["value"] == open_n >= 1
    assert full["open_tickets"]["related"] == {"form": "ticket", "field": "client"}
    assert full["tier"]["field"]["options"] and "logic" not in full["tier"]["field"]
    assert full["last_contact"]["field"]["type"] == "datetime"
    # customer service may not see equity nor read trades: those figures are not sent
    seen = figures(cs)
    assert "equity" not in seen and "month_pnl" not in seen
    assert set(seen) == {"tier", "open_tickets", "last_contact"}


def _inbox(rt, user_id):
    with rt.engine.connect() as conn:
        return conn.execute(sa.select(m.inbox).where(m.inbox.c.user_id == user_id)).mappings().all()


def test_comments_and_mentions(crm):
    am, cs, other = actor_of(crm, "am0001"), actor_of(crm, "cs01"), actor_of(crm, "am0002")
    cid = _client_of(crm, am)
    comments = Comments(crm, APP, "client", cid, am)
    made = comments.create({"text": "  请客服跟进 @林小雨  ", "mentions": [cs.id, cs.id, am.id]})
    assert made["text"] == "请客服跟进 @林小雨" and [p["id"] for p in made["mentions"]] == [cs.id, am.id]
    crm.jobs.run_due()
    got = _inbox(crm, cs.id)
    assert len(got) == 1 and got[0]["record"] == cid and got[0]["form"] == "client"
    assert "提到了你" in got[0]["title"] and "请客服跟进" in got[0]["body"]
    assert f"/apps/{APP}/forms/client/records/{cid}" in got[0]["body"]
    assert _inbox(crm, am.id) == []  # the writer is not told about their own mention

    # refusals: nothing written, nobody told
    def refused(body, field, code, who=am):
        with pytest.raises(BadRequest) as bad:
            Comments(crm, APP, "client", cid, who).create(body)
        assert bad.value.details["field"] == field and bad.value.code == code
        assert bad.value.message["zh"] and bad.value.message["en"]
    refused({"text": "看一下", "mentions": [other.id]}, "mentions", "mention_unreadable")
    refused({"text": "看一下", "mentions": [987654]}, "mentions", "unknown_user")
    refused({"text": "   "}, "text", "invalid")
    refused({"text": "长" * 2001}, "text", "too_long")
    refused({"text": "x", "mentions": "cs01"}, "mentions", "malformed")
    refused({"text": "x", "mentions": list(range(1, 30))}, "mentions", "too_many")
    crm.jobs.run_due()
    assert _inbox(crm, other.id) == [] and len(_inbox(crm, cs.id)) == 1
    assert len(comments.listing()) == 1
    # someone who may not read the client cannot comment on it or list its comments
    with pytest.raises((Forbidden, NotFound)):
        Comments(crm, APP, "client", cid, other).create({"text": "hi"})
    with pytest.raises((Forbidden, NotFound)):
        Comments(crm, APP, "client", cid, other).listing()

    # edit: own only; a newly mentioned reader is told, one already told is not told again
    risk = actor_of(crm, "risk01")
    with pytest.raises(Forbidden):
        Comments(crm, APP, "client", cid, cs).edit(made["id"], {"text": "改"})
    edited = comments.edit(made["id"], {"text": "请客服和风控跟进", "mentions": [cs.id, risk.id]})
    assert edited["edited_at"] and edited["text"] == "请客服和风控跟进"
    crm.jobs.run_due()
    assert len(_inbox(crm, cs.id)) == 1 and len(_inbox(crm, risk.id)) == 1
    # delete: own (or an administrator's); audited
    with pytest.raises(Forbidden):
        Comments(crm, APP, "client", cid, cs).delete(made["id"])
    comments.delete(made["id"])
    assert comments.listing() == []
    with pytest.raises(NotFound):
        comments.delete(made["id"])
    with crm.engine.connect() as conn:
        actions = conn.execute(sa.select(m.audit.c.action).where(m.audit.c.target == "client", m.audit.c.record_id == cid,
                                                                 m.audit.c.action.like("comment%"))
                               .order_by(m.audit.c.id)).scalars().all()
    assert actions == ["comment", "comment_edit", "comment_delete"]
