"""Bodies of any shape the fuzzer found answered with a 500 are refused with a 4xx naming
the problem: a publish note that is not text, a definition whose fields are not a list,
a saved import mapping whose values are not field ids; unknown API addresses are 404
for every method."""
from __future__ import annotations

import pytest

from crm_app import BASE


@pytest.mark.parametrize("body", [[{}, []], True, {"note": ["x"]}, {"note": "长" * 501}])
def test_publish_refuses_a_body_that_is_not_a_note(login, body):
    r = login("admin").post(f"{BASE}/pnl_event/publish", json=body)
    assert r.status_code == 400 and r.get_json()["details"]["field"] == "note"


def test_publish_takes_no_body_or_a_note(login):
    admin = login("admin")
    before = admin.get(f"{BASE}/pnl_event/versions").get_json()["items"][0]["version"]
    assert admin.post(f"{BASE}/pnl_event/publish").get_json()["version"] == before + 1
    assert admin.post(f"{BASE}/pnl_event/publish", json={"note": "复核"}).get_json()["version"] == before + 2
    assert admin.get(f"{BASE}/pnl_event/versions").get_json()["items"][0]["note"] == "复核"


def test_definition_fields_of_another_shape_are_422(login):
    r = login("admin").put(f"{BASE}/ticket/definition", json={"id": "ticket", "label": None, "fields": -4.4e-08})
    assert r.status_code == 422 and any(e["pointer"].startswith("/fields") for e in r.get_json()["errors"])


def test_saved_mapping_values_must_be_field_ids(login):
    r = login("admin").post(f"{BASE}/client/imports/mappings", json={"name": "odd", "mapping": {"客户": {"a": 1}}})
    assert r.status_code == 422 and r.get_json()["errors"][0]["code"] == "unknown_field"


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_unknown_api_addresses_are_404_for_every_method(crm, method):
    r = getattr(crm.test_client(), method)("/api/v1/apps/x/forms/y/records/-841")
    assert r.status_code == 404 and r.get_json()["code"] == "404"


@pytest.mark.parametrize("body", [{"code": "big", "name": "大", "parent_id": 2**64}, {"code": "big", "name": "大",
                                                                                       "sort": 2**31}])
def test_department_numbers_past_the_columns_are_400(login, body):
    r = login("admin").post("/api/v1/departments", json=body)
    assert r.status_code == 400 and r.get_json()["details"]["field"] in ("parent_id", "sort")
