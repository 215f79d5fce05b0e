"""The futures CRM's dashboards over HTTP on the session's seeded data: every tile of every
seed dashboard answers for an administrator and for an account manager (in their own
scope, their KPI equal to the record list's count), NPS as a hand-written SQL query works
it out, a global filter narrows the tiles whose form has its field and names the others,
and an administrator moves a tile (a new version) while an account manager may not."""
from __future__ import annotations

import json

import pytest

APP = "futures_crm"
BASE = f"/api/v1/apps/{APP}/dashboards"
SEEDED = ["client_business", "risk", "service_quality", "workbench"]


def _tiles(client, key, values=None):
    page = client.get(f"{BASE}/{key}").get_json()
    out = {}
    for t in page["tiles"]:
        if not t["readable"]:
            continue
        q = {"lang": "en"} if values is None else {"lang": "en", "values": json.dumps(values)}
        r = client.get(f"{BASE}/{key}/tiles/{t['id']}", query_string=q)
        assert r.status_code == 200, (key, t["id"], r.get_json())
        out[t["id"]] = r.get_json()
    return page, out


@pytest.mark.parametrize("user", ["admin", "am0001", "fin01", "cs01"])
def test_every_seed_tile_answers(login, user):
    """A tile marked readable answers 200: a report grouping, filtering or measuring a
    field the viewer may not see is not readable to them (finance, customer service)."""
    client = login(user)
    if user in ("admin", "am0001"):
        assert sorted(d["id"] for d in client.get(BASE).get_json()["items"]) == SEEDED
    for key in SEEDED:
        page, tiles = _tiles(client, key)
        assert page["label"]["zh"] and (tiles or user not in ("admin", "am0001")), key
        for tid, found in tiles.items():
            if "widget" in found:  # the workbench's widgets: their content for the viewer
                assert isinstance(found["data"]["items"], list), (key, tid)
                continue
            assert found["chart"] in ("kpi", "pivot", "table") or found["spec"]["$schema"], (key, tid)
            assert found["data"]["columns"] and "fresh_at" in found["data"]


def test_an_account_manager_sees_their_own_figures(login):
    am, admin = login("am0001"), login("admin")
    mine = am.get(f"{BASE}/workbench/tiles/mine").get_json()["data"]["totals"]["clients"]
    everyone = admin.get(f"{BASE}/workbench/tiles/mine").get_json()["data"]["totals"]["clients"]
    r = am.get(f"/api/v1/apps/{APP}/forms/client/records",
               query_string={"limit": 1, "count": "exact", "filter": json.dumps({"!=": [{"var": "status"}, "prospect"]})})
    assert mine == r.get_json()["count"] and 0 < mine < everyone


def test_nps_as_sql_works_it_out(crm, login):
    rt = crm.extensions["trellis"]
    found = login("admin").get(f"/api/v1/apps/{APP}/reports/nps_trend/data").get_json()
    with rt.engine.connect() as conn:
        answers, promoters, detractors = conn.exec_driver_sql(
            f"SELECT count(nps), sum(CASE WHEN nps >= 9 THEN 1 ELSE 0 END), sum(CASE WHEN nps <= 6 THEN 1 ELSE 0 END) "
            f"FROM {APP}__survey WHERE deleted_at IS NULL").one()
    totals = found["totals"]
    assert (totals["answers"], totals["promoters"], totals["detractors"]) == (answers, promoters or 0, detractors or 0)
    if answers:
        assert totals["nps"] == pytest.approx(((promoters or 0) - (detractors or 0)) / answers * 100)


def test_a_global_filter_narrows_the_tiles_that_have_its_field(login):
    admin = login("admin")
    _page, wide = _tiles(admin, "client_business", {})
    _page, c3 = _tiles(admin, "client_business", {"risk": ["C3"]})
    assert c3["tiers"]["applied"] == {"in": [{"var": "risk_level"}, ["C3"]]} and c3["tiers"]["unfiltered"] == []
    assert c3["funnel"]["data"]["totals"]["opened"] < wide["funnel"]["data"]["totals"]["opened"]
    r = admin.get(f"{BASE}/client_business/tiles/tiers", query_string={"values": json.dumps({"risk": {"x": 1}})})
    assert r.status_code == 400 and r.get_json()["details"]["filter"] == "risk"
    _page, svc = _tiles(admin, "service_quality", {"period": ["2000-01-01", "2000-12-31"]})
    assert svc["channels"]["data"]["rows"] == [] and svc["nps_trend"]["applied"]["and"][0][">="][0] == {"var": "surveyed_at"}


def test_moving_tiles_is_for_administrators(login):
    admin, am = login("admin"), login("am0001")
    page = admin.get(f"{BASE}/risk").get_json()
    assert page["editable"] is True and am.get(f"{BASE}/risk").get_json()["editable"] is False
    moved = [{"id": t["id"], "x": t["x"], "y": t["y"] + 1, "w": t["w"], "h": t["h"]} for t in page["tiles"]]
    assert am.put(f"{BASE}/risk/layout", json={"tiles": moved}).status_code == 403
    r = admin.put(f"{BASE}/risk/layout", json={"tiles": moved})
    assert r.status_code == 200 and r.get_json()["version"] == page["version"] + 1
    assert [t["y"] for t in admin.get(f"{BASE}/risk").get_json()["tiles"]] == [t["y"] for t in moved]
    for tiles, status in (([{"id": "nope", "x": 0}], 422), ([{"id": moved[0]["id"], "x": 11, "w": 6}], 422), ("x", 422)):
        r = admin.put(f"{BASE}/risk/layout", json={"tiles": tiles})
        assert r.status_code == status and set(r.get_json()["message"]) == {"zh", "en"}, r.get_json()
