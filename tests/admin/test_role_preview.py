""""View as this role" (GET /apps/<app>/roles/<role>/preview/<form>) against what a real
user holding that role gets from the records API, on SQLite and PostgreSQL; a draft role
previewed through the same access code; refusals for non-administrators and unknown
roles, forms and users; the role list's summaries and deleting a role."""
from __future__ import annotations

import pytest

from admin_client import Client
from crm_app import ADMIN_PASSWORD, DEMO_PASSWORD
from served import served

APP = "/api/v1/apps/futures_crm"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def site(request, tmp_path_factory):
    """(admin client, sign-in as a demo user) of a server of its own with the futures CRM
    seeded (80 clients), on each database."""
    database = request.getfixturevalue("pg_database_module") if request.param == "postgresql" else None
    with served(tmp_path_factory.mktemp(f"roles_{request.param}"), 80, database) as base:
        cache: dict = {}

        def login(name: str) -> Client:
            if name not in cache:
                cache[name] = Client(base, name, ADMIN_PASSWORD if name == "admin" else DEMO_PASSWORD)
            return cache[name]
        yield login("admin"), login


def _user_id(api, username: str) -> int:
    found = api.get("/api/v1/users", params={"q": username}).json()["items"]
    return next(u["id"] for u in found if u["username"] == username)


def _ids(items) -> list[int]:
    return [r["id"] for r in items]


def test_preview_matches_what_the_role_holder_sees(site):
    api, login = site
    me = login("am0001")
    uid = me.get("/api/v1/me").json()["id"]
    real_form = me.get(f"{APP}/forms/client").json()
    real = me.get(f"{APP}/forms/client/records", params={"count": "exact", "limit": 20}).json()
    r = api.get(f"{APP}/roles/account_manager/preview/client", params={"user_id": uid})
    assert r.status_code == 200, r.json()
    seen = r.json()
    assert 0 < seen["count"] == real["count"]
    assert _ids(seen["items"]) == _ids(real["items"])
    assert all(set(a) == set(b) for a, b in zip(seen["items"], real["items"]))
    assert [c["id"] for c in seen["columns"]] == [f["id"] for f in real_form["fields"]]
    assert seen["actions"] == real_form["actions"]
    assert {c["id"] for c in seen["readonly"]} == {f["id"] for f in real_form["fields"] if f.get("readonly")}
    assert {"account_manager", "client_code"} <= {c["id"] for c in seen["readonly"]}
    # every row is the user's own, and a user field comes with its name
    assert {row["account_manager"]["id"] for row in seen["items"]} == {uid}
    assert seen["items"][0]["account_manager"]["title"]
    # someone else's clients are not among them
    other = _user_id(api, "am0002")
    theirs = api.get(f"{APP}/roles/account_manager/preview/client", params={"user_id": other}).json()
    assert theirs["count"] > 0 and not set(_ids(theirs["items"])) & set(_ids(seen["items"]))


def test_hidden_fields_and_forms_the_role_does_not_grant(site):
    api, login = site
    cs = login("cs01")
    uid = cs.get("/api/v1/me").json()["id"]
    seen = api.get(f"{APP}/roles/customer_service/preview/client", params={"user_id": uid}).json()
    real_form = cs.get(f"{APP}/forms/client").json()
    hidden = {c["id"] for c in seen["hidden"]}
    assert "equity" in hidden and not hidden & {f["id"] for f in real_form["fields"]}
    assert all("equity" not in row for row in seen["items"])
    assert seen["actions"] == ["read"] and seen["readonly"] == []     # it edits nothing: no field is "read-only"
    assert seen["count"] == cs.get(f"{APP}/forms/client/records", params={"count": "exact"}).json()["count"]
    none = api.get(f"{APP}/roles/customer_service/preview/deposit", params={"user_id": uid}).json()
    assert none["actions"] == [] and none["count"] == 0 and none["items"] == []
    assert cs.get(f"{APP}/forms/deposit/records").status_code == 403


def test_a_draft_role_is_previewed_through_the_same_access_code(site):
    api, login = site
    uid = login("am0001").get("/api/v1/me").json()["id"]
    own = {"==": [{"var": "account_manager"}, {"var": "$user.id"}]}
    body = {"schema_version": 1, "id": "preview_draft", "label": {"zh": "预览草稿"},
            "forms": {"client": {"actions": ["read", "update"], "scope": own, "fields": {"mobile": "hidden",
                                                                                          "tier": "readonly"}}}}
    assert api.put(f"{APP}/definitions/role/preview_draft", json=body).status_code == 200
    r = api.get(f"{APP}/roles/preview_draft/preview/client", params={"user_id": uid})
    assert r.status_code == 404 and "preview_draft" in r.json()["message"]["zh"]   # never published
    seen = api.get(f"{APP}/roles/preview_draft/preview/client",
                   params={"user_id": uid, "draft": "true"}).json()
    published = api.get(f"{APP}/roles/account_manager/preview/client", params={"user_id": uid}).json()
    assert seen["draft"] is True and seen["count"] == published["count"]
    assert {c["id"] for c in seen["hidden"]} == {"mobile"} and "tier" in {c["id"] for c in seen["readonly"]}
    assert seen["actions"] == ["read", "update"]
    wide = dict(body, forms={"client": {"actions": ["read"]}})
    assert api.put(f"{APP}/definitions/role/preview_draft", json=wide).status_code == 200
    everything = api.get(f"{APP}/roles/preview_draft/preview/client",
                         params={"user_id": uid, "draft": "true"}).json()
    assert everything["count"] > seen["count"] and everything["hidden"] == []


def test_refusals_name_what_is_wrong(site):
    api, login = site
    uid = login("am0001").get("/api/v1/me").json()["id"]
    url = f"{APP}/roles/account_manager/preview/client"
    assert login("am0001").get(url, params={"user_id": uid}).status_code == 403
    assert login("bh_sh").get(f"{APP}/role-summaries").status_code == 403
    for address, named in ((f"{APP}/roles/ghost/preview/client", "ghost"),
                           (f"{APP}/roles/account_manager/preview/ghost_form", "ghost_form")):
        r = api.get(address, params={"user_id": uid})
        assert r.status_code == 404 and named in r.json()["message"]["zh"] and named in r.json()["message"]["en"]
    r = api.get(url, params={"user_id": 987654})
    assert r.status_code == 404 and "987654" in r.json()["message"]["en"]
    r = api.get(url)
    assert r.status_code == 400 and r.json()["details"]["param"] == "user_id"
    r = api.get(url, params={"user_id": uid, "draft": "maybe"})
    assert r.status_code == 400 and r.json()["details"]["param"] == "draft"
    r = api.get(url, params={"user_id": "x"})
    assert r.status_code == 400 and r.json()["details"]["param"] == "user_id"


def test_summaries_and_deleting_a_role(site):
    api, login = site
    items = {r["id"]: r for r in api.get(f"{APP}/role-summaries").json()["items"]}
    assert items["account_manager"]["members"] >= 1 and "client" in items["account_manager"]["forms"]
    assert items["management"]["all_forms"] is True and items["account_manager"]["label"]["zh"] == "客户经理"
    r = api.delete(f"{APP}/roles/account_manager")
    assert r.status_code == 409 and "am0001" in r.json()["message"]["zh"]
    assert api.get(f"{APP}/definitions/role/account_manager").status_code == 200
    body = {"schema_version": 1, "id": "to_remove", "label": {"zh": "待删除"}, "forms": {"client": {"actions": ["read"]}}}
    assert api.put(f"{APP}/definitions/role/to_remove", json=body).status_code == 200
    assert api.post(f"{APP}/definitions/role/to_remove/publish").status_code == 200
    assert "to_remove" in {r["id"] for r in api.get(f"{APP}/roles").json()["items"]}
    assert api.delete(f"{APP}/roles/to_remove").status_code == 204
    assert api.get(f"{APP}/definitions/role/to_remove").status_code == 404
    assert "to_remove" not in {r["id"] for r in api.get(f"{APP}/role-summaries").json()["items"]}
    assert "to_remove" not in {r["id"] for r in api.get(f"{APP}/roles").json()["items"]}
    assert api.delete(f"{APP}/roles/to_remove").status_code == 404
