"""The `decision` kind through the generic definitions API (draft, publish refused with
problems naming rule and input, preview, versions) and the evaluate endpoint; the futures
CRM's seed loads its client tier table and members of the app evaluate it."""
from __future__ import annotations

import copy

from api_client import ensure_user, sign_in

APP = "demo"
BASE = f"/api/v1/apps/{APP}/definitions/decision"
RUN = f"/api/v1/apps/{APP}/decisions"

GRADE = {
    "schema_version": 1, "id": "grade", "label": {"zh": "评级", "en": "Grade"}, "hit_policy": "unique",
    "inputs": [{"id": "score", "label": {"zh": "分数", "en": "Score"}, "type": "number"}],
    "outputs": [{"id": "grade", "label": {"zh": "等级", "en": "Grade"}, "type": "text"},
                {"id": "pass", "label": {"zh": "通过", "en": "Passed"}, "type": "bool"}],
    "rules": [{"when": {"score": "< 60"}, "then": {"grade": "C", "pass": False}},
              {"when": {"score": "[60..85)"}, "then": {"grade": "B", "pass": True}},
              {"when": {"score": ">= 85"}, "then": {"grade": "A", "pass": True}}],
}


def test_a_decision_is_drafted_checked_published_and_evaluated(api):
    bad = api.put(f"{BASE}/grade", json=dict(GRADE, hit_policy="sometimes"))
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["pointer"] == "/hit_policy"

    broken = copy.deepcopy(GRADE)
    broken["rules"][1]["when"]["score"] = "[60..９０)"       # overlaps rule 3 once read
    broken["rules"][2]["when"]["score"] = ">= 85分"
    assert api.put(f"{BASE}/grade", json=broken).status_code == 200   # a draft may be half typed
    preview = api.get(f"{BASE}/grade/publish/preview").get_json()
    assert preview["publishable"] is False
    refused = api.post(f"{BASE}/grade/publish")
    assert refused.status_code == 422
    error = refused.get_json()["errors"][0]
    assert error["pointer"] == "/rules/2/when/score" and error["rule"] == 3 and error["input"] == "score"
    assert error["message"]["zh"].startswith("第 3 条规则的“分数”:无法识别“>= 85分”")
    assert error["message"]["en"].startswith('Rule 3, "Score": cannot read ">= 85分"')

    broken["rules"][2]["when"]["score"] = "＞＝ 85"
    api.put(f"{BASE}/grade", json=broken)
    overlap = api.post(f"{BASE}/grade/publish").get_json()["errors"]
    assert [(e["code"], e["rules"]) for e in overlap] == [("overlap", [2, 3])]
    assert "第 2 条和第 3 条" in overlap[0]["message"]["zh"]

    api.put(f"{BASE}/grade", json=GRADE)
    assert api.get(f"{BASE}/grade/publish/preview").get_json() == {"problems": [], "publishable": True}
    assert api.post(f"{BASE}/grade/publish").get_json() == {"version": 1}
    assert [i["id"] for i in api.get(BASE).get_json()["items"]] == ["grade"]

    r = api.post(f"{RUN}/grade/evaluate", json={"inputs": {"score": 72}})
    assert r.status_code == 200
    assert r.get_json() == {"outputs": {"grade": "B", "pass": True}, "rule": 1, "rules": [1], "version": 1}
    assert api.post(f"{RUN}/grade/evaluate", json={"inputs": {}}).get_json()["outputs"] == {"grade": None, "pass": None}
    wrong = api.post(f"{RUN}/grade/evaluate", json={"inputs": {"score": "high"}})
    assert wrong.status_code == 400 and wrong.get_json()["details"] == {"input": "score"}
    assert "分数" in wrong.get_json()["message"]["zh"]
    assert api.post(f"{RUN}/grade/evaluate", json={"inputs": {"nope": 1}}).status_code == 400
    assert api.post(f"{RUN}/grade/evaluate", json={"inputs": [1]}).get_json()["details"] == {"field": "inputs"}
    assert api.post(f"{RUN}/missing/evaluate", json={"inputs": {}}).status_code == 404

    # a new version is what evaluate runs
    collect = dict(copy.deepcopy(GRADE), hit_policy="collect", default={"grade": "?", "pass": False})
    collect["rules"].append({"when": {"score": "> 95"}, "then": {"grade": "A+", "pass": True}})
    api.put(f"{BASE}/grade", json=collect)
    assert api.post(f"{BASE}/grade/publish").get_json() == {"version": 2}
    got = api.post(f"{RUN}/grade/evaluate", json={"inputs": {"score": 99}}).get_json()
    assert got == {"outputs": [{"grade": "A", "pass": True}, {"grade": "A+", "pass": True}], "rule": None,
                   "rules": [2, 3], "version": 2}
    assert [v["version"] for v in api.get(f"{BASE}/grade/versions").get_json()["items"]] == [2, 1]


def test_only_members_of_the_app_evaluate(api, app):
    api.put(f"{BASE}/grade", json=GRADE)
    api.post(f"{BASE}/grade/publish")
    ensure_user(app, "decision_outsider", "outsider-pass-1")
    outsider = sign_in(app, "decision_outsider", "outsider-pass-1")
    r = outsider.post(f"{RUN}/grade/evaluate", json={"inputs": {"score": 1}})
    assert r.status_code == 403 and r.get_json()["message"]["en"]
    assert outsider.put(f"{BASE}/grade", json=GRADE).status_code == 403


def test_the_seeded_client_tier_is_published_and_evaluated_by_members(login):
    am = login("am0001")
    url = "/api/v1/apps/futures_crm/decisions/client_tier/evaluate"
    inputs = {"recency_days": 3, "trade_days_90": 30, "commission_90": 5000, "equity": 2_000_000, "complaints": 0}
    r = am.post(url, json={"inputs": inputs})
    assert r.status_code == 200 and r.get_json()["outputs"] == {"tier": "hnw_active"} and r.get_json()["rule"] == 2
    r = am.post(url, json={"inputs": dict(inputs, recency_days=45, complaints=2)})
    assert r.get_json()["outputs"] == {"tier": "churn_risk"}
    r = am.post(url, json={"inputs": {"recency_days": 3}})
    assert r.get_json() == {"outputs": {"tier": "retail"}, "rule": None, "rules": [], "version": 1}
    admin = login("admin")
    body = admin.get("/api/v1/apps/futures_crm/definitions/decision/client_tier").get_json()
    assert body["hit_policy"] == "first" and len(body["inputs"]) == 5
