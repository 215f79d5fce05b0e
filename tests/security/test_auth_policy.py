"""Sign-in: the database login path, the password policy as FAB applies it (security API
and forms), and login rate limiting (429 after repeated attempts from one address)."""
from __future__ import annotations

import secrets

import pytest

from trellis.web.config import load_config
from trellis.security import passwords

LOGIN = "/api/v1/security/login"


def _user(app, username, password="Sesame-2024-x", active=True) -> int:
    from trellis.web.extensions import appbuilder

    with app.app_context():
        sm = appbuilder.sm
        user = sm.find_user(username=username) or sm.add_user(
            username, "名", "姓", f"{username}@example.com", sm.find_role("Public"), password=password)
        user.active = active
        sm.update_user(user)
        return user.id


def _from(app, address: str):
    """A test client whose requests come from `address` (rate limits count per address)."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _address() -> str:
    return f"10.{secrets.randbelow(250)}.{secrets.randbelow(250)}.{secrets.randbelow(250) + 1}"


# -- the policy -----------------------------------------------------------------------------

@pytest.mark.parametrize("password, username, broken", [
    ("Sesame2024x", None, []),
    ("密码安全性很重要2024", None, []),
    ("Sh0rt", None, ["10"]),
    ("onlyletters-here", None, ["字母和数字"]),
    ("1234567890123", None, ["字母和数字"]),
    ("Zhangsan-2024", "zhangsan", ["用户名"]),
    ("xxZHANGSAN2024", "zhangsan", ["用户名"]),
    ("li-2024-abcdef", "li", []),  # a username this short is not searched for
    ("", "x", ["10", "字母和数字"]),
])
def test_policy(password, username, broken):
    found = passwords.problems(password, username)
    assert len(found) == len(broken) and all(b in zh for b, (zh, _en) in zip(broken, found))
    if broken:
        with pytest.raises(passwords.PasswordRejected) as e:
            passwords.check(password, username)
        assert e.value.message["zh"] and e.value.message["en"] and " / " in str(e.value)
    else:
        passwords.check(password, username)


def test_policy_applies_to_fab_user_api(app, api):
    tag = secrets.token_hex(3)
    with app.app_context():
        role = app.appbuilder.sm.find_role("Public").id
    user = {"username": f"newbie_{tag}", "first_name": "新", "last_name": "人", "email": f"newbie_{tag}@example.com",
            "roles": [role]}
    weak = api.post("/api/v1/security/users/", json={**user, "password": "abc"})
    assert weak.status_code == 400
    msg = str(weak.get_json()["message"]["password"])
    assert "至少需要 10 个字符" in msg and "at least 10 characters" in msg and "letters and digits" in msg
    named = api.post("/api/v1/security/users/", json={**user, "password": f"x{tag}-newbie_{tag}-9"})
    assert named.status_code == 400 and "用户名" in str(named.get_json()["message"]["password"])
    ok = api.post("/api/v1/security/users/", json={**user, "password": "Sesame-2024-x"})
    assert ok.status_code == 201, ok.get_json()
    pk = ok.get_json()["id"]
    # an edit names the user by its id only: the policy still knows the username
    edit = api.put(f"/api/v1/security/users/{pk}", json={"password": f"NEWBIE_{tag}-2024"})
    assert edit.status_code == 400 and "username" in str(edit.get_json()["message"]["password"])
    assert api.put(f"/api/v1/security/users/{pk}", json={"password": "Another-2025-y"}).status_code == 200
    r = app.test_client().post(LOGIN, json={"username": f"newbie_{tag}", "password": "Another-2025-y",
                                            "provider": "db"})
    assert r.status_code == 200


def test_policy_applies_to_fab_forms(app):
    from flask_appbuilder.security.forms import ResetPasswordForm

    with app.test_request_context("/resetmypassword/form", method="POST",
                                  data={"password": "short1", "conf_password": "short1"}):
        form = ResetPasswordForm()
        assert not form.validate()
        assert "至少需要 10 个字符" in form.errors["password"][0]
    with app.test_request_context("/resetmypassword/form", method="POST",
                                  data={"password": "Sesame-2024-x", "conf_password": "Sesame-2024-x"}):
        assert ResetPasswordForm().validate()


def test_policy_settings(tmp_path):
    cfg = load_config({"TRELLIS_HOME": str(tmp_path)})
    assert cfg["FAB_PASSWORD_COMPLEXITY_ENABLED"] is True and callable(cfg["FAB_PASSWORD_COMPLEXITY_VALIDATOR"])
    assert cfg["AUTH_RATE_LIMITED"] is True and cfg["RATELIMIT_ENABLED"] is True and cfg["AUTH_RATE_LIMIT"]
    expected = cfg["TRELLIS_REDIS_URL"] or "memory://"
    assert cfg["RATELIMIT_STORAGE_URI"] == expected
    redis = load_config({"TRELLIS_HOME": str(tmp_path), "TRELLIS_REDIS_URL": "redis://cache:6379/0"})
    assert redis["RATELIMIT_STORAGE_URI"] == "redis://cache:6379/0"


# -- the database sign-in path --------------------------------------------------------------

def test_database_login(app):
    tag = secrets.token_hex(3)
    uid = _user(app, f"trader_{tag}")
    client = _from(app, _address())
    ok = client.post(LOGIN, json={"username": f"trader_{tag}", "password": "Sesame-2024-x", "provider": "db"})
    assert ok.status_code == 200 and ok.get_json()["access_token"]
    jwt = {"Authorization": f"Bearer {ok.get_json()['access_token']}"}
    assert client.get(f"/api/v1/users/{uid}/context", headers=jwt).get_json()["id"] == uid
    wrong = client.post(LOGIN, json={"username": f"trader_{tag}", "password": "Sesame-2024-y", "provider": "db"})
    assert wrong.status_code == 401
    nobody = client.post(LOGIN, json={"username": f"ghost_{tag}", "password": "Sesame-2024-x", "provider": "db"})
    assert nobody.status_code == 401
    _user(app, f"trader_{tag}", active=False)
    inactive = client.post(LOGIN, json={"username": f"trader_{tag}", "password": "Sesame-2024-x", "provider": "db"})
    assert inactive.status_code == 401
    # a JWT issued before the user was deactivated no longer opens the API
    assert client.get(f"/api/v1/users/{uid}/context", headers=jwt).status_code == 401


def test_session_login_through_the_form(app):
    tag = secrets.token_hex(3)
    uid = _user(app, f"clerk_{tag}")
    client = _from(app, _address())
    r = client.post("/login/", data={"username": f"clerk_{tag}", "password": "Sesame-2024-x"})
    assert r.status_code == 302
    assert client.get(f"/api/v1/users/{uid}/context").get_json()["username"] == f"clerk_{tag}"


# -- rate limiting --------------------------------------------------------------------------

def _limit(app) -> int:
    return int(app.config["AUTH_RATE_LIMIT"].split()[0])


def test_json_login_limited_after_failures(app):
    tag = secrets.token_hex(3)
    _user(app, f"victim_{tag}")
    attacker = _from(app, _address())
    guess = {"username": f"victim_{tag}", "password": "Guess-0000-x", "provider": "db"}
    for _ in range(_limit(app)):
        assert attacker.post(LOGIN, json=guess).status_code == 401
    blocked = attacker.post(LOGIN, json={**guess, "password": "Sesame-2024-x"})
    assert blocked.status_code == 429
    assert blocked.get_json()["message"]["zh"] and blocked.get_json()["message"]["en"]
    # another address is not affected
    other = _from(app, _address()).post(LOGIN, json={**guess, "password": "Sesame-2024-x"})
    assert other.status_code == 200


def test_successful_json_logins_are_not_counted(app):
    tag = secrets.token_hex(3)
    _user(app, f"busy_{tag}")
    client = _from(app, _address())
    for _ in range(_limit(app) + 3):
        r = client.post(LOGIN, json={"username": f"busy_{tag}", "password": "Sesame-2024-x", "provider": "db"})
        assert r.status_code == 200


def test_form_login_limited(app):
    client = _from(app, _address())
    codes = [client.post("/login/", data={"username": "admin", "password": "nope"}).status_code
             for _ in range(_limit(app) + 1)]
    assert 429 not in codes[:-1] and codes[-1] == 429


def test_session_writes_need_the_csrf_token(app):
    """A browser session (cookie) must send X-CSRFToken on writes; JWT calls need none."""
    import re

    flask_app = app
    client = flask_app.test_client()
    flask_app.config["WTF_CSRF_ENABLED"] = True
    try:
        page = client.get("/login/")
        assert page.status_code == 200
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
        form = {"username": "admin", "password": "admin-pass-1"}
        if token:
            form["csrf_token"] = token.group(1)
        client.post("/login/", data=form)
        assert client.get("/api/v1/apps").status_code == 200              # the session works for reads
        r = client.post("/api/v1/departments", json={"code": "csrf_dep", "name": "CSRF"})
        assert r.status_code == 400 and r.get_json()["code"] == "csrf"   # a write without the token
        csrf = client.get("/api/v1/csrf").get_json()["csrf_token"]
        r = client.post("/api/v1/departments", json={"code": "csrf_dep", "name": "CSRF"}, headers={"X-CSRFToken": csrf})
        assert r.status_code == 201, r.get_json()
    finally:
        flask_app.config["WTF_CSRF_ENABLED"] = False
