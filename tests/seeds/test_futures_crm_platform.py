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
