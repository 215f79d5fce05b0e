"""Organization, token and role-membership changes land in the audit log, without secrets."""
from __future__ import annotations


def _entries(api, action):
    r = api.get("/api/v1/audit", query_string={"action": action, "limit": 50})
    assert r.status_code == 200, r.get_json()
    return r.get_json()["items"]


def test_department_and_token_changes_are_audited(api):
    r = api.post("/api/v1/departments", json={"code": "audit_dep", "name": "审计测试部"})
    assert r.status_code == 201, r.get_json()
    dep = r.get_json()["id"]
    assert any(e["after"]["result"]["id"] == dep for e in _entries(api, "org.create"))
    r = api.post("/api/v1/tokens", json={"name": "审计令牌", "apps": ["demo"], "expires_in_days": 1})
    assert r.status_code == 201, r.get_json()
    token = r.get_json()
    created = [e for e in _entries(api, "token.create") if e["record_id"] == token["id"]]
    assert created and token["token"] not in str(created[0])
    assert api.delete(f"/api/v1/tokens/{token['id']}").status_code == 204
    assert [e for e in _entries(api, "token.revoke") if e["record_id"] == token["id"]]
