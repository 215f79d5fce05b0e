"""LDAP sign-in against a real OpenLDAP server (slapd started by the test, tests/security/
slapd_server.py): a directory user signs in through the JSON login (provider "ldap", and the
React sign-in page's "db", which under AUTH_LDAP asks the directory) and FAB's own /login/ form,
gets a Trellis user at first sign-in, the app role from the group 客户经理 through
AUTH_ROLES_MAPPING and memberOf, and sees only the clients they manage; a wrong password is
refused; a user taken out of the group loses the role at their next sign-in."""
from __future__ import annotations

import json
import os

import pytest
import requests

from crm_app import ADMIN_PASSWORD
from served import served
from slapd_server import SlapdServer, missing

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

LOGIN = "/api/v1/security/login"
CLIENTS = "/api/v1/apps/futures_crm/forms/client/records"
ROLE = "futures_crm.account_manager"
PASSWORD = "Directory-2026-pw"
CONFIG = """\
from flask_appbuilder.const import AUTH_LDAP
AUTH_TYPE = AUTH_LDAP
AUTH_LDAP_SERVER = {url!r}
AUTH_LDAP_SEARCH = {search!r}
AUTH_LDAP_UID_FIELD = "uid"
AUTH_LDAP_BIND_USER = {bind!r}
AUTH_LDAP_BIND_PASSWORD = {bind_password!r}
AUTH_LDAP_FIRSTNAME_FIELD, AUTH_LDAP_LASTNAME_FIELD, AUTH_LDAP_EMAIL_FIELD = "givenName", "sn", "mail"
AUTH_USER_REGISTRATION = True
AUTH_USER_REGISTRATION_ROLE = "Public"
AUTH_ROLES_MAPPING = {mapping}
AUTH_ROLES_SYNC_AT_LOGIN = True
"""


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    with SlapdServer(tmp_path_factory.mktemp("slapd")) as server:
        server.add_user("ldap_am1", PASSWORD, "一", "张")
        server.add_user("ldap_am2", PASSWORD, "二", "李")
        server.add_user("ldap_cs", PASSWORD, "三", "王")
        server.add_group("客户经理", ["ldap_am1", "ldap_am2"])
        server.add_group("客服", ["ldap_cs"])
        yield server


@pytest.fixture(scope="module")
def site(directory, tmp_path_factory):
    """A Trellis server of its own (its own process: FAB's views are registered once per
    process) signing in against `directory`, with the futures CRM and 20 clients."""
    pytest.importorskip("ldap", reason="python-ldap is not installed (pip install -e '.[ldap]')")
    home = tmp_path_factory.mktemp("ldap_home")
    mapping = {directory.group_dn("客户经理"): [ROLE], directory.group_dn("客服"): ["futures_crm.customer_service"]}
    config = home / "ldap_config.py"
    config.write_text(CONFIG.format(url=directory.url, search=f"ou=people,{directory.base}", bind=directory.root_dn,
                                    bind_password=directory.root_password,
                                    mapping=json.dumps(mapping, ensure_ascii=False)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL")}
    env["TRELLIS_CONFIG"] = str(config)
    with served(home, 20, env=env) as base:
        yield base


def _json_login(site, username, password, provider="ldap"):
    return requests.post(site + LOGIN, json={"username": username, "password": password, "provider": provider},
                         timeout=60)


def _bearer(r) -> dict:
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def _me(site, headers) -> dict:
    r = requests.get(site + "/api/v1/me", headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


def _admin(site) -> dict:
    return _bearer(_json_login(site, "admin", ADMIN_PASSWORD, provider="db"))


def _give_clients(site, user_id, count) -> set[int]:
    """Make the user the account manager of the first `count` clients; their ids."""
    admin = _admin(site)
    rows = requests.get(site + CLIENTS, params={"limit": count, "sort": "id"}, headers=admin, timeout=60).json()["items"]
    for row in rows:
        r = requests.patch(f"{site}{CLIENTS}/{row['id']}", json={"account_manager": user_id}, headers=admin, timeout=60)
        assert r.status_code == 200, r.text
    return {row["id"] for row in rows}


def _visible_clients(site, headers) -> set[int]:
    r = requests.get(site + CLIENTS, params={"limit": 500}, headers=headers, timeout=60)
    assert r.status_code == 200, r.text
    return {row["id"] for row in r.json()["items"]}


def test_directory_user_signs_in_with_the_mapped_role_and_sees_their_clients(site):
    assert _json_login(site, "ldap_am1", "").status_code in (400, 401)
    r = _json_login(site, "ldap_am1", PASSWORD)
    me = _me(site, _bearer(r))
    assert me["username"] == "ldap_am1" and me["name"] == "张一" and not me["is_admin"]
    assert set(me["roles"]) == {ROLE, "Public"}
    assert _visible_clients(site, _bearer(r)) == set()  # manages nobody yet
    mine = _give_clients(site, me["id"], 3)
    assert len(mine) == 3 and _visible_clients(site, _bearer(r)) == mine


def test_sign_in_page_login_asks_the_directory(site):
    """The React sign-in page sends provider "db": under AUTH_LDAP that is the directory too."""
    r = _json_login(site, "ldap_am2", PASSWORD, provider="db")
    assert ROLE in _me(site, _bearer(r))["roles"]
    assert _json_login(site, "ldap_am2", "wrong-password-1", provider="db").status_code == 401
    assert _json_login(site, "ldap_am2", "", provider="db").status_code in (400, 401)
    # the first administrator keeps the database password of their own
    assert _json_login(site, "admin", ADMIN_PASSWORD, provider="db").status_code == 200


def test_fab_login_form_signs_in_against_the_directory(site):
    browser = requests.Session()
    assert browser.get(site + "/login/", timeout=60).status_code == 200
    bad = browser.post(site + "/login/", data={"username": "ldap_cs", "password": "nope-nope-1"},
                       allow_redirects=False, timeout=60)
    assert bad.status_code == 302 and "/login" in bad.headers["Location"]
    good = browser.post(site + "/login/", data={"username": "ldap_cs", "password": PASSWORD},
                        allow_redirects=False, timeout=60)
    assert good.status_code == 302 and "/login" not in good.headers["Location"]
    me = browser.get(site + "/api/v1/me", timeout=60).json()  # the browser session's cookie
    assert me["username"] == "ldap_cs" and set(me["roles"]) == {"futures_crm.customer_service", "Public"}


def test_wrong_password_is_refused_and_audited(site):
    assert _json_login(site, "ldap_am1", "not-the-password-9").status_code == 401
    assert _json_login(site, "nobody_here", PASSWORD).status_code == 401
    failed = requests.get(site + "/api/v1/admin/audit", params={"action": "login_failed", "limit": 5},
                          headers=_admin(site), timeout=60).json()["items"]
    assert [e["username"] for e in failed[:2]] == ["nobody_here", "ldap_am1"]


def test_user_taken_out_of_the_group_loses_the_role_at_next_sign_in(site, directory):
    assert ROLE in _me(site, _bearer(_json_login(site, "ldap_am2", PASSWORD)))["roles"]
    directory.remove_member("客户经理", "ldap_am2")
    r = _json_login(site, "ldap_am2", PASSWORD)
    assert set(_me(site, _bearer(r))["roles"]) == {"Public"}
    denied = requests.get(site + CLIENTS, headers=_bearer(r), timeout=60)
    assert denied.status_code == 403
