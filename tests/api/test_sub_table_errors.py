"""Sub-table problems point at their cell: each error of a rejected record carries a JSON
pointer `/<field>/<row>/<child>` (rows numbered as the client sent them, blank rows
included) and a message naming the row and the child field, for coercion errors (a value
that is not a number), schema errors (a required child left empty) and on update alike."""
from __future__ import annotations

import pytest

from samples import APP, BROKER, CLIENT, DEAL, install

APP_ID = "celldemo"
BASE = f"/api/v1/apps/{APP_ID}/forms"


@pytest.fixture
def client_id(app, api):
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP_ID, "app", APP_ID) is None:
            install(rt, BROKER, CLIENT, DEAL, app=dict(APP, id=APP_ID))
    return api.post(f"{BASE}/client/records", json={"name": "子表客户"}).get_json()["id"]


def _errors(r):
    assert r.status_code == 422, r.get_json()
    return {e["pointer"]: e for e in r.get_json()["errors"]}


def test_create_errors_point_at_cells(api, client_id):
    legs = [{"product": "rb", "qty": 1}, {}, {"qty": "三"}, {"qty": 4}, {"product": "cu", "qty": "x"}]
    errors = _errors(api.post(f"{BASE}/deal/records", json={"client": client_id, "legs": legs}))
    # coercion fails first: only the unreadable numbers are reported, on their cells
    assert set(errors) == {"/legs/2/qty", "/legs/4/qty"}
    assert errors["/legs/2/qty"]["field"] == "legs" and errors["/legs/2/qty"]["code"] == "invalid_sub_table"
    assert errors["/legs/2/qty"]["message"]["zh"].startswith("明细:第3行 数量:")
    assert errors["/legs/4/qty"]["message"]["en"].startswith("Legs: row 5, Qty: ")

    legs = [{"product": "rb", "qty": 1}, {}, {"qty": 3}, {"product": " ", "qty": 4}]
    errors = _errors(api.post(f"{BASE}/deal/records", json={"client": client_id, "legs": legs}))
    assert set(errors) == {"/legs/2/product", "/legs/3/product"}                # the blank row 2 still counts
    assert errors["/legs/2/product"]["code"] == "required"
    assert errors["/legs/2/product"]["message"] == {"zh": "明细:第3行 品种:必填",
                                                   "en": "Legs: row 3, Product: is required"}


def test_update_errors_point_at_cells(api, client_id):
    deal = api.post(f"{BASE}/deal/records", json={"client": client_id, "legs": [{"product": "rb"}]})
    assert deal.status_code == 201, deal.get_json()
    rid = deal.get_json()["id"]
    r = api.patch(f"{BASE}/deal/records/{rid}", json={"legs": [{"product": "rb"}, {"qty": 2}], "lots": "many"})
    body = r.get_json()
    assert r.status_code == 422
    by_field = {(e["field"], e.get("pointer")) for e in body["errors"]}
    assert by_field == {("lots", None)}                                        # coercion errors stop first
    errors = _errors(api.patch(f"{BASE}/deal/records/{rid}", json={"legs": [{"product": "rb"}, {"qty": 2}]}))
    assert set(errors) == {"/legs/1/product"}
    assert [leg["product"] for leg in api.get(f"{BASE}/deal/records/{rid}").get_json()["legs"]] == ["rb"]


def test_bulk_errors_keep_the_record_row(api, client_id):
    r = api.post(f"{BASE}/deal/records/bulk", json=[{"client": client_id, "legs": [{"product": "a"}]},
                                                    {"client": client_id, "legs": [{"qty": "x"}]}])
    assert r.status_code == 422
    [e] = r.get_json()["errors"]
    assert e["row"] == 1 and e["pointer"] == "/legs/0/qty" and e["field"] == "legs"
