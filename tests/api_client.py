"""Test clients of the API that send a bearer token, and users to sign in as:
`bearer(client, token).get(url, ...)`, `ensure_user(app, name, password)` (a FAB user with the
Public role, created once) and `sign_in(app, name, password)` (a client signed in as them)."""
from __future__ import annotations


class BearerClient:
    """A Flask test client whose every request carries `Authorization: Bearer <token>`."""

    def __init__(self, client, token: str):
        self._client = client
        self._headers = {"Authorization": f"Bearer {token}"}

    def __getattr__(self, method):
        def call(url, **kw):
            kw.setdefault("headers", {}).update(self._headers)
            return getattr(self._client, method)(url, **kw)
        return call


def bearer(client, token: str) -> BearerClient:
    return BearerClient(client, token)


def ensure_user(app, username: str, password: str) -> int:
    with app.app_context():
        sm = app.appbuilder.sm
        user = sm.find_user(username=username)
        if user is None:
            user = sm.add_user(username, "名", "姓", f"{username}@example.com", sm.find_role("Public"),
                               password=password)
        return user.id


def sign_in(app, username: str, password: str) -> BearerClient:
    client = app.test_client()
    r = client.post("/api/v1/security/login", json={"username": username, "password": password, "provider": "db"})
    assert r.status_code == 200, r.get_data(as_text=True)
    return bearer(client, r.get_json()["access_token"])
