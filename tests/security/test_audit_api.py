"""The audit log through Flask: login entries, a record's history and revert over the API,
the admin-only listing, and `trellis audit verify`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from samples import APP, BROKER, CLIENT, install
from trellis.storage import models as m

LOGIN = "/api/v1/security/login"
BASE = "/api/v1/apps/auditdemo/forms/client/records"


@pytest.fixture(scope="module")
def published(app):
    rt = app.extensions["trellis"]
    if rt.store.published("auditdemo", "app", "auditdemo") is None:
        install(rt, BROKER, CLIENT, app=dict(APP, id="auditdemo", forms=["broker", "client"]))
    return rt


def _entries(app, **where):
    a = m.audit
    q = sa.select(a).order_by(a.c.id)
    for k, v in where.items():
        q = q.where(a.c[k] == v)
    with app.extensions["trellis"].engine.connect() as conn:
        return [dict(r) for r in conn.execute(q).mappings()]


def _user(app, username, password) -> int:
    from trellis.web.extensions import appbuilder

    with app.app_context():
        sm = appbuilder.sm
        user = sm.find_user(username=username) or sm.add_user(
            username, "名", "姓", f"{username}@example.com", sm.find_role("Public"), password=password)
        return user.id


def _login(app, username, password, address="127.0.0.1"):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client.post(LOGIN, json={"username": username, "password": password, "provider": "db"})


def test_logins_and_failed_logins_are_audited(app):
    ok = _login(app, "admin", "admin-pass-1", "10.9.8.7")
    assert ok.status_code == 200
    bad = _login(app, "admin", "wrong-Secret-42", "10.9.8.6")
    assert bad.status_code == 401
    nobody = _login(app, "no-such-user", "wrong-Secret-43", "10.9.8.5")
    assert nobody.status_code == 401
    rows = {r["ip"]: r for r in _entries(app) if r["ip"] in ("10.9.8.7", "10.9.8.6", "10.9.8.5")}
    assert rows["10.9.8.7"]["action"] == "login" and rows["10.9.8.7"]["username"] == "admin"
    assert rows["10.9.8.7"]["user_id"] is not None
    assert rows["10.9.8.6"]["action"] == "login_failed" and rows["10.9.8.6"]["username"] == "admin"
    assert rows["10.9.8.5"]["action"] == "login_failed" and rows["10.9.8.5"]["username"] == "no-such-user"
    assert rows["10.9.8.5"]["user_id"] is None
    stored = json.dumps([_entries(app)], default=str, ensure_ascii=False)
    assert "wrong-Secret-42" not in stored and "admin-pass-1" not in stored


def test_history_and_revert_through_the_api(api, published, app):
    rec = api.post(BASE, json={"name": "历史", "equity": 100, "risk_level": "C1"}).get_json()
    other = api.post(BASE, json={"name": "另一个"}).get_json()
    api.patch(f"{BASE}/{rec['id']}", json={"equity": 300})
    api.patch(f"{BASE}/{rec['id']}", json={"risk_level": "C3"})
    r = api.get(f"{BASE}/{rec['id']}/history")
    assert r.status_code == 200
    items = r.get_json()["items"]
    assert [e["action"] for e in items] == ["update", "update", "create"]
    assert items[0]["before"] == {"risk_level": "C1"} and items[0]["after"] == {"risk_level": "C3"}
    assert items[1]["username"] == "admin" and items[1]["ip"] == "127.0.0.1" and items[1]["at"]

    r = api.post(f"{BASE}/{rec['id']}/history/{items[1]['id']}/revert")
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["equity"] == 100 and r.get_json()["risk_level"] == "C3"
    newest = api.get(f"{BASE}/{rec['id']}/history").get_json()["items"][0]
    assert newest["before"] == {"equity": 300} and newest["after"] == {"equity": 100}
    assert newest["note"] == f"revert of entry {items[1]['id']}" and newest["username"] == "admin"

    r = api.post(f"{BASE}/{other['id']}/history/{items[1]['id']}/revert")
    assert r.status_code == 404 and r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    assert api.get(f"{BASE}/{other['id']}").get_json()["name"] == "另一个"

    assert api.delete(f"{BASE}/{rec['id']}").status_code == 204
    deleted = api.get(f"{BASE}/{rec['id']}/history").get_json()["items"][0]
    assert deleted["action"] == "delete"
    r = api.post(f"{BASE}/{rec['id']}/history/{deleted['id']}/revert")
    assert r.status_code == 200 and api.get(f"{BASE}/{rec['id']}").status_code == 200
    assert api.get(f"{BASE}/999999/history").status_code == 404


def test_only_admins_list_the_log_or_read_others_history(api, published, app):
    rec = api.post(BASE, json={"name": "清单"}).get_json()
    for equity in (1, 2, 3):
        api.patch(f"{BASE}/{rec['id']}", json={"equity": equity})
    page = api.get("/api/v1/audit", query_string={"app": "auditdemo", "action": "update", "limit": 2}).get_json()
    assert len(page["items"]) == 2 and all(e["action"] == "update" for e in page["items"])
    assert page["items"][0]["id"] > page["items"][1]["id"] and page["next_before_id"] == page["items"][1]["id"]
    more = api.get("/api/v1/audit", query_string={"app": "auditdemo", "action": "update", "limit": 2,
                                                  "before_id": page["next_before_id"]}).get_json()
    assert more["items"][0]["id"] < page["items"][1]["id"]
    logins = api.get("/api/v1/audit", query_string={"action": "login"}).get_json()["items"]
    assert logins and all(e["action"] == "login" for e in logins)
    assert api.get("/api/v1/audit", query_string={"limit": "x"}).status_code == 400

    _user(app, "auditclerk", "Clerk-pass-2024")
    token = _login(app, "auditclerk", "Clerk-pass-2024", "10.9.7.1").get_json()["access_token"]
    clerk = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    r = clerk.get("/api/v1/audit", headers=headers)
    assert r.status_code == 403 and r.get_json()["code"] == "forbidden"
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    assert clerk.get(f"{BASE}/{rec['id']}/history", headers=headers).status_code == 403
    entry = api.get(f"{BASE}/{rec['id']}/history").get_json()["items"][0]
    r = clerk.post(f"{BASE}/{rec['id']}/history/{entry['id']}/revert", headers=headers)
    assert r.status_code == 403
    assert api.get(f"{BASE}/{rec['id']}").get_json()["equity"] == 3


def test_cli_verify(tmp_path):
    """`trellis audit verify` as a user runs it: exit 0 when intact, 1 (and why) when not."""
    from trellis.storage.database import make_engine
    from trellis.runtime import Runtime

    trellis = Path(sys.executable).parent / "trellis"
    if not trellis.exists():
        pytest.skip(f"the trellis command is not installed next to {sys.executable}")
    env = {k: v for k, v in os.environ.items() if k != "TRELLIS_DATABASE_URL"}
    env.update(TRELLIS_HOME=str(tmp_path), TRELLIS_ADMIN_PASSWORD="cli-pass-1")

    def run(*args):
        return subprocess.run([str(trellis), *args], env=env, capture_output=True, text=True, timeout=120)

    assert run("init").returncode == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'trellis.db'}")
    rt = Runtime(engine, ttl=0)
    install(rt, BROKER)
    for i in range(3):
        rt.records("demo", "broker").create({"name": f"居间{i}"})
    ok = run("audit", "verify")
    assert ok.returncode == 0 and "audit log intact" in ok.stdout and "审计日志完整" in ok.stdout
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER trellis_audit_no_update")
        conn.execute(m.audit.update().where(m.audit.c.action == "create").values(username="mallory"))
    engine.dispose()
    broken = run("audit", "verify")
    assert broken.returncode == 1
    assert "tampered" in broken.stderr and "被篡改" in broken.stderr and "was altered" in broken.stderr
