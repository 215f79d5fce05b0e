"""LDAP sign-in against a real OpenLDAP server (slapd started by the test, tests/security/
slapd_server.py): a directory user signs in through the JSON login (provider "ldap", and the
React sign-in page's "db", which under AUTH_LDAP asks the directory) and FAB's own /login/ form,
gets a Trellis user at first sign-in, the app role from the group 客户经理 through
AUTH_ROLES_MAPPING and memberOf, and sees only the clients they manage; a wrong password is
refused; a user taken out of the group loses the role at their next sign-in."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from slapd_server import SlapdServer, missing

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

LOGIN = "/api/v1/security/login"
CLIENTS = "/api/v1/apps/futures_crm/forms/client/records"
ROLE = "futures_crm.account_manager"
PASSWORD = "Directory-2026-pw"


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
def ldap_app(directory, tmp_path_factory):
    """A Trellis app signing in against `directory`, with the futures CRM and 20 clients."""
    pytest.importorskip("ldap", reason="python-ldap is not installed (pip install -e '.[test]')")
    from flask_appbuilder.const import AUTH_LDAP
    from trellis import create_app
    from trellis.provision.seed import seed_app
    from trellis.provision.setup import init_db
    from crm_app import SEEDS

    app = create_app({
        "TRELLIS_HOME": str(tmp_path_factory.mktemp("ldap_home")), "TESTING": True, "TRELLIS_DEFINITION_TTL": 0,
        "WTF_CSRF_ENABLED": False,
        "AUTH_TYPE": AUTH_LDAP, "AUTH_LDAP_SERVER": directory.url,
        "AUTH_LDAP_SEARCH": f"ou=people,{directory.base}", "AUTH_LDAP_UID_FIELD": "uid",
        "AUTH_LDAP_BIND_USER": directory.root_dn, "AUTH_LDAP_BIND_PASSWORD": directory.root_password,
        "AUTH_LDAP_FIRSTNAME_FIELD": "givenName", "AUTH_LDAP_LASTNAME_FIELD": "sn", "AUTH_LDAP_EMAIL_FIELD": "mail",
        "AUTH_USER_REGISTRATION": True, "AUTH_USER_REGISTRATION_ROLE": "Public",
        "AUTH_ROLES_MAPPING": {directory.group_dn("客户经理"): [ROLE],
                               directory.group_dn("客服"): ["futures_crm.customer_service"]},
        "AUTH_ROLES_SYNC_AT_LOGIN": True,
    })
    init_db(app, admin_password="admin-pass-1")
    rt = app.extensions["trellis"]
    with app.app_context():
        seed_app(rt, str(SEEDS), "futures_crm", 20, progress=lambda *a: None, chunk=50, flows=False)
    return app


def _json_login(app, username, password, provider="ldap"):
    return app.test_client().post(LOGIN, json={"username": username, "password": password, "provider": provider})


def _roles(app, username) -> set[str]:
    with app.app_context():
        user = app.appbuilder.sm.find_user(username=username)
        return {r.name for r in user.roles} if user else set()


def _give_clients(app, username, count) -> set[int]:
    """Make the directory user the account manager of `count` clients; their ids."""
    from trellis.kernel.actor import SYSTEM

    rt = app.extensions["trellis"]
    with app.app_context():
        uid = app.appbuilder.sm.find_user(username=username).id
    svc = rt.records("futures_crm", "client", SYSTEM)
    table = svc.form.table
    with rt.engine.connect() as conn:
        ids = conn.execute(sa.select(table.c.id).order_by(table.c.id).limit(count)).scalars().all()
    for rid in ids:
        svc.update(rid, {"account_manager": uid})
    return set(ids)


def _visible_clients(app, token) -> set[int]:
    r = app.test_client().get(CLIENTS, query_string={"limit": 500}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.get_data(as_text=True)
    return {row["id"] for row in r.get_json()["items"]}


def test_directory_user_signs_in_with_the_mapped_role_and_sees_their_clients(ldap_app):
    assert _roles(ldap_app, "ldap_am1") == set()  # no Trellis user before the first sign-in
    r = _json_login(ldap_app, "ldap_am1", PASSWORD)
    assert r.status_code == 200, r.get_data(as_text=True)
    with ldap_app.app_context():
        user = ldap_app.appbuilder.sm.find_user(username="ldap_am1")
        assert (user.first_name, user.last_name, user.email) == ("一", "张", "ldap_am1@trellis.test")
    assert _roles(ldap_app, "ldap_am1") == {ROLE, "Public"}
    assert _visible_clients(ldap_app, r.get_json()["access_token"]) == set()  # manages nobody yet
    mine = _give_clients(ldap_app, "ldap_am1", 3)
    assert _visible_clients(ldap_app, r.get_json()["access_token"]) == mine
    me = ldap_app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {r.get_json()['access_token']}"})
    assert me.status_code == 200 and me.get_json()["username"] == "ldap_am1" and not me.get_json()["is_admin"]


def test_sign_in_page_login_asks_the_directory(ldap_app):
    """The React sign-in page sends provider "db": under AUTH_LDAP that is the directory too."""
    r = _json_login(ldap_app, "ldap_am2", PASSWORD, provider="db")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert ROLE in _roles(ldap_app, "ldap_am2")
    assert _json_login(ldap_app, "ldap_am2", "wrong-password-1", provider="db").status_code == 401
    assert _json_login(ldap_app, "ldap_am2", "", provider="db").status_code in (400, 401)
    # the first administrator keeps the password of their own
    assert _json_login(ldap_app, "admin", "admin-pass-1", provider="db").status_code == 200


def test_fab_login_form_signs_in_against_the_directory(ldap_app):
    client = ldap_app.test_client()
    assert client.get("/login/").status_code == 200
    bad = client.post("/login/", data={"username": "ldap_cs", "password": "nope-nope-1"})
    assert bad.status_code == 302 and "/login" in bad.headers["Location"]
    good = client.post("/login/", data={"username": "ldap_cs", "password": PASSWORD})
    assert good.status_code == 302 and "/login" not in good.headers["Location"]
    assert _roles(ldap_app, "ldap_cs") == {"futures_crm.customer_service", "Public"}


def test_wrong_password_is_refused_and_audited(ldap_app):
    r = _json_login(ldap_app, "ldap_am1", "not-the-password-9")
    assert r.status_code == 401
    assert _json_login(ldap_app, "nobody_here", PASSWORD).status_code == 401
    rt = ldap_app.extensions["trellis"]
    from trellis.storage import models as m
    with rt.engine.connect() as conn:
        last = conn.execute(sa.select(m.audit.c.action, m.audit.c.username).where(m.audit.c.username == "ldap_am1")
                            .order_by(m.audit.c.id.desc()).limit(1)).first()
    assert tuple(last) == ("login_failed", "ldap_am1")


def test_user_taken_out_of_the_group_loses_the_role_at_next_sign_in(ldap_app, directory):
    assert _json_login(ldap_app, "ldap_am2", PASSWORD).status_code == 200
    assert ROLE in _roles(ldap_app, "ldap_am2")
    directory.remove_member("客户经理", "ldap_am2")
    r = _json_login(ldap_app, "ldap_am2", PASSWORD)
    assert r.status_code == 200
    assert _roles(ldap_app, "ldap_am2") == {"Public"}
    denied = ldap_app.test_client().get(CLIENTS, headers={"Authorization": f"Bearer {r.get_json()['access_token']}"})
    assert denied.status_code == 403
