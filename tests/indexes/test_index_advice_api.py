"""The index advisor over the API: advice from saved views and slow list queries, one-click
creation through the definition path, administrators only (403, bilingual), bad bodies
and fields named."""
from __future__ import annotations

import pytest

from samples import APP, BROKER, CLIENT, DEAL, install
from trellis.forms.indexes import slow_log

APP_ID = "ixdemo"
BASE = f"/api/v1/apps/{APP_ID}/forms/client"
MANAGER = {"schema_version": 1, "id": "designer", "label": {"zh": "表单管理", "en": "Form manager"},
           "forms": {"client": {"actions": ["read", "create", "update", "delete", "manage"]}}}
PASSWORD = "ix-pass-2026"


@pytest.fixture(scope="module")
def manager(app, token):
    """A user who may manage the client form but is no administrator."""
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP_ID, "app", APP_ID) is None:
            install(rt, BROKER, CLIENT, DEAL, app=dict(APP, id=APP_ID))
            rt.records(APP_ID, "client").bulk_create([{"name": f"客户{i}", "margin": i / 100} for i in range(60)],
                                                     return_records=False)
        sm = app.appbuilder.sm
        user = sm.find_user(username="ix_manager") or sm.add_user(
            "ix_manager", "ix", "管理", "ix_manager@example.com", sm.find_role("Public"), password=PASSWORD)
    admin = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    assert admin.put(f"/api/v1/apps/{APP_ID}/roles/designer", json=MANAGER, headers=h).status_code == 200
    assert admin.post(f"/api/v1/apps/{APP_ID}/roles/designer/publish", headers=h).status_code == 200
    assert admin.put(f"/api/v1/apps/{APP_ID}/roles/designer/members", json=[user.id], headers=h).status_code == 200
    r = app.test_client().post("/api/v1/security/login",
                               json={"username": "ix_manager", "password": PASSWORD, "provider": "db"})
    return {"Authorization": f"Bearer {r.get_json()['access_token']}"}


def _fields(advice):
    return {f["field"]: f for f in advice["fields"]}


def test_admin_sees_advice_from_views_and_slow_queries_and_creates_the_index(app, api, manager):
    view = {"schema_version": 1, "id": "ix_margin", "form": "client", "label": {"zh": "保证金高", "en": "High margin"},
            "shared": True, "filter": {">": [{"var": "margin"}, 0.5]}, "sort": ["-opened_at"]}
    assert api.put(f"/api/v1/apps/{APP_ID}/views/ix_margin", json=view).status_code == 200
    log = slow_log(app.extensions["trellis"])
    log.threshold_ms = 0
    try:
        r = api.get(f"{BASE}/records", query_string={"filter": '{"==": [{"var": "active"}, true]}', "sort": "-margin"})
        assert r.status_code == 200
    finally:
        log.threshold_ms = 50
    r = api.get(f"{BASE}/index-advice")
    assert r.status_code == 200, r.get_json()
    advice = r.get_json()
    fields = _fields(advice)
    assert fields["margin"]["suggested"] and fields["margin"]["views"][0]["id"] == "ix_margin"
    assert fields["margin"]["slow_queries"]["count"] >= 1 and fields["margin"]["slow_queries"]["uses"] == ["sort:desc"]
    assert fields["active"]["slow_queries"]["uses"] == ["filter:=="] and fields["active"]["suggested"]
    assert fields["margin"]["cost"]["rows"] == advice["rows"] == 60
    assert advice["recent_slow_queries"][-1]["fields"] == ["active", "margin"]

    version = advice["version"]
    r = api.post(f"{BASE}/indexes", json={"fields": ["margin"]})
    assert r.status_code == 200, r.get_json()
    done = r.get_json()
    assert done["created"] == ["margin"] and done["version"] == version + 1
    after = _fields(done["advice"])["margin"]
    assert after["index"]["name"] == f"ix_{APP_ID}__client_margin" and not after["suggested"]
    published = api.get(BASE).get_json()
    assert next(f for f in published["fields"] if f["id"] == "margin")["indexed"] is True


def test_only_administrators(api, app, manager):
    client = app.test_client()
    version = api.get(f"{BASE}/index-advice").get_json()["version"]
    for method, url, kw in (("get", f"{BASE}/index-advice", {}), ("post", f"{BASE}/indexes", {"json": {"fields": ["name"]}})):
        r = getattr(client, method)(url, headers=manager, **kw)
        assert r.status_code == 403, r.get_json()
        body = r.get_json()
        assert body["code"] == "forbidden" and "管理员" in body["message"]["zh"] and "administrators" in body["message"]["en"]
    assert client.get(f"{BASE}/index-advice").status_code == 401
    # the manager may still read the form: the refusal is about the advisor, not the form
    assert client.get(BASE, headers=manager).status_code == 200
    assert api.get(f"{BASE}/index-advice").get_json()["version"] == version


def test_bad_requests_are_named(api):
    assert api.get(f"/api/v1/apps/{APP_ID}/forms/nope/index-advice").status_code == 404
    r = api.post(f"{BASE}/indexes", json=["name"])
    assert r.status_code == 400 and r.get_json()["details"]["param"] == "fields"
    r = api.post(f"{BASE}/indexes", data="{", content_type="application/json")
    assert r.status_code == 400
    r = api.post(f"{BASE}/indexes", json={"fields": "name"})
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "fields"
    r = api.post(f"{BASE}/indexes", json={"fields": ["nope", "tags"]})
    assert r.status_code == 422
    assert [(e["field"], e["code"]) for e in r.get_json()["errors"]] == [("nope", "unknown_field"),
                                                                       ("tags", "not_indexable")]
    assert all(e["message"]["zh"] and e["message"]["en"] for e in r.get_json()["errors"])


def test_the_openapi_document_lists_the_operations_for_administrators(api, app, manager):
    path = "/api/v1/apps/{app}/forms/{form}/index-advice"
    doc = api.get("/api/v1/openapi.json").get_json()
    assert set(doc["paths"][path]["get"]["responses"]) >= {"200", "401", "403", "404"}
    create = doc["paths"]["/api/v1/apps/{app}/forms/{form}/indexes"]["post"]
    assert create["requestBody"]["content"]["application/json"]["schema"]["required"] == ["fields"]
    assert "IndexAdvice" in doc["components"]["schemas"]
    theirs = app.test_client().get("/api/v1/openapi.json", headers=manager).get_json()
    assert path not in theirs["paths"]
