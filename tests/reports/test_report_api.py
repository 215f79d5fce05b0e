"""Reports over HTTP on the session's futures CRM: a report published through the
definitions API, its figures for an administrator and for an account manager (their own
clients only, as the record list counts them), a dashboard's global filter, and refusals
with bilingual messages (a malformed filter, an unknown field, an unknown report)."""
from __future__ import annotations

import json

import pytest

APP = "futures_crm"
REPORT = {"schema_version": 1, "id": "api_clients_by_risk", "label": {"zh": "客户风险分布", "en": "Clients by risk"},
          "form": "client", "dimensions": [{"field": "risk_level"}],
          "measures": [{"id": "clients", "agg": "count"}, {"id": "equity", "agg": "sum", "field": "equity"}],
          "sort": [{"by": "risk_level"}], "chart": {"type": "bar"}}
URL = f"/api/v1/apps/{APP}/reports/{REPORT['id']}/data"


@pytest.fixture(scope="module")
def published(login):
    admin = login("admin")
    base = f"/api/v1/apps/{APP}/definitions/report/{REPORT['id']}"
    assert admin.put(base, json=REPORT).status_code in (200, 201)
    r = admin.post(f"{base}/publish")
    assert r.status_code == 200, r.get_json()
    return REPORT["id"]


def _count(client, filter_=None) -> int:
    params = {"limit": 1, "count": "exact"}
    if filter_ is not None:
        params["filter"] = json.dumps(filter_)
    r = client.get(f"/api/v1/apps/{APP}/forms/client/records", query_string=params)
    assert r.status_code == 200, r.get_json()
    return r.get_json()["count"]


def test_the_figures_are_the_callers_own(published, login):
    admin, am = login("admin"), login("am0001")
    everyone = admin.get(URL).get_json()
    mine = am.get(URL).get_json()
    assert [c["id"] for c in mine["columns"]] == ["risk_level", "clients", "equity"]
    assert mine["columns"][0]["labels"]["C3"]["zh"] and mine["fresh_at"]
    assert everyone["totals"]["clients"] == _count(admin) > mine["totals"]["clients"] == _count(am) > 0
    assert sum(r[1] for r in mine["rows"]) == mine["totals"]["clients"]
    assert [r[0] for r in mine["rows"]] == sorted(r[0] for r in mine["rows"])
    c3 = {"==": [{"var": "risk_level"}, "C3"]}
    narrowed = am.get(URL, query_string={"filters": json.dumps(c3)}).get_json()
    assert narrowed["totals"]["clients"] == _count(am, c3) and [r[0] for r in narrowed["rows"]] in ([], ["C3"])
    listed = am.get(f"/api/v1/apps/{APP}/reports").get_json()["items"]
    assert published in [i["id"] for i in listed]


def test_refusals_name_what_is_wrong(published, login):
    am = login("am0001")
    for filters, field in (("not json", None), ("[1]", None), (json.dumps({"==": [{"var": "nope"}, 1]}), "nope")):
        r = am.get(URL, query_string={"filters": filters})
        body = r.get_json()
        assert r.status_code == 400 and set(body["message"]) == {"zh", "en"}, body
        assert field is None or body["details"]["field"] == field
    r = am.get(f"/api/v1/apps/{APP}/reports/no_such_report/data")
    assert r.status_code == 404 and set(r.get_json()["message"]) == {"zh", "en"}


def test_the_chart_spec_in_either_language(published, login):
    am = login("am0001")
    spec_url = URL.replace("/data", "/spec")
    en = am.get(spec_url, query_string={"lang": "en"}).get_json()
    assert en["chart"] == "bar" and en["spec"]["mark"]["type"] == "bar"
    assert en["spec"]["encoding"]["color"]["field"] == "label" and en["spec"]["title"] == "Clients by risk"
    assert "\"Equity\"" in en["spec"]["transform"][1]["calculate"]  # each measure named by its label
    assert sum(v["clients"] for v in en["spec"]["data"]["values"]) == en["data"]["totals"]["clients"]
    assert am.get(spec_url).get_json()["spec"]["title"] == "客户风险分布"
    r = am.get(spec_url, query_string={"lang": "fr"})
    assert r.status_code == 400 and r.get_json()["details"]["param"] == "lang"


def test_a_draft_is_previewed_in_the_callers_scope(login):
    am, admin = login("am0001"), login("admin")
    url = f"/api/v1/apps/{APP}/reports/preview"
    draft = dict(REPORT, id="draft_preview", chart={"type": "pie"}, measures=REPORT["measures"][:1], sort=[])
    mine = am.post(url, json={"report": draft, "lang": "en"}).get_json()
    assert mine["chart"] == "pie" and mine["spec"]["mark"]["type"] == "arc"
    assert mine["data"]["totals"]["clients"] == _count(am) < admin.post(url, json={"report": draft}).get_json()[
        "data"]["totals"]["clients"]
    assert am.get(f"/api/v1/apps/{APP}/reports/draft_preview/data").status_code == 404  # nothing was kept
    for body, status, where in (({"report": dict(draft, measures=[{"id": "s", "agg": "sum", "field": "nope"}])}, 422, "/measures/0/field"),
                                ({"report": dict(draft, chart={"type": "nope"})}, 422, "/chart/type"),
                                ({"report": "x"}, 400, None), ({"report": draft, "lang": "fr"}, 400, None)):
        r = am.post(url, json=body)
        assert r.status_code == status and set(r.get_json()["message"]) == {"zh", "en"}, r.get_json()
        assert where is None or where in json.dumps(r.get_json())
