"""The recycle bin over the API: `GET .../records?deleted=only` lists soft-deleted records
(with `deleted_at`), with filter, search, sort and counts like any listing, limited to the
rows the caller may both read and restore (the delete permission and its row scope);
`POST .../restore` brings one back."""
from __future__ import annotations

import pytest

from samples import APP, BROKER, CLIENT, DEAL, install

APP_ID = "bindemo"
BASE = f"/api/v1/apps/{APP_ID}/forms/client/records"
OWN = {"==": [{"var": "manager"}, {"var": "$user.id"}]}
KEEPER = {"schema_version": 1, "id": "keeper", "label": {"zh": "回收站管理", "en": "Keeper"},
          "forms": {"client": {"actions": ["read", "delete"], "scope": OWN}}}
READER = {"schema_version": 1, "id": "reader", "label": {"zh": "只读", "en": "Reader"},
          "forms": {"client": {"actions": ["read"]}}}
PASSWORD = "bin-pass-2026"


@pytest.fixture(scope="module")
def users(app, token):
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP_ID, "app", APP_ID) is None:
            install(rt, BROKER, CLIENT, DEAL, app=dict(APP, id=APP_ID))
        sm = app.appbuilder.sm
        ids = {}
        for name in ("bin_keeper", "bin_other", "bin_reader"):
            user = sm.find_user(username=name) or sm.add_user(name, name, "测试", f"{name}@example.com",
                                                               sm.find_role("Public"), password=PASSWORD)
            ids[name] = user.id
    admin = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    for role, members in ((KEEPER, [ids["bin_keeper"], ids["bin_other"]]), (READER, [ids["bin_reader"]])):
        assert admin.put(f"/api/v1/apps/{APP_ID}/roles/{role['id']}", json=role, headers=h).status_code == 200
        assert admin.post(f"/api/v1/apps/{APP_ID}/roles/{role['id']}/publish", headers=h).status_code == 200
        assert admin.put(f"/api/v1/apps/{APP_ID}/roles/{role['id']}/members", json=members,
                         headers=h).status_code == 200
    return ids


def _as(app, username):
    r = app.test_client().post("/api/v1/security/login",
                               json={"username": username, "password": PASSWORD, "provider": "db"})
    assert r.status_code == 200, r.get_json()
    client = app.test_client()
    headers = {"Authorization": f"Bearer {r.get_json()['access_token']}"}

    def get(url, **kw):
        return client.get(url, headers=headers, **kw)

    def post(url, **kw):
        return client.post(url, headers=headers, **kw)
    return get, post


def _bin(get, **params):
    r = get(BASE, query_string={"deleted": "only", "count": "exact", **params})
    assert r.status_code == 200, r.get_json()
    return r.get_json()


def test_admin_lists_filters_and_restores_deleted_records(api, users):
    made = [api.post(BASE, json={"name": f"回收{i}", "equity": 100 * i}).get_json() for i in range(1, 5)]
    for rec in made[:3]:
        assert api.delete(f"{BASE}/{rec['id']}").status_code == 204
    ids = {r["id"] for r in made[:3]}
    listed = api.get(BASE, query_string={"deleted": "only", "count": "exact", "sort": "-deleted_at,-id",
                                         "q": "回收"}).get_json()
    assert {r["id"] for r in listed["items"]} == ids and listed["count"] == 3
    assert all(r["deleted_at"] for r in listed["items"])
    assert [r["id"] for r in listed["items"]] == sorted(ids, reverse=True)   # same deletion second: by id
    live = api.get(BASE, query_string={"q": "回收", "count": "exact"}).get_json()
    assert [r["id"] for r in live["items"]] == [made[3]["id"]] and "deleted_at" not in live["items"][0]

    flt = '{">=": [{"var": "equity"}, 200]}'
    filtered = api.get(BASE, query_string={"deleted": "only", "filter": flt, "q": "回收", "sort": "equity"}).get_json()
    assert [r["name"] for r in filtered["items"]] == ["回收2", "回收3"]
    paged = api.get(BASE, query_string={"deleted": "only", "q": "回收", "sort": "id", "limit": 2, "page": 2}).get_json()
    assert [r["name"] for r in paged["items"]] == ["回收3"]

    r = api.post(f"{BASE}/{made[0]['id']}/restore")
    assert r.status_code == 200 and r.get_json()["name"] == "回收1" and "deleted_at" not in r.get_json()
    after = api.get(BASE, query_string={"deleted": "only", "q": "回收"}).get_json()
    assert {x["id"] for x in after["items"]} == {made[1]["id"], made[2]["id"]}
    assert api.post(f"{BASE}/{made[0]['id']}/restore").status_code == 404      # live now: nothing to restore


def test_deleted_param_is_checked(api, users):
    r = api.get(BASE, query_string={"deleted": "yes"})
    assert r.status_code == 400 and r.get_json()["details"] == {"param": "deleted"}
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    assert api.get(BASE, query_string={"deleted": ""}).status_code == 200


def test_bin_respects_row_scopes_and_permissions(app, api, users):
    keeper, other = users["bin_keeper"], users["bin_other"]
    mine = api.post(BASE, json={"name": "我的已删", "manager": keeper}).get_json()
    theirs = api.post(BASE, json={"name": "别人的已删", "manager": other}).get_json()
    for rec in (mine, theirs):
        assert api.delete(f"{BASE}/{rec['id']}").status_code == 204

    get, post = _as(app, "bin_keeper")
    listed = _bin(get)
    assert [r["id"] for r in listed["items"]] == [mine["id"]] and listed["count"] == 1
    assert post(f"{BASE}/{theirs['id']}/restore").status_code == 404
    assert post(f"{BASE}/{mine['id']}/restore").status_code == 200
    assert _bin(get)["items"] == []
    assert _bin(api.get)["count"] >= 1                                          # the admin still sees theirs

    get, _post = _as(app, "bin_reader")
    assert get(BASE).status_code == 200                                         # may read live records
    r = get(BASE, query_string={"deleted": "only"})
    assert r.status_code == 403 and r.get_json()["code"] == "forbidden"         # but not the recycle bin
