"""The futures CRM seed on the platform itself: every definition validates against the
meta-schemas and publishes, and the generator's rows load through the record service on
SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.meta import schemas
from trellis.meta.io import read_folder
from trellis.provision.seed import seed_app

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_every_seed_definition_validates(sqlite_runtime):
    app, items = read_folder(SEEDS / "futures_crm")
    assert schemas.schema_problems("app", app) == []
    for kind, body in items:
        problems = schemas.schema_problems(kind, body)
        if kind == "form":
            problems += schemas.field_problems(body["fields"], sqlite_runtime.registries.field_types)
        assert problems == [], (body["id"], problems)


def test_seed_loads_on_each_database(runtime):
    fab_models.User.metadata.create_all(runtime.engine)
    out = seed_app(runtime, str(SEEDS), "futures_crm", 300, progress=lambda *a: None, chunk=100)
    assert out["rows"]["client"] == 300 and out["rows"]["deposit"] > 0
    clients = runtime.records("futures_crm", "client")
    page = clients.list(filter={"in": [{"var": "risk_level"}, ["C3", "C4"]]}, sort="-equity", limit=5,
                        expand=["introducing_broker", "account_manager"], count="exact")
    assert page["count"] > 0 and page["items"][0]["account_manager"]["username"].startswith("am")
    assert page["items"][0]["client_code"]              # auto-numbers were filled
    new = clients.create({"name": "新客户", "mobile": "13912345678", "client_type": "individual",
                          "risk_level": "C2", "investor_type": "ordinary", "opened_at": "2026-07-01",
                          "status": "prospect"})
    assert new["id"] == 301                             # the id sequence moved past the seeded ids
    again = seed_app(runtime, str(SEEDS), "futures_crm", 0, progress=lambda *a: None)
    assert again["definitions"]["published"] == []      # re-importing the seed changes nothing
    with runtime.engine.connect() as conn:
        n = conn.execute(sa.text("select count(*) from futures_crm__trade_day")).scalar()
    assert n == out["rows"]["trade_day"]


def _hand_tier(c: dict) -> str:
    """The client tier table (seeds/futures_crm/decisions/client_tier.json) written by hand."""
    if c["last_trade_date"] is None or c["status"] in ("prospect", "closed"):
        return ""
    r, f, m = c["recency_days"], c["trade_days_90"], c["commission_90"] or 0
    e, k = c["equity"] or 0, c["complaints"] or 0
    if r > 180 or r > 30 and k >= 1:
        return "churn_risk"
    if r <= 30 and f >= 8 and e >= 1_000_000:
        return "hnw_active"
    if (r > 30 or f < 4) and e >= 500_000:
        return "low_freq_value"
    if r <= 30 and (f >= 4 and e >= 100_000 or m >= 20_000):
        return "growth"
    return "retail"


def test_seeded_rollups_and_tiers_are_what_the_rows_say(sqlite_engine):
    """Loaded on the data's own 'today': every client's rollups equal plain SQL aggregates of
    its rows, the formulas what they say, and the tier the hand-written classification."""
    import datetime as dt

    from trellis.kernel.simulated_clock import SimulatedClock
    from trellis.runtime import Runtime

    gen_ref = dt.date(2026, 6, 30)  # seeds/futures_crm/gen_tables.py REF_DATE
    rt = Runtime(sqlite_engine, ttl=0, clock=SimulatedClock(dt.datetime(2026, 6, 30, 12, 0)), timezone="UTC")
    fab_models.User.metadata.create_all(rt.engine)
    seed_app(rt, str(SEEDS), "futures_crm", 400, progress=lambda *a: None, chunk=150)
    clients = rt.records("futures_crm", "client").list(limit=1000, count="none")["items"]
    with rt.engine.connect() as conn:
        agg = {r.client: r for r in conn.execute(sa.text(
            "select client, min(trade_date) first, max(trade_date) last, "
            "sum(case when trade_date > :since then 1 else 0 end) n90, "
            "sum(case when trade_date > :since then commission else 0 end) c90 "
            "from futures_crm__trade_day where deleted_at is null group by client"),
            {"since": (gen_ref - dt.timedelta(days=90)).isoformat()})}
        complaints = dict(conn.execute(sa.text(
            "select client, count(*) from futures_crm__ticket where category = 'complaint' "
            "and deleted_at is null group by client")).all())
    assert len(clients) == 400
    for c in clients:
        a = agg.get(c["id"])
        assert c["first_trade_date"] == (str(a.first) if a else None)
        assert c["last_trade_date"] == (str(a.last) if a else None)
        assert c["trade_days_90"] == (a.n90 if a else 0)
        assert abs((c["commission_90"] or 0) - (float(a.c90) if a else 0)) < 0.01
        assert c["complaints"] == complaints.get(c["id"], 0)
        if a:
            assert c["recency_days"] == (gen_ref - dt.date.fromisoformat(str(a.last))).days
            assert c["days_to_first_trade"] == (dt.date.fromisoformat(str(a.first))
                                                - dt.date.fromisoformat(c["opened_at"])).days
        assert c["tier"] == _hand_tier(c), c["id"]
    tiers = {c["tier"] for c in clients}
    assert tiers >= {"hnw_active", "growth", "low_freq_value", "churn_risk", "retail"}
