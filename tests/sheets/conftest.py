"""Fixtures of the sheet tests: the session's Flask app with the futures CRM seeded (and its
demo users), and API clients logged in as a given user."""
from __future__ import annotations

from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DEMO_PASSWORD = "demo2026pass"
BASE = "/api/v1/apps/futures_crm/forms"


@pytest.fixture(scope="session")
def crm(app):
    """The session app with the futures CRM and at least 300 synthetic clients."""
    from trellis.seeding import seed_app

    rt = app.extensions["trellis"]
    with app.app_context():
        have = 0
        if rt.store.published("futures_crm", "form", "client") is not None:
            with rt.engine.connect() as conn:
                have = conn.exec_driver_sql("SELECT count(*) FROM futures_crm__client").scalar()
        if have < 300:
            seed_app(rt, str(SEEDS), "futures_crm", 300, progress=lambda *a: None, chunk=150)
    return app


class Client:
    """A test client that sends one user's JWT."""

    def __init__(self, app, username: str, password: str):
        self.client = app.test_client()
        r = self.client.post("/api/v1/security/login", json={"username": username, "password": password,
                                                             "provider": "db"})
        assert r.status_code == 200, r.get_data(as_text=True)
        self.headers = {"Authorization": f"Bearer {r.get_json()['access_token']}"}

    def get(self, url, **kw):
        return self.client.get(url, headers=self.headers, **kw)

    def put(self, url, **kw):
        return self.client.put(url, headers=self.headers, **kw)

    def post(self, url, **kw):
        return self.client.post(url, headers=self.headers, **kw)


@pytest.fixture(scope="session")
def login(crm):
    cache: dict[str, Client] = {}

    def make(username: str) -> Client:
        if username not in cache:
            cache[username] = Client(crm, username, "admin-pass-1" if username == "admin" else DEMO_PASSWORD)
        return cache[username]
    return make
