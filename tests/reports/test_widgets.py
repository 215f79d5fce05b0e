"""Widget tiles of dashboards (the workbench) on both databases: my recent records come from
my own writes and only while I may still read them (a record moved out of my scope, or
deleted, disappears; other users' never appear), over HTTP too; widget settings are checked
when saving and publishing, each problem naming the tile's pointer; an administrator adds,
sets and removes widgets through the layout; each widget answers its content for the viewer
(shortcuts only to what they may use, the latest messages with the unread count); a
delivered snapshot of a dashboard with widgets lists their content and skips shortcuts."""
from __future__ import annotations

import pytest

from trellis.kernel.actor import SYSTEM
from trellis.kernel.errors import DefinitionInvalid, ValidationFailed
from trellis.reports import snapshot
from trellis.reports.widgets.recent import recent_records

APP = "demo"
WRITER = {"schema_version": 1, "id": "am", "label": {"zh": "客户经理", "en": "Account manager"},
          "forms": {"client": {"actions": ["read", "create", "update"],
                               "scope": {"==": [{"var": "manager"}, {"var": "$user.id"}]}, "fields": {"margin": "hidden"}}}}
KPI = {"schema_version": 1, "id": "clients_total", "label": {"zh": "客户总数", "en": "All clients"}, "form": "client",
       "measures": [{"id": "clients", "agg": "count", "label": {"zh": "客户数", "en": "Clients"}}], "chart": {"type": "kpi"}}
SHORTCUTS = {"type": "shortcuts", "items": [
    {"kind": "new", "target": "client", "label": {"zh": "新建客户", "en": "New client"}},
    {"kind": "form", "target": "client"}, {"kind": "form", "target": "deal"}, {"kind": "inbox"},
    {"kind": "report", "target": "clients_total"}]}
HOME = {"schema_version": 1, "id": "home", "label": {"zh": "我的工作台", "en": "My workbench"},
        "tiles": [{"id": "links", "widget": SHORTCUTS, "x": 0, "y": 0, "w": 12, "h": 2},
                  {"id": "total", "report": "clients_total", "x": 0, "y": 2, "w": 4, "h": 3},
                  {"id": "recent", "widget": {"type": "recent", "limit": 5}, "x": 4, "y": 2, "w": 4, "h": 5},
                  {"id": "news", "widget": {"type": "messages"}, "x": 8, "y": 2, "w": 4, "h": 5}]}


@pytest.fixture
def home(world):
    rt = world
    rt.store.save_draft(APP, "role", "am", WRITER)
    rt.publish(APP, "role", "am")
    rt.store.save_draft(APP, "report", "clients_total", KPI)
    rt.publish(APP, "report", "clients_total")
    rt.store.save_draft(APP, "dashboard", "home", HOME)
    rt.publish(APP, "dashboard", "home")
    return rt


def _client_of(rt, login: str) -> int:
    rows = rt.records(APP, "client", SYSTEM).list(filter={"==": [{"var": "manager"}, rt.ids[login]]}, limit=1)["items"]
    return rows[0]["id"]


def test_my_recent_records_are_mine_and_still_readable(home):
    rt = home
    ann, bob = rt.viewers["ann"], rt.viewers["bob"]
    older = _client_of(rt, "ann")
    rt.records(APP, "client", ann).update(older, {"equity": "123"})
    made = rt.records(APP, "client", ann).create({"name": "新客户甲", "risk_level": "C2", "manager": rt.ids["ann"]})
    theirs = rt.records(APP, "client", bob).create({"name": "别人的客户", "risk_level": "C1", "manager": rt.ids["bob"]})
    rt.records(APP, "client", ann).update(older, {"equity": "456"})    # changed again: once, first
    mine = recent_records(rt, ann, APP, 10)
    assert [(r["record"], r["action"]) for r in mine] == [(older, "update"), (made["id"], "create")]
    assert mine[1]["title"] == "新客户甲" and mine[1]["form_label"]["zh"] == "客户" and mine[1]["at"]
    assert [r["record"] for r in recent_records(rt, bob, APP, 10)] == [theirs["id"]]
    assert recent_records(rt, ann, APP, 1) == mine[:1] and recent_records(rt, ann, "other_app", 10) == []
    # moved out of ann's scope: gone from her recent records; deleted: gone too
    rt.records(APP, "client", SYSTEM).update(older, {"manager": rt.ids["bob"]})
    assert [r["record"] for r in recent_records(rt, ann, APP, 10)] == [made["id"]]
    rt.records(APP, "client", SYSTEM).delete(made["id"])
    assert recent_records(rt, ann, APP, 10) == []
    assert [r["record"] for r in recent_records(rt, bob, APP, 10)] == [theirs["id"]]


def test_widgets_answer_for_the_viewer(home):
    rt = home
    ann, admin = rt.viewers["ann"], SYSTEM
    page = rt.dashboards.view(APP, "home", ann)
    assert [(t["id"], t.get("widget", {}).get("type"), t["readable"]) for t in page["tiles"]] == [
        ("links", "shortcuts", True), ("total", None, True), ("recent", "recent", True), ("news", "messages", True)]
    assert page["tiles"][0]["title"] == {"zh": "快捷入口", "en": "Shortcuts"}
    links = rt.dashboards.tile(APP, "home", "links", ann)
    assert links["widget"] == "shortcuts"
    # ann may not read deals: that shortcut is not hers
    assert [(i["kind"], i["target"], i["href"]) for i in links["data"]["items"]] == [
        ("new", "client", "/apps/demo/forms/client"), ("form", "client", "/apps/demo/forms/client"),
        ("inbox", None, "/inbox"), ("report", "clients_total", "/apps/demo/reports/clients_total")]
    assert links["data"]["items"][0]["label"]["zh"] == "新建客户" and links["data"]["items"][1]["label"]["zh"] == "客户"
    assert len(rt.dashboards.tile(APP, "home", "links", admin)["data"]["items"]) == 5
    with rt.transaction() as conn:
        rt.notify.channels.save(conn, APP, "inapp", {"type": "inapp", "config": {}}, None, rt.clock.now())
    rt.notify.send(APP, {"id": "hello", "subject": {"zh": "你好"}, "body": {"zh": "第一条消息"}},
                   recipients=[{"user": rt.ids["ann"]}], only="inapp")
    rt.jobs.run_due()
    news = rt.dashboards.tile(APP, "home", "news", ann)["data"]
    assert news["unread"] == 1 and [(m["title"], m["read_at"]) for m in news["items"]] == [("你好", None)]
    assert rt.dashboards.tile(APP, "home", "news", rt.viewers["bob"])["data"] == {"items": [], "unread": 0}
    assert rt.dashboards.tile(APP, "home", "recent", ann)["data"] == {"items": []}


def _problems(call) -> dict:
    with pytest.raises(DefinitionInvalid) as bad:
        call()
    out = {p["pointer"]: p["code"] for p in bad.value.errors}
    assert all(p["pointer"] in p["message"]["en"] and p["message"]["zh"] for p in bad.value.errors)
    return out


def test_widget_settings_are_checked_naming_the_tile(home):
    rt = home
    bad = dict(HOME, tiles=[
        {"id": "a", "widget": {"type": "clock"}, "x": 0, "y": 0, "w": 2, "h": 2},
        {"id": "b", "widget": {"type": "recent", "limit": 0, "colour": "red"}, "x": 2, "y": 0, "w": 2, "h": 2},
        {"id": "c", "widget": {"type": "shortcuts", "items": [{"kind": "form"}, {"kind": "fax"}]}, "x": 4, "y": 0, "w": 2, "h": 2},
        {"id": "d", "report": "clients_total", "widget": {"type": "tasks"}, "x": 6, "y": 0, "w": 2, "h": 2},
        {"id": "e", "widget": {"type": "tasks", "scope": "world"}, "x": 8, "y": 0, "w": 2, "h": 2},
        {"id": "f", "widget": {"type": "messages", "unread": "yes"}, "x": 10, "y": 0, "w": 2, "h": 2},
        {"id": "g", "x": 0, "y": 2, "w": 2, "h": 2}])
    assert _problems(lambda: rt.store.save_draft(APP, "dashboard", "home", bad)) == {
        "/tiles/0/widget/type": "unknown_widget", "/tiles/1/widget/limit": "bad_limit",
        "/tiles/1/widget/colour": "unknown_setting", "/tiles/2/widget/items/0/target": "required",
        "/tiles/2/widget/items/1/kind": "malformed", "/tiles/3": "report_or_widget",
        "/tiles/4/widget/scope": "malformed", "/tiles/5/widget/unread": "malformed", "/tiles/6": "report_or_widget"}
    ghost = dict(HOME, tiles=[dict(HOME["tiles"][0], widget={"type": "shortcuts", "items": [{"kind": "form", "target": "ghost"}]}),
                              {"id": "pins", "widget": {"type": "dashboards", "items": ["nowhere"]}, "x": 0, "y": 2, "w": 4, "h": 2}])
    rt.store.save_draft(APP, "dashboard", "home", ghost)                         # the shape is right
    assert _problems(lambda: rt.publish(APP, "dashboard", "home")) == {      # what it names is not
        "/tiles/0/widget/items/0/target": "unknown_target", "/tiles/1/widget/items/0": "unknown_dashboard"}


def test_an_administrator_adds_sets_and_removes_widgets(home):
    rt = home
    admin, ann = SYSTEM, rt.viewers["ann"]
    before = rt.dashboards.view(APP, "home", admin)["version"]
    version = rt.dashboards.save_layout(APP, "home", admin, [
        {"id": "links", "x": 0, "y": 0, "w": 6, "h": 2},
        {"id": "recent", "widget": {"type": "recent", "limit": 3}},
        {"id": "todo", "x": 6, "y": 0, "w": 6, "h": 4, "widget": {"type": "tasks", "scope": "all"},
         "title": {"zh": "待办", "en": "To do"}}], remove=["news"])
    page = rt.dashboards.view(APP, "home", ann)
    assert version == before + 1 and [t["id"] for t in page["tiles"]] == ["links", "total", "recent", "todo"]
    assert page["tiles"][0]["w"] == 6 and page["tiles"][2]["widget"] == {"type": "recent", "limit": 3}
    assert page["tiles"][3]["title"]["zh"] == "待办"
    assert rt.dashboards.tile(APP, "home", "todo", ann)["data"] == {"items": [], "total": 0}
    with pytest.raises(DefinitionInvalid) as bad:                            # a bad new widget: nothing saved
        rt.dashboards.save_layout(APP, "home", admin, [{"id": "x", "x": 0, "y": 9, "w": 2, "h": 2,
                                                        "widget": {"type": "recent", "limit": 99}}])
    assert bad.value.errors[0]["pointer"] == "/tiles/4/widget/limit"
    with pytest.raises(ValidationFailed):
        rt.dashboards.save_layout(APP, "home", admin, [], remove=["nope"])
    with pytest.raises(DefinitionInvalid) as empty:                          # not the last tile
        rt.dashboards.save_layout(APP, "home", admin, [], remove=["links", "total", "recent", "todo"])
    assert empty.value.errors[0]["pointer"] == "/tiles"
    assert rt.dashboards.view(APP, "home", admin)["version"] == version


def test_a_snapshot_lists_the_widgets_and_skips_shortcuts(home):
    rt = home
    ann = rt.viewers["ann"]
    made = rt.records(APP, "client", ann).create({"name": "快照客户", "risk_level": "C2", "manager": rt.ids["ann"]})
    shot = snapshot.build(rt, APP, "home", ann, lang="zh")
    assert [t["id"] for t in shot.tiles] == ["total", "recent", "news"]
    assert "【最近记录】\n  · 客户 · 快照客户" in shot.text and "【最新消息】\n  暂无" in shot.text
    assert "<li>客户 · 快照客户</li>" in shot.html and "快捷入口" not in shot.html
    english = snapshot.build(rt, APP, "home", ann, lang="en")
    assert "[Recent records]" not in english.text and "【Recent records】\n  · Client · 快照客户" in english.text
    rt.records(APP, "client", SYSTEM).delete(made["id"])
    assert "快照客户" not in snapshot.build(rt, APP, "home", ann).text
