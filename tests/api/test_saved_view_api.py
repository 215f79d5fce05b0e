"""Saved views over the API for a user who may not see every field the view names: the list
gives the view as that user can apply it (hidden parts left out, listed under `dropped`
without values), its filter then lists records, and saving over it is refused (it would
lose the parts that user cannot see) while a new view can be saved."""
from __future__ import annotations

import pytest

from role_members import member

APP_ID = "viewfit"
VIEWS = f"/api/v1/apps/{APP_ID}/views"
RECORDS = f"/api/v1/apps/{APP_ID}/forms/client/records"
STEWARD = {"schema_version": 1, "id": "steward", "label": {"zh": "视图管理", "en": "Steward"},
           "forms": {"client": {"actions": ["read", "manage"], "fields": {"equity": "hidden"}}}}
PASSWORD = "view-pass-2026"
RICH = {"schema_version": 1, "id": "rich", "form": "client", "label": {"zh": "大户", "en": "Rich"}, "type": "grid",
        "shared": True, "filter": {"and": [{">=": [{"var": "equity"}, 5000]}, {"==": [{"var": "risk_level"}, "C3"]}]},
        "sort": ["-equity", "name"], "columns": ["name", "equity", "risk_level"]}


@pytest.fixture(scope="module")
def steward(app, token):
    client, headers = member(app, token, APP_ID, STEWARD, "view_steward", PASSWORD)
    admin = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    for name, equity, risk in (("甲", 9000, "C3"), ("乙", 100, "C3"), ("丙", 9000, "C1")):
        r = admin.post(RECORDS, json={"name": name, "equity": equity, "risk_level": risk}, headers=h)
        assert r.status_code == 201, r.get_json()
    assert admin.put(f"{VIEWS}/rich", json=RICH, headers=h).status_code == 200
    return client, headers


def test_the_view_comes_without_the_hidden_parts(api, steward):
    client, h = steward
    view = next(v for v in client.get(VIEWS, headers=h).get_json()["items"] if v["id"] == "rich")
    assert view["filter"] == {"==": [{"var": "risk_level"}, "C3"]}
    assert view["sort"] == ["name"] and view["columns"] == ["name", "risk_level"]
    equity = [{"field": "equity", "label": {"zh": "权益", "en": "Equity"}}]
    assert view["dropped"] == {"filter": equity, "sort": equity, "columns": equity}
    assert "5000" not in str(view["dropped"])
    r = client.get(RECORDS, headers=h, query_string={"filter": '{"==": [{"var": "risk_level"}, "C3"]}', "sort": "name"})
    assert r.status_code == 200 and {x["name"] for x in r.get_json()["items"]} >= {"甲", "乙"}
    assert all("equity" not in x for x in r.get_json()["items"])
    # the admin still gets the view as stored
    mine = next(v for v in api.get(VIEWS).get_json()["items"] if v["id"] == "rich")
    assert mine["filter"] == RICH["filter"] and "dropped" not in mine


def test_saving_over_it_is_refused_a_new_view_is_not(api, steward):
    client, h = steward
    fitted = next(v for v in client.get(VIEWS, headers=h).get_json()["items"] if v["id"] == "rich")
    r = client.put(f"{VIEWS}/rich", json=fitted, headers=h)
    assert r.status_code == 403 and r.get_json()["code"] == "view_has_hidden_fields"
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    stored = next(v for v in api.get(VIEWS).get_json()["items"] if v["id"] == "rich")
    assert stored["filter"] == RICH["filter"] and stored["columns"] == RICH["columns"]
    copy = {k: v for k, v in fitted.items() if k not in ("dropped", "owner")}
    r = client.put(f"{VIEWS}/rich_copy", json=dict(copy, id="rich_copy"), headers=h)
    assert r.status_code == 200, r.get_json()
    assert "dropped" not in r.get_json() and r.get_json()["filter"] == fitted["filter"]
    assert api.delete(f"{VIEWS}/rich_copy").status_code == 204
