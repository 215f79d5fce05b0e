"""The flows API on the session app: the palette, the list with run counts, a manual run
started from a record with its log and path, the record's runs with their timeline line,
cancel / retry / skip, and bad input answered with a bilingual 4xx."""
from __future__ import annotations

import time

import pytest

from samples import install

APP = "demo"
FLOW = {"schema_version": 1, "id": "manual_note", "label": {"zh": "手动备注", "en": "Manual note"}, "form": "client",
        "trigger": {"type": "manual"},
        "steps": [{"id": "v", "type": "set_variable", "label": {"zh": "记下权益", "en": "Note equity"}, "name": "eq",
                   "value": {"var": "equity"}},
                  {"id": "boom", "type": "for_each", "items": {"var": "name"}, "steps": []}]}


@pytest.fixture(scope="module")
def demo(app):
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP, "form", "client") is None:
            install(rt)
        rt.store.save_draft(APP, "flow", FLOW["id"], FLOW)
        rt.publish(APP, "flow", FLOW["id"])
    return rt


def _wait_run(api, run_id, states=("done", "failed")):
    for _ in range(200):
        r = api.get(f"/api/v1/apps/{APP}/flow-runs/{run_id}")
        if r.get_json()["state"] in states:
            return r.get_json()
        time.sleep(0.05)
    raise AssertionError(r.get_json())


def test_types_list_the_palette(api, demo):
    r = api.get("/api/v1/flows/types")
    assert r.status_code == 200
    body = r.get_json()
    nodes = {n["key"]: n for n in body["nodes"]}
    assert {"branch", "parallel", "for_each", "wait", "set_variable", "end"} <= set(nodes)
    assert nodes["parallel"]["container"] == "parallel" and nodes["end"]["terminal"] is True
    assert "manual" in {t["key"] for t in body["triggers"]}


def test_a_manual_run_its_log_the_record_timeline_and_operations(api, demo):
    rec = api.post(f"/api/v1/apps/{APP}/forms/client/records", json={"name": "李四", "equity": 5}).get_json()
    assert api.get(f"/api/v1/apps/{APP}/forms/client/manual-flows").get_json()["items"][0]["key"] == "manual_note"
    r = api.post(f"/api/v1/apps/{APP}/flows/manual_note/run", json={"records": [rec["id"]]})
    assert r.status_code == 202, r.get_json()
    (run_id,) = r.get_json()["runs"]
    run = _wait_run(api, run_id)
    assert run["state"] == "failed"  # the loop's items are not a list: a refusal fails the step at once
    assert run["path"] == ["v", "boom"] and run["context"]["vars"]["eq"] == 5
    assert "not a list" in run["steps"][-1]["error"] and "不是列表" in run["steps"][-1]["error"]
    assert run["record_title"] == "李四" and run["definition"]["id"] == "manual_note"
    listed = api.get(f"/api/v1/apps/{APP}/flows").get_json()["items"]
    mine = next(f for f in listed if f["key"] == "manual_note")
    assert mine["runs"]["failed"] >= 1 and mine["last_run_at"]
    timeline = api.get(f"/api/v1/apps/{APP}/forms/client/records/{rec['id']}/flow-runs").get_json()["items"]
    assert timeline[0]["text"]["zh"].startswith("自动化「手动备注」")
    skipped = api.post(f"/api/v1/apps/{APP}/flow-runs/{run_id}/skip")
    assert skipped.status_code == 200
    assert _wait_run(api, run_id)["state"] == "done"
    again = api.post(f"/api/v1/apps/{APP}/flow-runs/{run_id}/cancel")
    assert again.status_code == 409 and again.get_json()["message"]["zh"]


def test_bad_input_is_a_bilingual_4xx(api, demo):
    for payload, status in (({"records": "x"}, 400), ({"records": [-1]}, 400), ([1], 400), ({"vars": 3}, 400)):
        r = api.post(f"/api/v1/apps/{APP}/flows/manual_note/run", json=payload)
        assert r.status_code == status, (payload, r.get_json())
        assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    assert api.post(f"/api/v1/apps/{APP}/flows/nope/run", json={}).status_code == 404
    assert api.get(f"/api/v1/apps/{APP}/flow-runs/999999").status_code == 404
    assert api.get(f"/api/v1/apps/{APP}/flows/manual_note/runs?state=zzz").status_code == 400
    assert api.post(f"/api/v1/apps/{APP}/flows/manual_note/dry-run", json={"from": "not a date"}).status_code == 400


def test_the_purge_command(app, demo):
    from trellis.cli.main import cli

    out = app.test_cli_runner().invoke(cli, ["flows", "purge", "--older-than-days", "36500"])
    assert out.exit_code == 0 and "deleted 0 ended flow run(s)" in out.output
    bad = app.test_cli_runner().invoke(cli, ["flows", "purge", "--older-than-days", "-1"])
    assert bad.exit_code != 0
