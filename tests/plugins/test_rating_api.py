"""The rating plugin's field type through the REST API like a core type: a form with a rating
published through the definitions API, records created (numbers, ４, ★★★★), refused with a
422 naming the field and the value, listed with a filter and a sort, exported to xlsx (the
number of stars) and imported from xlsx (stars, digits; a bad cell reported by row and column)."""
from __future__ import annotations

import io
import json
import time

import openpyxl
import pytest

pytest.importorskip("trellis_rating", reason="pip install -e plugins/trellis_rating")

APP = {"schema_version": 1, "id": "rated", "label": {"zh": "回访", "en": "Visits"}, "forms": ["visit"]}
VISIT = {"schema_version": 1, "id": "visit", "label": {"zh": "客户回访", "en": "Client visit"}, "title_field": "subject",
         "fields": [{"id": "subject", "type": "text", "label": {"zh": "主题", "en": "Subject"}, "required": True},
                    {"id": "score", "type": "rating", "label": {"zh": "服务满意度", "en": "Satisfaction"}, "max": 5}]}
BASE = "/api/v1/apps/rated/forms/visit"


@pytest.fixture(scope="module")
def visits(app, token):
    from api_client import bearer

    api = bearer(app.test_client(), token)
    rt = app.extensions["trellis"]
    if rt.store.published("rated", "app", "rated") is None:
        rt.store.save_draft("rated", "app", "rated", APP)
        rt.publish("rated", "app", "rated")
    assert api.put(f"{BASE}/definition", json=VISIT).status_code == 200
    r = api.post(f"{BASE}/publish", json={"note": "rating"})
    assert r.status_code == 200, r.get_json()
    return api


def _subjects(resp) -> list:
    assert resp.status_code == 200, resp.get_json()
    return [(r["subject"], r["score"]) for r in resp.get_json()["items"]]


def test_the_field_type_is_offered_with_its_traits(api):
    types = {t["key"]: t for t in api.get("/api/v1/field-types").get_json()["items"]}
    rating = types["rating"]
    assert rating["label"] == {"zh": "评分", "en": "Rating"} and rating["config_schema"]["properties"]["max"]
    assert rating.get("traits", rating).get("sql_kind", "number") == "number"


def test_create_list_filter_sort(visits):
    for subject, score in (("api-甲", 4), ("api-乙", "４"), ("api-丙", "★★"), ("api-丁", 5.0)):
        r = visits.post(f"{BASE}/records", json={"subject": subject, "score": score})
        assert r.status_code == 201, r.get_json()
    bad = visits.post(f"{BASE}/records", json={"subject": "api-戊", "score": "★★★★★★"})
    assert bad.status_code == 422
    err = bad.get_json()["errors"][0]
    assert err["field"] == "score" and "服务满意度" in err["message"]["zh"] and "★★★★★★" in err["message"]["zh"]
    assert "0–5" in err["message"]["en"]
    flt = json.dumps({"and": [{">=": [{"var": "score"}, 4]}, {"starts_with": [{"var": "subject"}, "api-"]}]})
    got = _subjects(visits.get(f"{BASE}/records", query_string={"filter": flt, "sort": "-score,subject"}))
    assert got == [("api-丁", 5), ("api-乙", 4), ("api-甲", 4)]
    asc = _subjects(visits.get(f"{BASE}/records", query_string={
        "filter": json.dumps({"starts_with": [{"var": "subject"}, "api-"]}), "sort": "score"}))
    assert [s for _, s in asc] == [2, 4, 4, 5]


def test_export_and_import_xlsx(visits):
    visits.post(f"{BASE}/records", json={"subject": "exp-甲", "score": 3})
    resp = visits.get(f"{BASE}/export", query_string={
        "format": "xlsx", "fields": "subject,score", "sort": "subject",
        "filter": json.dumps({"starts_with": [{"var": "subject"}, "exp-"]})})
    assert resp.status_code == 200, resp.get_data(as_text=True)[:300]
    rows = [list(r) for r in openpyxl.load_workbook(io.BytesIO(resp.data), read_only=True).active.iter_rows(
        values_only=True)]
    assert rows == [["主题", "服务满意度"], ["exp-甲", 3]]

    wb = openpyxl.Workbook()
    for row in [["主题", "服务满意度"], ["imp-甲", "★★★★"], ["imp-乙", "５"], ["imp-丙", 2], ["imp-丁", "九星"]]:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    book = out.getvalue()
    info = visits.post(f"{BASE}/imports/inspect", data={"file": (io.BytesIO(book), "visits.xlsx")},
                       content_type="multipart/form-data").get_json()
    mapping = {str(c["column"]): c["field"] for c in info["mapping"] if c["field"]}
    assert mapping == {"0": "subject", "1": "score"}
    r = visits.post(f"{BASE}/imports", json={"upload": info["upload"], "sheet": info["sheet"], "header_row": info["header_row"],
                                             "mapping": mapping, "mode": "insert", "keys": [], "dry_run": False,
                                             "on_error": "skip", "save_mapping": None})
    assert r.status_code == 202, r.get_json()
    batch = _wait(visits, r.get_json()["id"])
    assert batch["inserted"] == 3 and batch["failed"] == 1, batch["problems"]
    problem = batch["problems"][0]
    assert (problem["row"], problem["column"], problem["field"]) == (5, "B", "score")
    assert "九星" in problem["message"]["zh"]
    got = _subjects(visits.get(f"{BASE}/records", query_string={
        "filter": json.dumps({"starts_with": [{"var": "subject"}, "imp-"]}), "sort": "subject"}))
    assert sorted(got) == sorted([("imp-甲", 4), ("imp-乙", 5), ("imp-丙", 2)])


def _wait(api, batch_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        b = api.get(f"{BASE}/imports/{batch_id}").get_json()
        if b["status"] not in ("queued", "running"):
            return b
        time.sleep(0.1)
    raise AssertionError(f"batch {batch_id} did not finish")
