"""Roles through the API: definitions refused with pointers, members, a scoped user's
JWT, the access explanation, and roles as FAB roles."""
from __future__ import annotations

import pytest

from samples import CLIENT, ensure_published

BASE = "/api/v1/apps/demo"
OWN = {"==": [{"var": "manager"}, {"var": "$user.id"}]}
ROLE = {"schema_version": 1, "id": "sales", "label": {"zh": "销售", "en": "Sales"},
        "forms": {"client": {"actions": ["read", "update"], "scope": OWN, "fields": {"equity": "hidden"}},
                  "broker": {"actions": ["read"]}}}


@pytest.fixture(scope="module")
def demo(app):
    rt = app.extensions["trellis"]
    with app.app_context():
        ensure_published(rt)
        sm = app.appbuilder.sm
        ids = []
        for name in ("sales_a", "sales_b"):
            user = sm.find_user(username=name) or sm.add_user(name, name, "测试", f"{name}@example.com",
                                                               sm.find_role("Public"), password="sales-pass-2026")
            ids.append(user.id)
    return rt, ids


def _login(app, username, password):
    r = app.test_client().post("/api/v1/security/login",
                               json={"username": username, "password": password, "provider": "db"})
    assert r.status_code == 200, r.get_json()
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def test_bad_role_definitions_are_refused_with_pointers(api, demo):
    bad = dict(ROLE, forms={"client": {"actions": ["read"], "fields": {"ghost": "hidden"},
                                       "scope": {"==": [{"var": "$user.nonsense"}, 1]}},
                            "nope": {"actions": ["read"]}})
    assert api.put(f"{BASE}/roles/sales", json=bad).status_code == 200        # a draft may be unfinished
    r = api.post(f"{BASE}/roles/sales/publish")
    assert r.status_code == 422
    pointers = {e["pointer"] for e in r.get_json()["errors"]}
    assert pointers == {"/forms/client/fields/ghost", "/forms/client/scope", "/forms/nope"}
    assert all(e["message"]["zh"] and e["message"]["en"] for e in r.get_json()["errors"])
    r = api.put(f"{BASE}/roles/sales", json=dict(ROLE, forms={"client": {"actions": ["fly"]}}))
    assert r.status_code == 422 and r.get_json()["errors"][0]["pointer"].startswith("/forms/client/actions")


def test_scoped_user_end_to_end(app, api, demo):
    rt, (a, b) = demo
    assert api.put(f"{BASE}/roles/sales", json=ROLE).status_code == 200
    assert api.post(f"{BASE}/roles/sales/publish").status_code == 200
    assert api.put(f"{BASE}/roles/sales/members", json=[a]).get_json()["items"] == [a]
    assert [m["id"] for m in api.get(f"{BASE}/roles/sales/members").get_json()["items"]] == [a]
    logged = api.get("/api/v1/audit", query_string={"action": "role.members"}).get_json()["items"]
    assert logged[0]["target"] == "sales" and logged[0]["after"] == [a]
    mine = api.post(f"{BASE}/forms/client/records", json={"name": "A的客户", "manager": a, "equity": 500}).get_json()
    theirs = api.post(f"{BASE}/forms/client/records", json={"name": "B的客户", "manager": b, "equity": 900}).get_json()
    h = _login(app, "sales_a", "sales-pass-2026")
    client = app.test_client()
    listed = client.get(f"{BASE}/forms/client/records", headers=h, query_string={"count": "exact"}).get_json()
    assert {r["id"] for r in listed["items"]} == {mine["id"]} and listed["count"] == 1
    assert "equity" not in listed["items"][0]
    assert client.get(f"{BASE}/forms/client/records/{theirs['id']}", headers=h).status_code == 404
    r = client.get(f"{BASE}/forms/client/records", headers=h, query_string={"filter": '{">": [{"var": "equity"}, 1]}'})
    assert r.status_code == 400 and r.get_json()["details"]["field"] == "equity"
    assert client.post(f"{BASE}/forms/client/records", headers=h, json={"name": "x"}).status_code == 403
    assert client.get(f"{BASE}/forms/deal/records", headers=h).status_code == 403
    form = client.get(f"{BASE}/forms/client", headers=h).get_json()
    assert "equity" not in {f["id"] for f in form["fields"]} and form["actions"] == ["read", "update"]
    assert client.put(f"{BASE}/forms/client/definition", headers=h, json=CLIENT).status_code == 403
    assert [x["id"] for x in client.get("/api/v1/apps", headers=h).get_json()["items"]] == ["demo"]
    assert client.get(f"{BASE}/roles", headers=h).status_code == 403
    explained = api.get(f"{BASE}/forms/client/records/{theirs['id']}/access", query_string={"user": a}).get_json()
    assert explained["actions"]["read"]["allowed"] is False
    assert explained["actions"]["read"]["roles"][0]["in_scope"] is False
    assert explained["fields"]["equity"]["hidden_by"] == ["sales"]
    mine_explained = api.get(f"{BASE}/forms/client/records/{mine['id']}/access", query_string={"user": a}).get_json()
    assert mine_explained["actions"]["update"]["allowed"] is True
    assert mine_explained["actions"]["delete"]["reason"] == "no role grants this action"
    assert api.put(f"{BASE}/roles/sales/members", json=[]).get_json()["items"] == []
    h = _login(app, "sales_a", "sales-pass-2026")
    assert client.get(f"{BASE}/forms/client/records", headers=h).status_code == 403   # nothing granted now
