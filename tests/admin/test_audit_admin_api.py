"""The administrators' audit log (GET /api/v1/admin/audit, POST /api/v1/admin/audit/verify) on
a server of its own per database (SQLite and PostgreSQL): filters by user, app, form, record,
action and time, keyset pages, forms' labels and users' names; verifying the chain, intact and
then with a forged entry; refusals for non-administrators and bad parameters."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from admin_client import Client
from crm_app import ADMIN_PASSWORD, DEMO_PASSWORD
from served import served

from trellis.security.audit import entry_hash
from trellis.storage import models as m

LIST = "/api/v1/admin/audit"
VERIFY = "/api/v1/admin/audit/verify"
CLIENTS = "/api/v1/apps/futures_crm/forms/client/records"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def audit_site(request, tmp_path_factory):
    """(server address, its database URL, {"a": id, "b": id} of two clients the admin changed)."""
    home = tmp_path_factory.mktemp(f"audit_{request.param}")
    database = request.getfixturevalue("pg_database_module") if request.param == "postgresql" else None
    with served(home, 20, database) as base:
        admin = Client(base, "admin", ADMIN_PASSWORD)
        rows = admin.get(CLIENTS, params={"limit": 2, "sort": "id"}).json()["items"]
        ids = {"a": rows[0]["id"], "b": rows[1]["id"]}
        for key, level in (("a", "C5"), ("b", "C1")):
            assert admin.patch(f"{CLIENTS}/{ids[key]}", json={"risk_level": level, "remark": f"复核 {key}"}).ok
        assert admin.patch(f"{CLIENTS}/{ids['a']}", json={"remark": "再次复核"}).ok
        yield base, database or f"sqlite:///{home / 'trellis.db'}", ids


@pytest.fixture(scope="module")
def admin(audit_site) -> Client:
    return Client(audit_site[0], "admin", ADMIN_PASSWORD)


def _get(client: Client, **params) -> dict:
    r = client.get(LIST, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _user_id(client: Client, username: str) -> int:
    entry = _get(client, action="login", limit=1000)["items"]
    return next(e["user_id"] for e in entry if e["username"] == username)


def test_a_record_filter_gives_its_entries_with_labels_and_names(audit_site, admin):
    _base, _db, ids = audit_site
    page = _get(admin, app="futures_crm", form="client", record_id=ids["a"])
    assert [e["action"] for e in page["items"]] == ["update", "update"] and page["next_before_id"] is None
    latest, first = page["items"]
    assert first["after"]["risk_level"] == "C5" and first["before"]["risk_level"] != "C5"
    assert latest["after"] == {"remark": "再次复核"} and latest["before"] == {"remark": f"复核 a"}
    assert first["form_label"] == {"zh": "客户", "en": "Client"}
    assert first["user"]["username"] == "admin" and first["user"]["title"] == "系统管理员"
    assert latest["at"] >= first["at"] and latest["id"] > first["id"]


def test_user_action_and_form_filters(audit_site, admin):
    base, _db, ids = audit_site
    Client(base, "am0001", DEMO_PASSWORD)  # a sign-in: a "login" entry of theirs
    am = _user_id(admin, "am0001")
    mine = _get(admin, user_id=am)["items"]
    assert mine and {e["action"] for e in mine} == {"login"} and all(e["user"]["username"] == "am0001" for e in mine)
    updates = _get(admin, app="futures_crm", form="client", action="update")["items"]
    assert sorted(e["record_id"] for e in updates) == sorted([ids["a"], ids["a"], ids["b"]])
    assert _get(admin, app="futures_crm", form="ticket", action="update")["items"] == []
    assert _get(admin, app="no_such_app")["items"] == []
    published = _get(admin, app="futures_crm", action="definition.publish", limit=1000)["items"]
    assert "form:client" in {e["target"] for e in published} and all(e["form_label"] is None for e in published)


def test_time_range(admin):
    today = date.today()
    kw = {"app": "futures_crm", "form": "client", "action": "update"}
    assert len(_get(admin, since=today.isoformat(), **kw)["items"]) == 3
    assert len(_get(admin, until=today.isoformat(), **kw)["items"]) == 3  # a date alone: that day is in
    assert _get(admin, until=(today - timedelta(days=1)).isoformat(), **kw)["items"] == []
    later = (datetime.now().astimezone() + timedelta(hours=1)).isoformat(timespec="seconds")
    assert _get(admin, since=later, **kw)["items"] == []
    assert len(_get(admin, until=later, **kw)["items"]) == 3
    earlier = (datetime.now().astimezone() - timedelta(days=2)).isoformat(timespec="seconds")
    assert len(_get(admin, since=earlier, until=later, **kw)["items"]) == 3


def test_keyset_pages_walk_the_log_once(admin):
    everything = [e["id"] for e in _get(admin, limit=1000)["items"]]
    seen, before = [], None
    while True:
        page = _get(admin, limit=7, **({"before_id": before} if before else {}))
        seen += [e["id"] for e in page["items"]]
        before = page["next_before_id"]
        if before is None:
            break
    assert len(everything) > 7 and seen == everything == sorted(everything, reverse=True)


@pytest.mark.parametrize("params, name", [
    ({"since": "yesterday"}, "since"), ({"until": "2026-13-40"}, "until"), ({"record_id": "x"}, "record_id"),
    ({"user_id": "-1"}, "user_id"), ({"limit": "0"}, "limit"), ({"form": "f" * 65}, "form"),
    ({"since": "2026-12-02", "until": "2026-12-01"}, "until"),
])
def test_bad_parameters_are_named(admin, params, name):
    r = admin.get(LIST, params=params)
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["details"]["param"] == name and name in body["message"]["zh"] and name in body["message"]["en"]


def test_non_admins_are_refused(audit_site):
    base = audit_site[0]
    someone = Client(base, "am0001", DEMO_PASSWORD)
    anonymous = Client(base)
    for method, url in (("get", LIST), ("post", VERIFY)):
        r = getattr(someone, method)(url)
        assert r.status_code == 403 and "管理员" in r.json()["message"]["zh"]
        assert getattr(anonymous, method)(url).status_code == 401


def test_verify_an_intact_chain_then_a_forged_entry(audit_site, admin):
    """Last in the module: the forged row (the table takes INSERTs only) stays."""
    _base, database, ids = audit_site
    engine = sa.create_engine(database.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.connect() as conn:
            count, last = conn.execute(sa.select(sa.func.count(), sa.func.max(m.audit.c.id))).one()
        intact = admin.post(VERIFY).json()
        assert intact["ok"] is True and intact["first_broken"] is None
        assert intact["checked"] >= count and intact["last_id"] >= last and intact["elapsed_ms"] >= 0
        with engine.begin() as conn:
            top = conn.execute(sa.select(m.audit.c.id, m.audit.c.hash).order_by(m.audit.c.id.desc()).limit(1)).one()
            forged = {"id": top.id + 1, "at": datetime.now().replace(microsecond=0), "user_id": None,
                      "username": "mallory", "ip": None, "action": "update", "app": "futures_crm",
                      "target": "client", "record_id": ids["a"], "before": None, "after": None, "note": None}
            conn.execute(sa.insert(m.audit).values(**forged, prev_hash=top.hash,
                                                   hash=entry_hash(top.hash, forged)[::-1]))
    finally:
        engine.dispose()
    broken = admin.post(VERIFY).json()
    assert broken["ok"] is False and broken["first_broken"]["id"] == top.id + 1
    assert broken["first_broken"]["reason"]["code"] == "content_altered"
    assert str(top.id + 1) in broken["first_broken"]["reason"]["zh"]
    entry = broken["first_broken"]["entry"]
    assert entry["username"] == "mallory" and entry["form_label"] == {"zh": "客户", "en": "Client"}
