"""Endpoints the web UI needs: me, user search, incoming relations, saved views, SPA routes."""
from __future__ import annotations

import pytest

from samples import DEAL, ensure_published

BASE = "/api/v1/apps/demo"


@pytest.fixture(scope="module")
def demo(app):
    rt = app.extensions["trellis"]
    with app.app_context():
        ensure_published(rt)
    return rt


def test_me_and_user_search(api, demo):
    me = api.get("/api/v1/me").get_json()
    assert me["username"] == "admin" and me["is_admin"] is True and me["name"]
    found = api.get("/api/v1/users", query_string={"q": "adm"}).get_json()["items"]
    assert found[0]["username"] == "admin" and set(found[0]) == {"id", "username", "title"}
    assert all("adm" in u["username"] or "adm" in u["title"] for u in found)  # other apps' users may match


def test_incoming_relations(api, demo):
    items = api.get(f"{BASE}/forms/client/relations").get_json()["items"]
    assert items == [{"form": "deal", "field": "client", "label": DEAL["fields"][0]["label"],
                      "form_label": DEAL["label"]}]


def test_saved_views_personal_and_shared(api, demo):
    view = {"schema_version": 1, "id": "big_clients", "form": "client", "label": {"zh": "大客户", "en": "Big"},
            "type": "grid", "filter": {">": [{"var": "equity"}, 1000]}, "sort": ["-equity"], "columns": ["name"]}
    r = api.put(f"{BASE}/views/big_clients", json=view)
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["owner"] is not None                          # personal by default
    assert [v["id"] for v in api.get(f"{BASE}/views", query_string={"form": "client"}).get_json()["items"]] \
        == ["big_clients"]
    bad = api.put(f"{BASE}/views/bad", json=dict(view, id="bad", columns=["ghost"]))
    assert bad.status_code == 422 and bad.get_json()["errors"][0]["pointer"] == "/columns/0"
    assert api.delete(f"{BASE}/views/big_clients").status_code == 204
    assert api.get(f"{BASE}/views").get_json()["items"] == []


def test_spa_routes_fall_back_to_the_index(app, tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text("<div id=root>界面</div>", encoding="utf-8")
    (tmp_path / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    before = app.config.get("TRELLIS_FRONTEND")
    app.config["TRELLIS_FRONTEND"] = str(tmp_path)
    try:
        client = app.test_client()
        assert client.get("/api/v1/nothing-here").status_code == 404
        for path in ("/", "/apps/demo/forms/client", "/apps/demo/forms/client/records/3"):
            r = client.get(path)
            assert r.status_code == 200 and "界面" in r.get_data(as_text=True), path
        asset = client.get("/assets/app.js")
        assert asset.get_data(as_text=True) == "console.log(1)" and "max-age=31536000" in asset.headers["Cache-Control"]
        assert client.get("/admin/").status_code in (200, 302)              # FAB's own pages stay
    finally:
        app.config["TRELLIS_FRONTEND"] = before
