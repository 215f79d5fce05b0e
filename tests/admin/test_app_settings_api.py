"""App settings through the definitions API (the app kind): a definition saved back unchanged
stays as it was; a menu of named groups and a home form are saved, published and answered by
`/api/v1/apps`; a menu naming an entry twice, a form not of the app, an unknown kind of entry
or two home pages is refused naming the place; only administrators edit an app."""
from __future__ import annotations

import copy

import pytest

from api_client import ensure_user, sign_in
from samples import APP, BROKER, CLIENT, install

KEY = "settingsdemo"
DEF = f"/api/v1/apps/{KEY}/definitions/app/{KEY}"


@pytest.fixture(scope="module")
def demo(app):
    rt = app.extensions["trellis"]
    if rt.store.published(KEY, "app", KEY) is None:
        install(rt, BROKER, CLIENT, app=dict(APP, id=KEY, forms=["broker", "client"]))
    return app


def test_the_seed_app_saved_back_is_unchanged(crm, api):
    url = "/api/v1/apps/futures_crm/definitions/app/futures_crm"
    before = api.get(url).get_json()
    assert before["home"] == {"dashboard": "workbench"} and "menu" not in before
    saved = api.put(url, json=copy.deepcopy(before))
    assert saved.status_code == 200, saved.get_json()
    assert api.get(url).get_json() == before


def test_menu_and_home_form_are_published(demo, api):
    body = api.get(DEF).get_json()
    body.update(label={"zh": "设置演示"}, icon="TeamOutlined", home={"form": "client"}, menu=[
        {"label": {"zh": "客户", "en": "Clients"}, "items": [{"type": "form", "key": "client"},
                                                           {"type": "view", "key": "vip"}]},
        {"label": {"zh": "居间人"}, "items": [{"type": "form", "key": "broker"}, {"type": "dashboard", "key": "risk"}]},
    ])
    assert api.put(DEF, json=body).status_code == 200
    assert api.post(f"{DEF}/publish", json={}).status_code == 200
    listed = next(a for a in api.get("/api/v1/apps").get_json()["items"] if a["id"] == KEY)
    assert listed["menu"] == body["menu"] and listed["home"] == {"form": "client"}
    assert listed["label"] == {"zh": "设置演示"} and listed["icon"] == "TeamOutlined"


@pytest.mark.parametrize("change, pointer, words", [
    ({"menu": [{"items": [{"type": "form", "key": "client"}, {"type": "form", "key": "client"}]}]},
     "/menu/0/items/1", "两次"),
    ({"menu": [{"items": [{"type": "form", "key": "deal"}]}]}, "/menu/0/items/0/key", "不是本应用的表单"),
    ({"menu": [{"items": [{"type": "page", "key": "x"}]}]}, "/menu/0/items/0/type", ""),
    ({"menu": [{"label": {"zh": "空"}}]}, "/menu/0", ""),
    ({"home": {"form": "client", "dashboard": "risk"}}, "/home", ""),
    ({"home": {"form": "deal"}}, "/home/form", "不是本应用的表单"),
])
def test_bad_menus_are_refused_by_place(demo, api, change, pointer, words):
    body = {**api.get(DEF).get_json(), **change}
    r = api.put(DEF, json=body)
    assert r.status_code == 422, r.get_json()
    errors = r.get_json()["errors"]
    assert any(e["pointer"] == pointer and words in e["message"]["zh"] and e["message"]["en"] for e in errors), errors


def test_only_administrators_edit_an_app(demo):
    ensure_user(demo, "settings_viewer", "Sesame-2024-x")
    someone = sign_in(demo, "settings_viewer", "Sesame-2024-x")
    assert someone.put(DEF, json={"schema_version": 1, "id": KEY, "label": {"zh": "x"}}).status_code == 403
