"""The reports' world: the demo app (brokers, clients, deals), an account-manager role that
sees only its own clients and not their margin, two managers (ann, bob) and 60 clients
spread over the months of 2026, on each database, read from the database itself and from the
columnar replica (where no report may fall back to the database)."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from flask_appbuilder.security.sqla import models as fab_models

from samples import APP, BROKER, CLIENT, DEAL, install
from trellis.imports.batches import actor_for
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.reports.replica import ColumnarReplica
from trellis.runtime import Runtime
from trellis.security.roles import fab_role_name

MANAGER_ROLE = {"schema_version": 1, "id": "am", "label": {"zh": "客户经理", "en": "Account manager"},
                "forms": {"client": {"actions": ["read"], "scope": {"==": [{"var": "manager"}, {"var": "$user.id"}]},
                                     "fields": {"margin": "hidden"}}}}
RISK = ["C1", "C2", "C3", "C4", "C5"]


@pytest.fixture(params=["main", "columnar"])
def world(engine, request):
    rt = Runtime(engine, ttl=0, secret="test-instance-secret", clock=SimulatedClock(datetime(2026, 12, 7, 9, 0)))
    install(rt, BROKER, CLIENT, DEAL, app=APP)
    rt.store.save_draft("demo", "role", "am", MANAGER_ROLE)
    rt.publish("demo", "role", "am")
    fab_models.User.metadata.create_all(rt.engine)
    users, roles, link = fab_models.User.__table__, fab_models.Role.__table__, fab_models.assoc_user_role
    ids = {}
    with rt.engine.begin() as conn:
        role = conn.execute(roles.insert().values(name=fab_role_name("demo", "am")).returning(roles.c.id)).scalar_one()
        for login in ("ann", "bob"):
            ids[login] = conn.execute(users.insert().values(username=login, first_name=login, last_name="",
                                                            email=f"{login}@example.com", active=True, password="x")
                                      .returning(users.c.id)).scalar_one()
            conn.execute(link.insert().values(user_id=ids[login], role_id=role))
    rt.directory._users = None
    rows = []
    for i in range(60):
        rows.append({"name": f"客户{i}", "risk_level": RISK[i % 5], "equity": str(1000 * (i % 7) + i),
                     "margin": i % 9 / 10, "opened_at": date(2026, 1 + i % 12, 1 + i % 27).isoformat(),
                     "manager": ids["ann"] if i % 3 else ids["bob"]})
    rt.records("demo", "client", SYSTEM).bulk_create(rows)
    with rt.engine.connect() as conn:
        rt.viewers = {u: actor_for(conn, ids[u], u) for u in ids}
    rt.ids = ids
    if request.param == "columnar":  # every report read from the columnar replica, small forms too
        rt.reports.replica = ColumnarReplica(rt.engine, rt.reports.cache, min_rows=0)
        rt.reports.replica.prefer_index = False
    yield rt
    if request.param == "columnar":
        assert rt.reports.replica.refused == [], rt.reports.replica.refused

