"""The REST API end to end through Flask (JWT from FAB's security API)."""
from __future__ import annotations

import json

import pytest

from samples import APP, BROKER, CLIENT, DEAL

BASE = "/api/v1/apps/demo/forms"


@pytest.fixture(scope="module")
def published(app, token):
    client = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    rt = app.extensions["trellis"]
    if rt.store.published("demo", "app", "demo") is None:
        rt.store.save_draft("demo", "app", "demo", APP)
        rt.publish("demo", "app", "demo")
    for body in (BROKER, CLIENT, DEAL):
        r = client.put(f"{BASE}/{body['id']}/definition", json=body, headers=h)
        assert r.status_code == 200, r.get_json()
    for body in (BROKER, CLIENT, DEAL):
        r = client.post(f"{BASE}/{body['id']}/publish", json={"note": "first"}, headers=h)
        assert r.status_code == 200, r.get_json()
    return True


def test_login_required(app):
    client = app.test_client()
    r = client.get("/api/v1/apps")
    assert r.status_code == 401 and r.get_json()["message"]["zh"]
    r = client.get("/api/v1/apps", headers={"Authorization": "Bearer forged.token.value"})
    assert r.status_code == 401


def test_apps_forms_definitions(api, published):
    assert any(a["id"] == "demo" for a in api.get("/api/v1/apps").get_json()["items"])
    forms = {f["id"]: f for f in api.get(f"{BASE}").get_json()["items"]}
    assert forms["client"]["published_version"] >= 1 and forms["client"]["label"]["zh"] == "客户"
    assert api.get(f"{BASE}/client/definition").get_json()["id"] == "client"
    versions = api.get(f"{BASE}/client/versions").get_json()["items"]
    assert versions[0]["note"] in ("first", None) and versions[0]["published_at"]
    bad = api.put(f"{BASE}/client/definition", json={"id": "client", "fields": "nope"})
    assert bad.status_code == 422
    assert {e["pointer"] for e in bad.get_json()["errors"]} >= {"/fields", ""} or bad.get_json()["errors"]
    types = {t["key"] for t in api.get("/api/v1/field-types").get_json()["items"]}
    assert {"text", "relation", "sub_table", "auto_number"} <= types


def test_record_crud_and_errors(api, published):
    r = api.post(f"{BASE}/client/records", json={"name": "赵六", "equity": "1,000", "risk_level": "C3"})
    assert r.status_code == 201, r.get_json()
    rec = r.get_json()
    rid = rec["id"]
    assert api.get(f"{BASE}/client/records/{rid}").get_json()["equity"] == 1000
    r = api.patch(f"{BASE}/client/records/{rid}", json={"equity": 2000, "version": 1})
    assert r.status_code == 200 and r.get_json()["version"] == 2
    r = api.patch(f"{BASE}/client/records/{rid}", json={"equity": 3000, "version": 1})
    assert r.status_code == 409 and r.get_json()["code"] == "stale_version"
    r = api.post(f"{BASE}/client/records", json={"equity": "abc"})
    body = r.get_json()
    assert r.status_code == 422
    assert {e["field"] for e in body["errors"]} == {"name", "equity"}
    assert all({"field", "code", "message"} <= set(e) for e in body["errors"])
    assert api.get(f"{BASE}/client/records/999999").status_code == 404
    assert api.get(f"{BASE}/nope/records").status_code == 404
    assert api.delete(f"{BASE}/client/records/{rid}").status_code == 204
    assert api.get(f"{BASE}/client/records/{rid}").status_code == 404
    assert api.post(f"{BASE}/client/records/{rid}/restore").get_json()["id"] == rid


def test_list_parameters(api, published):
    api.post(f"{BASE}/client/records/bulk", json=[{"name": f"批量{i}", "equity": i * 100, "risk_level": "C2"}
                                                   for i in range(30)])
    flt = json.dumps({"and": [{"==": [{"var": "risk_level"}, "C2"]}, {">=": [{"var": "equity"}, 1000]}]})
    r = api.get(f"{BASE}/client/records", query_string={"filter": flt, "sort": "-equity,name", "limit": 5,
                                                         "fields": "name,equity"})
    body = r.get_json()
    assert r.status_code == 200 and len(body["items"]) == 5 and body["next"] and body["count"] == 20
    assert [i["equity"] for i in body["items"]] == [2900, 2800, 2700, 2600, 2500]
    nxt = api.get(f"{BASE}/client/records", query_string={"filter": flt, "sort": "-equity,name", "limit": 5,
                                                           "cursor": body["next"]}).get_json()
    assert nxt["items"][0]["equity"] == 2400
    r = api.get(f"{BASE}/client/records", query_string={"filter": "{bad json"})
    assert r.status_code == 400 and r.get_json()["details"]["param"] == "filter"
    r = api.get(f"{BASE}/client/records", query_string={"filter": json.dumps({"==": [{"var": "ghost"}, 1]})})
    assert r.status_code == 400 and r.get_json()["details"]["field"] == "ghost"
    assert api.get(f"{BASE}/client/records", query_string={"limit": "x"}).status_code == 400
    r = api.get(f"{BASE}/client/records", query_string={"q": "批量1", "page": 1, "count": "exact"})
    assert r.get_json()["count"] == 11


def test_bulk_is_one_transaction(api, published):
    before = api.get(f"{BASE}/broker/records", query_string={"count": "exact"}).get_json()["count"]
    r = api.post(f"{BASE}/broker/records/bulk", json={"create": [{"name": "ok"}, {"name": None}]})
    assert r.status_code == 422 and r.get_json()["errors"][0]["row"] == 1
    assert api.get(f"{BASE}/broker/records", query_string={"count": "exact"}).get_json()["count"] == before
    r = api.post(f"{BASE}/broker/records/bulk", json={"create": [{"name": "x"}, {"name": "y"}]})
    ids = r.get_json()["created"]
    r = api.post(f"{BASE}/broker/records/bulk", json={"update": [{"id": ids[0], "name": "x2"}], "delete": [ids[1]]})
    assert r.status_code == 200 and r.get_json() == {"updated": [ids[0]], "deleted": [ids[1]]}


def test_openapi_documents_each_form(api, published, app):
    anonymous = app.test_client().get("/api/v1/openapi.json").get_json()
    assert anonymous["openapi"].startswith("3.")
    assert not [p for p in anonymous["paths"] if p.startswith(f"{BASE}/")]  # no form shown to anonymous callers
    doc = api.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/apps/demo/forms/client/records" in doc["paths"]
    assert "post" in doc["paths"]["/api/v1/apps/{app}/forms/{form}/imports"]
    assert "get" in doc["paths"]["/api/v1/apps/{app}/forms/{form}/export"]
    assert "ImportBatch" in doc["components"]["schemas"]
    schema = doc["components"]["schemas"]["demo__client_input"]
    assert "equity" in schema["properties"] and "name" in schema["required"]
    body = dict(BROKER, fields=BROKER["fields"] + [{"id": "city", "type": "text", "label": {"zh": "城市"}}])
    api.put(f"{BASE}/broker/definition", json=body)
    api.post(f"{BASE}/broker/publish")
    doc = api.get("/api/v1/openapi.json").get_json()
    assert "city" in doc["components"]["schemas"]["demo__broker_input"]["properties"]


def test_publish_preview_and_restore(api, published):
    body = dict(CLIENT, fields=[dict(f, type="integer") if f["id"] == "note" else f for f in CLIENT["fields"]])
    api.post(f"{BASE}/client/records", json={"name": "备注客户", "note": "不是数字"})
    api.put(f"{BASE}/client/definition", json=body)
    plan = api.get(f"{BASE}/client/publish/preview").get_json()
    change = [c for c in plan["changes"] if c.get("field") == "note"][0]
    assert change["op"] == "change_type" and change["failing"] >= 1 and "不是数字" in change["samples"]
    r = api.post(f"{BASE}/client/publish")
    assert r.status_code == 422 and r.get_json()["errors"][0]["code"] == "type_change_refused"
    api.put(f"{BASE}/client/definition", json=CLIENT)
    versions = api.get(f"{BASE}/client/versions").get_json()["items"]
    r = api.post(f"{BASE}/client/versions/{versions[-1]['version']}/restore")
    assert r.status_code == 200 and r.get_json()["version"] > versions[0]["version"]


def test_attachment_upload(api, published):
    import io

    r = api.post("/api/v1/files", data={"file": (io.BytesIO("合同内容".encode()), "合同.pdf", "application/pdf")},
                 content_type="multipart/form-data")
    assert r.status_code == 201
    meta = r.get_json()
    got = api.get(f"/api/v1/files/{meta['id']}")
    assert got.status_code == 200 and got.data.decode() == "合同内容"
