"""`GET /api/v1/bootstrap`: what the web UI's shell needs in one request, each part exactly as
its own endpoint answers the same caller (me, apps, departments, the app's forms and views,
the form's definition); a part the caller may not read is null with its error listed; bad
parameters are 400 naming the parameter; no session is 401."""
from __future__ import annotations

import pytest

from role_members import member

APP_ID = "bootapp"
BASE = f"/api/v1/apps/{APP_ID}"
READER = {"schema_version": 1, "id": "reader", "label": {"zh": "只读", "en": "Reader"},
          "forms": {"client": {"actions": ["read"], "fields": {"equity": "hidden"}}}}
PASSWORD = "boot-pass-2026"
VIEW = {"schema_version": 1, "id": "all_clients", "form": "client", "label": {"zh": "全部客户", "en": "All"},
        "type": "grid", "shared": True, "sort": ["name"], "columns": ["name", "equity"]}


@pytest.fixture(scope="module")
def reader(app, token):
    client, headers = member(app, token, APP_ID, READER, "boot_reader", PASSWORD)
    assert app.test_client().put(f"{BASE}/views/all_clients", json=VIEW,
                                 headers={"Authorization": f"Bearer {token}"}).status_code == 200
    return lambda url, **kw: client.get(url, headers=headers, **kw)


def test_each_part_is_what_its_own_endpoint_answers(reader):
    r = reader("/api/v1/bootstrap", query_string={"app": APP_ID, "form": "client"})
    assert r.status_code == 200, r.get_json()
    got = r.get_json()
    assert got["me"] == reader("/api/v1/me").get_json() and got["me"]["username"] == "boot_reader"
    assert got["apps"] == reader("/api/v1/apps").get_json()["items"] and [a["id"] for a in got["apps"]] == [APP_ID]
    assert got["departments"] == reader("/api/v1/departments").get_json()["items"]
    assert (got["app"], got["form"]) == (APP_ID, "client")
    assert got["forms"] == reader(f"{BASE}/forms").get_json()["items"] and [f["id"] for f in got["forms"]] == ["client"]
    assert got["views"] == reader(f"{BASE}/views").get_json()["items"]
    assert got["views"][0]["columns"] == ["name"]                       # as this caller can apply it
    assert got["definition"] == reader(f"{BASE}/forms/client").get_json()
    assert "equity" not in {f["id"] for f in got["definition"]["fields"]} and got["errors"] == {}


def test_without_a_route_only_the_session_parts(reader):
    got = reader("/api/v1/bootstrap").get_json()
    assert set(got) == {"me", "apps", "departments", "timezone", "errors"}
    assert got["timezone"] == "Asia/Shanghai"  # the instance's zone (TRELLIS_TIMEZONE), for rules' now / today


def test_a_part_the_caller_may_not_read_is_null_with_its_error(reader, api):
    got = reader("/api/v1/bootstrap", query_string={"app": APP_ID, "form": "deal"}).get_json()
    assert got["definition"] is None and got["forms"] is not None and got["me"]["username"] == "boot_reader"
    own = reader(f"{BASE}/forms/deal")
    assert got["errors"]["definition"] == dict(own.get_json(), status=own.status_code) and own.status_code == 403
    missing = api.get("/api/v1/bootstrap", query_string={"app": APP_ID, "form": "nope"}).get_json()
    assert missing["errors"]["definition"]["status"] == 404 and missing["definition"] is None
    assert missing["forms"] and missing["me"]["is_admin"]


@pytest.mark.parametrize("params, bad", [({"form": "client"}, "app"), ({"app": "a/b"}, "app"),
                                         ({"app": APP_ID, "form": "x" * 201}, "form")])
def test_bad_parameters_are_named(api, params, bad):
    r = api.get("/api/v1/bootstrap", query_string=params)
    assert r.status_code == 400 and r.get_json()["details"] == {"param": bad}
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]


def test_no_session_is_401(app):
    r = app.test_client().get("/api/v1/bootstrap")
    assert r.status_code == 401 and r.get_json()["code"] == "unauthorized"
