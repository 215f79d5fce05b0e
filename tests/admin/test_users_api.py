"""User administration on SQLite and PostgreSQL, through a real server: the list and its
filters, creating (a generated password answered once, to be changed at first sign-in),
changing, deactivating (the JWT, the session cookie and the API token of the user stop at
once), resetting passwords, one's own password and language, and every refusal."""
from __future__ import annotations

import secrets

import pytest

from admin_client import Client
from crm_app import DEMO_PASSWORD

ROLE_AM = "futures_crm.account_manager"


def _name() -> str:
    return f"u{secrets.token_hex(4)}"


def _dept(admin, code: str) -> int:
    def walk(nodes):
        for n in nodes:
            yield n
            yield from walk(n["children"])
    return next(d["id"] for d in walk(admin.get("/api/v1/departments").json()["items"]) if d["code"] == code)


def _fields(r) -> dict:
    return {e["field"]: e["code"] for e in r.json().get("errors", [])}


def test_create_list_and_first_sign_in(admin, as_user, server):
    sh = _dept(admin, "sh")
    username = _name()
    r = admin.post("/api/v1/admin/users", json={"username": username, "name": "李晓明", "email": f"{username}@example.com",
                                                "departments": [sh], "roles": [ROLE_AM]})
    assert r.status_code == 201, r.text
    user = r.json()
    password = user["initial_password"]
    assert len(password) >= 10 and user["must_change_password"] is True
    assert user["departments"][0]["id"] == sh and user["departments"][0]["is_primary"]
    assert user["roles"] == [ROLE_AM] and user["active"] and user["email"] == f"{username}@example.com"
    assert "initial_password" not in admin.get(f"/api/v1/admin/users/{user['id']}").json()  # answered once

    listed = admin.get("/api/v1/admin/users", params={"q": "晓明"}).json()
    assert user["id"] in [u["id"] for u in listed["items"]] and listed["total"] >= 1
    assert all("晓明" in u["name"] or "晓明" in u["username"] for u in listed["items"])
    in_branch = admin.get("/api/v1/admin/users", params={"department": _dept(admin, "branches"), "limit": 200}).json()
    assert user["id"] in [u["id"] for u in in_branch["items"]]  # a department includes its sub-departments
    assert all(any(d["id"] != _dept(admin, "cs") for d in u["departments"]) for u in in_branch["items"])
    by_role = admin.get("/api/v1/admin/users", params={"role": ROLE_AM, "limit": 200}).json()
    assert user["id"] in [u["id"] for u in by_role["items"]] and all(ROLE_AM in u["roles"] for u in by_role["items"])
    paged = admin.get("/api/v1/admin/users", params={"limit": 2, "offset": 1}).json()
    assert len(paged["items"]) == 2 and paged["total"] > 2

    me = as_user(username, password)
    assert me.get("/api/v1/me/preferences").json() == {"language": None, "must_change_password": True}
    assert me.get("/api/v1/apps/futures_crm/forms/client/records").status_code == 200  # the role works
    r = me.post("/api/v1/me/password", json={"current": password, "new": "NewSecret2026"})
    assert r.status_code == 204, r.text
    assert me.get("/api/v1/me/preferences").json()["must_change_password"] is False
    as_user(username, "NewSecret2026")


def test_no_email_is_allowed_and_answered_as_null(admin):
    r = admin.post("/api/v1/admin/users", json={"username": _name(), "name": "王五"})
    assert r.status_code == 201, r.text
    assert r.json()["email"] is None and r.json()["roles"] == [] and r.json()["departments"] == []


def test_create_refusals_name_their_fields(admin, as_user):
    taken = _name()
    assert admin.post("/api/v1/admin/users", json={"username": taken, "name": "甲", "email": f"{taken}@x.cn"}).ok
    cases = [
        ({"username": taken.upper(), "name": "乙"}, {"username": "duplicate"}),
        ({"username": _name(), "name": "乙", "email": f"{taken}@x.cn"}, {"email": "duplicate"}),
        ({"username": _name(), "name": "乙", "email": "not-an-email"}, {"email": "format"}),
        ({"username": _name(), "name": "乙", "roles": ["futures_crm.nobody"]}, {"roles": "unknown"}),
        ({"username": _name(), "name": "乙", "roles": "Admin"}, {"roles": "type"}),
        ({"username": _name(), "name": "乙", "departments": [987654]}, {"departments": "unknown"}),
        ({"username": _name(), "name": "乙", "departments": ["sh"]}, {"departments": "type"}),
        ({"username": _name(), "name": "  "}, {"name": "required"}),
        ({"username": "a b", "name": "乙"}, {"username": "format"}),
        ({"name": "乙"}, {"username": "required"}),
        ({"username": _name(), "name": "乙", "password": "short1"}, {"password": "weak_password"}),
        ({"username": _name(), "name": "乙", "colour": "red"}, {"colour": "unknown"}),
        ({"username": _name(), "name": "x" * 65}, {"name": "too_long"}),
    ]
    for body, expected in cases:
        r = admin.post("/api/v1/admin/users", json=body)
        assert r.status_code == 422, (body, r.text)
        assert _fields(r) == expected, (body, r.json())
        assert r.json()["message"]["zh"] and r.json()["message"]["en"]
    assert admin.post("/api/v1/admin/users", json=[1]).status_code == 422
    assert admin.post("/api/v1/admin/users", data="x", headers={"Content-Type": "application/json"}).status_code == 400
    # several problems at once, nothing written
    r = admin.post("/api/v1/admin/users", json={"username": taken, "name": "", "email": "bad"})
    assert set(_fields(r)) == {"username", "name", "email"}
    am = as_user("am0001", DEMO_PASSWORD)
    for method, url in (("GET", "/api/v1/admin/users"), ("POST", "/api/v1/admin/users"),
                        ("PATCH", "/api/v1/admin/users/1"), ("POST", "/api/v1/admin/users/1/password"),
                        ("GET", "/api/v1/admin/tokens"), ("GET", "/api/v1/admin/roles")):
        assert am.call(method, url, json={"username": _name(), "name": "x"}).status_code == 403, (method, url)


def test_change_roles_departments_and_own_account(admin):
    uid = admin.post("/api/v1/admin/users", json={"username": _name(), "name": "赵六"}).json()["id"]
    sh, bj = _dept(admin, "sh"), _dept(admin, "bj")
    r = admin.patch(f"/api/v1/admin/users/{uid}", json={"name": "赵六六", "departments": [bj, sh], "roles": [ROLE_AM],
                                                         "email": "zl@example.com"})
    assert r.status_code == 200, r.text
    u = r.json()
    assert u["name"] == "赵六六" and [d["id"] for d in u["departments"]] == [bj, sh] and u["departments"][0]["is_primary"]
    assert u["roles"] == [ROLE_AM] and u["email"] == "zl@example.com"
    u = admin.patch(f"/api/v1/admin/users/{uid}", json={"departments": [], "roles": [], "email": None}).json()
    assert u["departments"] == [] and u["roles"] == [] and u["email"] is None
    for body, field in (({"active": "no"}, "active"), ({"roles": ["Nope"]}, "roles"), ({"username": "x"}, "username"),
                        ({"departments": [1, "x"]}, "departments"), ({"name": None}, "name")):
        r = admin.patch(f"/api/v1/admin/users/{uid}", json=body)
        assert r.status_code == 422 and field in _fields(r), (body, r.text)
    assert admin.patch("/api/v1/admin/users/999999", json={"name": "x"}).status_code == 404

    me = admin.get("/api/v1/me").json()["id"]
    r = admin.patch(f"/api/v1/admin/users/{me}", json={"active": False})
    assert r.status_code == 403 and r.json()["code"] == "own_account" and "停用" in r.json()["message"]["zh"]
    r = admin.patch(f"/api/v1/admin/users/{me}", json={"roles": [ROLE_AM]})
    assert r.status_code == 403 and r.json()["details"]["field"] == "roles"
    r = admin.post(f"/api/v1/admin/users/{me}/password", json={})
    assert r.status_code == 403 and r.json()["code"] == "own_account"
    assert admin.get(f"/api/v1/admin/users/{me}").json()["active"] is True
    assert "Admin" in admin.get(f"/api/v1/admin/users/{me}").json()["roles"]


def test_deactivation_stops_jwt_session_and_token_at_once(admin, as_user, server):
    username, password = _name(), "Start2026pass"
    uid = admin.post("/api/v1/admin/users", json={"username": username, "name": "钱七", "password": password,
                                                  "roles": [ROLE_AM]}).json()["id"]
    jwt = as_user(username, password)
    assert jwt.get("/api/v1/me").status_code == 200
    token = jwt.post("/api/v1/tokens", json={"name": "sync"}).json()["token"]
    bearer = Client(server)
    bearer.http.headers["Authorization"] = f"Bearer {token}"
    cookie = Client(server)
    assert cookie.cookie_login(username, password).status_code in (302, 303)
    for c in (jwt, bearer, cookie):
        assert c.get("/api/v1/me").status_code == 200

    r = admin.patch(f"/api/v1/admin/users/{uid}", json={"active": False})
    assert r.status_code == 200 and r.json()["active"] is False
    for c in (jwt, bearer, cookie):
        assert c.get("/api/v1/me").status_code == 401
        assert c.get("/api/v1/apps/futures_crm/forms/client/records").status_code == 401
    fresh = Client(server).http.post(f"{server}/api/v1/security/login",
                                     json={"username": username, "password": password, "provider": "db"})
    assert fresh.status_code == 401
    inactive = admin.get("/api/v1/admin/users", params={"active": "false", "q": username}).json()["items"]
    assert [u["id"] for u in inactive] == [uid]

    assert admin.patch(f"/api/v1/admin/users/{uid}", json={"active": True}).json()["active"] is True
    for c in (jwt, bearer):
        assert c.get("/api/v1/me").status_code == 200


def test_reset_password(admin, as_user):
    username = _name()
    created = admin.post("/api/v1/admin/users", json={"username": username, "name": "孙八"}).json()
    as_user(username, created["initial_password"])
    r = admin.post(f"/api/v1/admin/users/{created['id']}/password")
    assert r.status_code == 200, r.text
    new = r.json()["password"]
    assert new and new != created["initial_password"] and r.json()["must_change_password"] is True
    as_user(username, new)
    with pytest.raises(AssertionError):
        as_user(username, created["initial_password"])
    r = admin.post(f"/api/v1/admin/users/{created['id']}/password", json={"password": "Chosen2026x",
                                                                          "must_change_password": False})
    assert r.json()["password"] is None
    assert as_user(username, "Chosen2026x").get("/api/v1/me/preferences").json()["must_change_password"] is False
    r = admin.post(f"/api/v1/admin/users/{created['id']}/password", json={"password": "weak"})
    assert r.status_code == 422 and "password" in _fields(r)
    assert admin.post(f"/api/v1/admin/users/{created['id']}/password", json={"x": 1}).status_code == 400
    assert admin.post("/api/v1/admin/users/999999/password").status_code == 404


def test_own_password_and_language(admin, as_user):
    username = _name()
    created = admin.post("/api/v1/admin/users", json={"username": username, "name": "周九",
                                                      "password": "Mine2026pass"}).json()
    me = as_user(username, "Mine2026pass")
    for body, field in (({"current": "wrong-one-1", "new": "Other2026pass"}, "current"),
                        ({"current": "Mine2026pass", "new": "short"}, "new"),
                        ({"current": "Mine2026pass", "new": f"{username}2026x"}, "new"),
                        ({"current": "Mine2026pass", "new": "Mine2026pass"}, "new"),
                        ({"current": "Mine2026pass"}, "new"),
                        ({"current": "Mine2026pass", "new": "Other2026pass", "x": 1}, "x")):
        r = me.post("/api/v1/me/password", json=body)
        assert r.status_code == 422 and field in _fields(r), (body, r.text)
    as_user(username, "Mine2026pass")  # unchanged by the refusals
    assert me.get("/api/v1/me/preferences").json()["language"] is None
    assert me.put("/api/v1/me/preferences", json={"language": "en"}).json()["language"] == "en"
    assert as_user(username, "Mine2026pass").get("/api/v1/me/preferences").json()["language"] == "en"
    for body in ({"language": "fr"}, {"language": None}, {"theme": "dark", "language": "zh"}, ["en"]):
        assert me.put("/api/v1/me/preferences", json=body).status_code == 422, body
    assert me.get("/api/v1/me/preferences").json()["language"] == "en"
    token = me.post("/api/v1/tokens", json={"name": "t"}).json()["token"]
    me.http.headers["Authorization"] = f"Bearer {token}"
    r = me.post("/api/v1/me/password", json={"current": "Mine2026pass", "new": "Other2026pass"})
    assert r.status_code == 403 and r.json()["code"] == "token_forbidden"
    assert created["id"]


def test_admin_lists_and_revokes_everyones_tokens(admin, as_user, server):
    am = as_user("am0001", DEMO_PASSWORD)
    made = am.post("/api/v1/tokens", json={"name": "am-sync", "expires_in_days": 30}).json()
    items = admin.get("/api/v1/admin/tokens").json()["items"]
    mine = next(t for t in items if t["id"] == made["id"])
    assert mine["username"] == "am0001" and mine["user_name"] and "token" not in mine and "token_hash" not in mine
    only = admin.get("/api/v1/admin/tokens", params={"user_id": mine["user_id"]}).json()["items"]
    assert {t["user_id"] for t in only} == {mine["user_id"]}
    assert admin.delete(f"/api/v1/admin/tokens/{made['id']}").status_code == 204
    revoked = admin.get("/api/v1/admin/tokens", params={"active": "false"}).json()["items"]
    assert made["id"] in [t["id"] for t in revoked]
    assert made["id"] not in [t["id"] for t in admin.get("/api/v1/admin/tokens", params={"active": "true"}).json()["items"]]
    c = Client(server)
    c.http.headers["Authorization"] = f"Bearer {made['token']}"
    assert c.get("/api/v1/me").status_code == 401
    assert admin.delete("/api/v1/admin/tokens/999999").status_code == 404
    assert admin.get("/api/v1/admin/tokens", params={"active": "maybe"}).status_code == 400
    assert am.delete(f"/api/v1/admin/tokens/{made['id']}").status_code == 403


def test_roles_offered_with_labels(admin):
    body = admin.get("/api/v1/admin/roles").json()
    by_name = {r["name"]: r for r in body["items"]}
    assert by_name[ROLE_AM]["label"]["zh"] == "客户经理" and by_name[ROLE_AM]["app"] == "futures_crm"
    assert body["admin_role"] == "Admin" and "Admin" in by_name
