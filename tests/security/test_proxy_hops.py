"""Behind nginx the client's address comes from X-Forwarded-For, trusted for
TRELLIS_PROXY_HOPS hops only: with the setting, a failed sign-in is audited with the
forwarded address; without it, the header is ignored (a client cannot forge its address)."""
from __future__ import annotations

import json
import os
import urllib.request

from crm_app import ADMIN_PASSWORD
from served import served


def _post(base, path, body, headers=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _failed_sign_in_address(base: str) -> str:
    status, _ = _post(base, "/api/v1/security/login", {"username": "nobody", "password": "wrong-pass-1",
                                                       "provider": "db"}, {"X-Forwarded-For": "203.0.113.9"})
    assert status == 401
    status, body = _post(base, "/api/v1/security/login", {"username": "admin", "password": ADMIN_PASSWORD,
                                                          "provider": "db"})
    assert status == 200, body
    req = urllib.request.Request(base + "/api/v1/admin/audit?action=login_failed",
                                 headers={"Authorization": f"Bearer {body['access_token']}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        items = json.loads(r.read())["items"]
    return next(i["ip"] for i in items if i["username"] == "nobody")


def test_forwarded_address_trusted_only_with_the_setting(tmp_path):
    for hops, expected in (("1", "203.0.113.9"), ("0", "127.0.0.1")):
        home = tmp_path / f"hops{hops}"
        home.mkdir()
        with served(home, clients=0, env=dict(os.environ, TRELLIS_PROXY_HOPS=hops)) as base:
            assert _failed_sign_in_address(base) == expected
