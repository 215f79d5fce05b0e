"""The session's Flask app with the futures CRM seeded (and its demo users), and a test
client logged in as one user: shared by the fixtures of the API and sheet tests."""
from __future__ import annotations

from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEMO_PASSWORD = "demo2026pass"
ADMIN_PASSWORD = "admin-pass-1"
BASE = "/api/v1/apps/futures_crm/forms"


def seed_crm(app, clients: int = 300):
    """The app with the futures CRM published and at least `clients` synthetic clients."""
    from trellis.seeding import seed_app

    rt = app.extensions["trellis"]
    with app.app_context():
        have = 0
        if rt.store.published("futures_crm", "form", "client") is not None:
            with rt.engine.connect() as conn:
                have = conn.exec_driver_sql("SELECT count(*) FROM futures_crm__client").scalar()
        if have < clients:
            seed_app(rt, str(SEEDS), "futures_crm", clients, progress=lambda *a: None, chunk=150)
    return app


class Client:
    """A test client that sends one user's JWT."""

    def __init__(self, app, username: str, password: str | None = None):
        self.client = app.test_client()
        password = password or (ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
        r = self.client.post("/api/v1/security/login", json={"username": username, "password": password,
                                                             "provider": "db"})
        assert r.status_code == 200, r.get_data(as_text=True)
        self.token = r.get_json()["access_token"]
        self.headers = {"Authorization": f"Bearer {self.token}"}

    def get(self, url, **kw):
        return self.client.get(url, headers=self.headers, **kw)

    def put(self, url, **kw):
        return self.client.put(url, headers=self.headers, **kw)

    def post(self, url, **kw):
        return self.client.post(url, headers=self.headers, **kw)


def logins(app):
    """A function username -> Client, each user logged in once."""
    cache: dict[str, Client] = {}

    def make(username: str) -> Client:
        if username not in cache:
            cache[username] = Client(app, username)
        return cache[username]
    return make
