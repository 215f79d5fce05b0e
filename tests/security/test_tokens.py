"""API tokens: shown once, stored only as a hash, limited to apps, expired or revoked
(engine on SQLite and PostgreSQL), and used as `Authorization: Bearer trl_...` on the API."""
from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from samples import BROKER, install
from trellis.storage import models
from trellis.kernel.errors import BadRequest, NotFound, Unauthorized
from trellis.security import tokens

SHAPE = re.compile(r"^trl_[0-9a-f]{8}_[A-Za-z0-9_-]{32,}$")


def test_create_shows_the_secret_once_and_stores_its_hash(runtime):
    with runtime.transaction() as conn:
        row, plaintext = tokens.create(conn, 7, " 报表同步 ", ["crm", "crm", "hr"], None)
    assert SHAPE.match(plaintext)
    assert plaintext.startswith(f"trl_{row['prefix']}_") and row["display"] == f"trl_{row['prefix']}_…"
    assert row["name"] == "报表同步" and row["apps"] == ["crm", "hr"] and row["expires_at"] is None
    assert "token_hash" not in row and "token" not in row
    with runtime.engine.connect() as conn:
        stored = conn.execute(sa.select(models.api_token)).mappings().one()
        listed = tokens.list_tokens(conn, 7)
    assert stored["token_hash"] == hashlib.sha256(plaintext.encode()).hexdigest()
    assert all(plaintext not in str(v) and plaintext.split("_")[-1] not in str(v) for v in stored.values())
    assert [t["id"] for t in listed] == [row["id"]] and "token_hash" not in listed[0]
    with runtime.engine.connect() as conn:
        assert tokens.list_tokens(conn, 8) == []


def test_authenticate_unknown_revoked_expired(runtime):
    with runtime.transaction() as conn:
        row, plaintext = tokens.create(conn, 7, "ci", None, datetime.now() + timedelta(days=1))
        other, other_text = tokens.create(conn, 7, "old", ["crm"], datetime.now() + timedelta(days=1))
    with runtime.transaction() as conn:
        assert tokens.authenticate(conn, plaintext) == (7, None)
        assert tokens.authenticate(conn, other_text) == (7, ["crm"])
    with runtime.engine.connect() as conn:
        assert tokens.list_tokens(conn, 7)[0]["last_used_at"] is not None

    forged = f"trl_{row['prefix']}_{secrets.token_urlsafe(32)}"  # right prefix, wrong secret
    for bad in (forged, plaintext + "x", "trl_", "not-a-token", "trl_" + "a" * 500):
        with runtime.engine.connect() as conn, pytest.raises(Unauthorized) as e:
            tokens.authenticate(conn, bad)
        assert e.value.status == 401 and e.value.code == "token_unknown"

    with runtime.transaction() as conn:
        conn.execute(models.api_token.update().where(models.api_token.c.id == other["id"])
                     .values(expires_at=datetime.now() - timedelta(minutes=1)))
        with pytest.raises(Unauthorized) as e:
            tokens.authenticate(conn, other_text)
    assert e.value.code == "token_expired" and "过期" in e.value.message["zh"] and "expired" in e.value.message["en"]

    with runtime.transaction() as conn:
        first = tokens.revoke(conn, 7, row["id"])["revoked_at"]
        assert first and tokens.revoke(conn, 7, row["id"])["revoked_at"] == first
        with pytest.raises(NotFound):
            tokens.revoke(conn, 8, row["id"])  # someone else's token
        with pytest.raises(Unauthorized) as e:
            tokens.authenticate(conn, plaintext)
    assert e.value.code == "token_revoked" and "吊销" in e.value.message["zh"] and "revoked" in e.value.message["en"]


def test_create_validates(runtime):
    with runtime.transaction() as conn:
        for name, apps, expires in (("", None, None), ("x" * 101, None, None), ("ok", "crm", None),
                                    ("ok", [""], None), ("ok", None, datetime.now() - timedelta(seconds=1))):
            with pytest.raises(BadRequest):
                tokens.create(conn, 1, name, apps, expires)


# -- on the API -------------------------------------------------------------------------------

APP_KEY = "tokdemo"
APP = {"schema_version": 1, "id": APP_KEY, "label": {"zh": "令牌演示", "en": "Token demo"}, "forms": ["broker"]}
RECORDS = f"/api/v1/apps/{APP_KEY}/forms/broker/records"


@pytest.fixture(scope="module")
def published(app):
    rt = app.extensions["trellis"]
    if rt.store.published(APP_KEY, "form", "broker") is None:
        install(rt, BROKER, app=APP)
    return rt


def _bearer(plaintext):
    return {"Authorization": f"Bearer {plaintext}"}


def _user(app, username, password="Sesame-2024-x", active=True):
    from trellis.web.extensions import appbuilder

    with app.app_context():
        sm = appbuilder.sm
        user = sm.find_user(username=username) or sm.add_user(
            username, "名", "姓", f"{username}@example.com", sm.find_role("Public"), password=password)
        user.active = active
        sm.update_user(user)
        return user.id


def test_token_on_record_endpoints(app, api, published):
    client = app.test_client()
    r = api.post("/api/v1/tokens", json={"name": "sync", "apps": [APP_KEY], "expires_in_days": 30})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    plaintext = body["token"]
    assert SHAPE.match(plaintext) and body["apps"] == [APP_KEY] and body["expires_at"]
    listed = api.get("/api/v1/tokens").get_json()["items"]
    assert body["id"] in [t["id"] for t in listed]
    assert all("token" not in t and "token_hash" not in t for t in listed)

    created = client.post(RECORDS, json={"name": "令牌写入"}, headers=_bearer(plaintext))
    assert created.status_code == 201, created.get_json()
    with app.app_context():
        admin_id = app.appbuilder.sm.find_user(username="admin").id
    assert created.get_json()["created_by"] == admin_id
    assert client.get(RECORDS, headers=_bearer(plaintext)).status_code == 200

    # a token cannot manage tokens, even its own
    assert client.post("/api/v1/tokens", json={"name": "more"}, headers=_bearer(plaintext)).status_code == 403
    assert client.delete(f"/api/v1/tokens/{body['id']}", headers=_bearer(plaintext)).status_code == 403
    assert client.get("/api/v1/tokens", headers=_bearer(plaintext)).status_code == 200

    assert api.delete(f"/api/v1/tokens/{body['id']}").status_code == 204
    revoked = client.get(RECORDS, headers=_bearer(plaintext))
    assert revoked.status_code == 401 and revoked.get_json()["code"] == "token_revoked"
    assert api.delete("/api/v1/tokens/999999").status_code == 404


def test_token_scoped_to_another_app(app, api, published):
    plaintext = api.post("/api/v1/tokens", json={"name": "hr only", "apps": ["hr"]}).get_json()["token"]
    r = app.test_client().get(RECORDS, headers=_bearer(plaintext))
    assert r.status_code == 403
    assert r.get_json()["message"] == {"zh": f"此令牌无权访问应用 {APP_KEY}", "en": f"this token may not access app {APP_KEY}"}
    # endpoints outside any app still answer
    assert app.test_client().get("/api/v1/departments", headers=_bearer(plaintext)).status_code == 200


def test_expired_forged_and_inactive_tokens(app, api, published):
    client = app.test_client()
    soon = (datetime.now() + timedelta(hours=1)).isoformat(timespec="seconds")
    body = api.post("/api/v1/tokens", json={"name": "short", "apps": None, "expires_at": soon}).get_json()
    with published.engine.begin() as conn:
        conn.execute(models.api_token.update().where(models.api_token.c.id == body["id"])
                     .values(expires_at=datetime.now() - timedelta(seconds=5)))
    r = client.get(RECORDS, headers=_bearer(body["token"]))
    assert r.status_code == 401 and r.get_json()["code"] == "token_expired"

    forged = f"trl_{body['prefix']}_{secrets.token_urlsafe(32)}"
    r = client.get(RECORDS, headers=_bearer(forged))
    assert r.status_code == 401 and r.get_json()["code"] == "token_unknown"
    assert set(r.get_json()["message"]) == {"zh", "en"}

    tag = secrets.token_hex(3)
    uid = _user(app, f"bot_{tag}")
    login = client.post("/api/v1/security/login", json={"username": f"bot_{tag}", "password": "Sesame-2024-x",
                                                       "provider": "db"}).get_json()
    jwt = {"Authorization": f"Bearer {login['access_token']}"}
    r = client.post("/api/v1/tokens", json={"name": "mine"}, headers=jwt)
    assert r.status_code == 201
    mine = r.get_json()["token"]
    assert [t["name"] for t in client.get("/api/v1/tokens", headers=_bearer(mine)).get_json()["items"]] == ["mine"]
    ctx = client.get(f"/api/v1/users/{uid}/context", headers=_bearer(mine))
    assert ctx.status_code == 200 and ctx.get_json()["username"] == f"bot_{tag}"
    _user(app, f"bot_{tag}", active=False)
    assert client.get(f"/api/v1/users/{uid}/context", headers=_bearer(mine)).status_code == 401


def test_token_request_validation(api):
    for bad in ({"apps": None}, {"name": "x", "expires_in_days": 0}, {"name": "x", "expires_in_days": "3"},
                {"name": "x", "expires_at": "tomorrow"}, {"name": "x", "apps": "crm"},
                {"name": "x", "expires_in_days": 1, "expires_at": "2099-01-01T00:00:00"}, {"name": "x", "scope": 1},
                {"name": "x", "expires_at": "2001-01-01T00:00:00"}):
        r = api.post("/api/v1/tokens", json=bad)
        assert r.status_code == 400, (bad, r.get_json())
        assert set(r.get_json()["message"]) == {"zh", "en"}
