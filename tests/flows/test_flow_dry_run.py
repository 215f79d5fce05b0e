"""Dry runs of flows over history: a threshold replayed from the audit log fires exactly
at the crossings, each with the clause that fired in Chinese; nothing is written (no run,
record, message or job); a record can be tested now; records loaded without audit count
as created then; field changes, dates and schedules replay too; on the seeded futures CRM
a margin threshold lists exactly the clients above it."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from flowkit import START, client, flow, make_runtime
from trellis.flows.calendar import to_wall
from trellis.flows.dry_run import dry_run
from trellis.kernel.actor import SYSTEM

RISK = {">": [{"var": "margin"}, 0.8]}
STEPS = [
    {"id": "tier", "type": "branch", "branches": [
        {"id": "big", "label": {"zh": "大客户", "en": "Big"}, "when": {">=": [{"var": "equity"}, 1000000]}, "steps": [
            {"id": "flag_big", "type": "set_variable", "name": "level", "value": "big"}]}],
     "default": {"steps": [{"id": "flag_small", "type": "set_variable", "name": "level", "value": "small"}]}},
    {"id": "pause", "type": "wait", "for": {"amount": 1, "unit": "days"}},
    {"id": "stop", "type": "end"},
]


def at(rt, hours: float):
    rt.clock.set(START + timedelta(hours=hours))


def counts(rt) -> dict:
    with rt.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        out = {n: conn.execute(sa.text(f'SELECT count(*) FROM "{n}"')).scalar() for n in names}
        out["client_versions"] = conn.execute(sa.text('SELECT sum(version) FROM "demo__client"')).scalar()
    return out


def risk_flow(**options):
    return flow("risk", {"type": "threshold", "condition": RISK}, STEPS, **options)


def test_a_threshold_replayed_from_the_audit_log_fires_at_each_crossing_and_writes_nothing(engine):
    rt = make_runtime(engine)
    svc = rt.records("demo", "client", SYSTEM)
    a = client(rt, name="甲", margin=0.5, equity=2000000)
    b = client(rt, name="乙", margin=0.9, equity=10)
    at(rt, 2)
    svc.update(a["id"], {"margin": 0.85})      # crosses: fires
    at(rt, 3)
    svc.update(a["id"], {"margin": 0.9})       # stays above: nothing
    at(rt, 4)
    svc.update(b["id"], {"margin": 0.95})      # above since before the window: nothing
    at(rt, 5)
    svc.update(a["id"], {"margin": 0.5})       # falls back: re-armed
    at(rt, 6)
    svc.update(a["id"], {"margin": 0.82})      # crosses again: fires
    at(rt, 7)
    svc.update(b["id"], {"margin": 0.3, "note": "平仓"})
    at(rt, 8)
    svc.update(b["id"], {"margin": 0.81})      # crosses: fires
    at(rt, 9)
    c = client(rt, name="丙", margin=0.99)      # created above: fires
    at(rt, 11)
    client(rt, name="丁", margin=0.99)          # after the window
    svc.delete(c["id"])
    before = counts(rt)
    report = dry_run(rt, "demo", risk_flow(), start=START + timedelta(hours=1), end=START + timedelta(hours=10))
    assert counts(rt) == before
    assert report["evaluated"] == 8 and report["fired"] == 4 and report["truncated"] is False
    got = [(i["record_id"], i["at"]) for i in report["items"]]
    assert got == [(a["id"], "2026-03-02T11:00:00"), (a["id"], "2026-03-02T15:00:00"),
                   (b["id"], "2026-03-02T17:00:00"), (c["id"], "2026-03-02T18:00:00")]
    first = report["items"][0]
    assert first["title"] == "甲" and first["event"] == "update"
    assert first["clauses"] == [{"zh": "保证金占用 (85%) 大于 0.8 ✓", "en": "Margin usage (85%) is greater than 0.8 ✓",
                                 "value": True}]
    assert first["explanation"]["zh"] == "达到阈值时:保证金占用 (85%) 大于 0.8 ✓"
    assert [x["node"] for x in first["actions"]] == ["tier", "flag_big", "pause", "stop"]
    assert "大客户" in first["actions"][0]["would"]["zh"]
    assert first["actions"][2]["would"] == {"zh": "等待 1 天", "en": "wait 1 days"}
    assert [x["node"] for x in report["items"][2]["actions"]] == ["tier", "flag_small", "pause", "stop"]
    assert report["items"][3]["event"] == "insert" and report["items"][3]["clauses"][0]["zh"].startswith(
        "保证金占用 (99%)")

    # the entry condition is explained too, and holds runs back
    gated = dry_run(rt, "demo", risk_flow(condition={"and": [{"==": [{"var": "note"}, "平仓"]}]}),
                    start=START + timedelta(hours=1), end=START + timedelta(hours=10))
    assert gated["fired"] == 1 and gated["held_back"] == 3
    assert gated["items"][0]["clauses"][1]["zh"] == "note (平仓) 等于 平仓 ✓".replace("note", "备注")
    # a limit keeps the count and says it cut the list
    cut = dry_run(rt, "demo", risk_flow(), start=START, end=START + timedelta(hours=10), limit=2)
    assert cut["fired"] == 5 and len(cut["items"]) == 2 and cut["truncated"] is True


def test_a_record_tested_now_and_records_loaded_without_audit(engine):
    rt = make_runtime(engine)
    svc = rt.records("demo", "client", SYSTEM)
    at(rt, 1)
    loaded = svc.bulk_create([{"name": "载入甲", "margin": 0.9}, {"name": "载入乙", "margin": 0.2}], audit=False)
    at(rt, 3)  # an import writes one audit entry for its rows: each row is a creation then
    imported = svc.bulk_create([{"name": "导入甲", "margin": 0.95}, {"name": "导入乙", "margin": 0.1}], audit="summary")
    at(rt, 30)
    report = dry_run(rt, "demo", risk_flow(), start=START, end=START + timedelta(days=1))
    assert [(i["record_id"], i["at"], i["event"]) for i in report["items"]] == [
        (loaded[0]["id"], "2026-03-02T10:00:00", "insert"), (imported[0]["id"], "2026-03-02T12:00:00", "insert")]
    assert report["evaluated"] == 4
    # loaded before the window: one state, above already, so no crossing
    later = dry_run(rt, "demo", risk_flow(), start=START + timedelta(hours=2), end=START + timedelta(hours=2.5))
    assert later["evaluated"] == 0 and later["items"] == []

    before = counts(rt)
    tested = dry_run(rt, "demo", risk_flow(), start=START, end=START, record_id=loaded[1]["id"])
    (item,) = tested["items"]
    assert tested["fired"] == 0 and item["passed"] is False and item["actions"] == []
    assert item["clauses"][0]["zh"] == "保证金占用 (20%) 大于 0.8 ✗"
    tested = dry_run(rt, "demo", risk_flow(), start=START, end=START, record_id=loaded[0]["id"])
    assert tested["fired"] == 1 and tested["items"][0]["at"] == "2026-03-03T15:00:00"
    assert [x["node"] for x in tested["items"][0]["actions"]] == ["tier", "flag_small", "pause", "stop"]
    assert counts(rt) == before
    with pytest.raises(Exception) as bad:
        dry_run(rt, "demo", risk_flow(), start=START, end=START, record_id=999999)
    assert getattr(bad.value, "status", None) == 404


def test_field_changes_dates_and_schedules_replay(sqlite_engine):
    rt = make_runtime(sqlite_engine)
    svc = rt.records("demo", "client", SYSTEM)
    a = client(rt, name="甲", risk_level="C1", opened_at="2026-03-05")
    at(rt, 2)
    svc.update(a["id"], {"risk_level": "C5"})
    at(rt, 3)
    svc.update(a["id"], {"risk_level": "C2", "opened_at": "2026-03-20"})
    changed = flow("lvl", {"type": "field_changed", "field": "risk_level", "to": "C5"}, [])
    report = dry_run(rt, "demo", changed, start=START, end=START + timedelta(days=1))
    assert report["evaluated"] == 3 and report["fired"] == 1
    assert report["items"][0]["clauses"][0]["zh"] == "风险等级 由 C1 改为 C5 ✓"
    updated = flow("upd", {"type": "record_updated", "fields": ["opened_at"]}, [])
    report = dry_run(rt, "demo", updated, start=START, end=START + timedelta(days=1))
    assert report["fired"] == 1 and report["items"][0]["clauses"][0]["zh"] == "修改了 开户日期、风险等级 ✓"
    # a day after the opening date, at 09:00 in Shanghai: the date it held then counts
    dated = flow("opened", {"type": "date_relative", "field": "opened_at", "offset": {"amount": 1, "unit": "days"}}, [])
    report = dry_run(rt, "demo", dated, start=START, end=START + timedelta(days=30))
    assert [i["info"]["value"] for i in report["items"]] == ["2026-03-20"]
    at(rt, 4)
    svc.bulk_create([{"name": "乙", "opened_at": "2026-03-10"}, {"name": "丙", "opened_at": "2027-01-01"}], audit=False)
    report = dry_run(rt, "demo", dated, start=START + timedelta(hours=5), end=START + timedelta(days=30))
    assert [i["info"]["value"] for i in report["items"]] == ["2026-03-10", "2026-03-20"]
    assert to_wall(datetime.fromisoformat(report["items"][0]["at"]), rt.timezone) == datetime(2026, 3, 11, 9, 0)
    # 09:30 on weekdays over one week, one run per record where the condition holds
    sched = flow("daily", {"type": "schedule", "cron": "30 9 * * 1-5",
                           "condition": {"==": [{"var": "risk_level"}, "C2"]}}, [])
    report = dry_run(rt, "demo", sched, start=START, end=START + timedelta(days=7))
    assert report["evaluated"] == 5 and report["fired"] == 5
    assert all(i["info"]["fire"].endswith("T09:30") for i in report["items"])  # the zone's wall clock
    with pytest.raises(Exception) as bad:
        dry_run(rt, "demo", flow("x", {"type": "nope"}, []), start=START, end=START + timedelta(days=1))
    assert getattr(bad.value, "status", None) == 400 and "nope" in bad.value.message["zh"]


def test_the_seeded_crm_lists_exactly_the_clients_above_the_margin_threshold(crm):
    rt = crm.extensions["trellis"]
    body = {"schema_version": 1, "id": "risk", "label": {"zh": "风险预警", "en": "Risk"}, "form": "client",
            "trigger": {"type": "threshold", "condition": {">": [{"var": "margin_ratio"}, 0.8]}},
            "steps": [{"id": "note", "type": "set_variable", "name": "warned", "value": True}]}
    with rt.engine.connect() as conn:
        expected = set(conn.execute(sa.text(
            "SELECT id FROM futures_crm__client WHERE margin_ratio > 0.8 AND deleted_at IS NULL")).scalars())
        first = conn.execute(sa.text("SELECT min(created_at) FROM futures_crm__client")).scalar()
    if isinstance(first, str):
        first = datetime.fromisoformat(first)
    report = dry_run(rt, "futures_crm", body, start=first - timedelta(seconds=1),
                     end=rt.clock.now() + timedelta(minutes=1), limit=1000)
    assert expected and {i["record_id"] for i in report["items"]} == expected
    assert report["fired"] == len(expected)
    for item in report["items"]:
        (clause,) = item["clauses"]
        assert clause["value"] is True and clause["zh"].startswith("保证金占用率 (") and clause["zh"].endswith(
            "大于 0.8 ✓")
        assert item["title"]
