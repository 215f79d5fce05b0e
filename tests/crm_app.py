"""The session's Flask app with the futures CRM seeded (and its demo users), and test
clients signed in as its users: shared by the fixtures of the API and sheet tests."""
from __future__ import annotations

from pathlib import Path

from api_client import BearerClient, sign_in

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
DEMO_PASSWORD = "demo2026pass"
ADMIN_PASSWORD = "admin-pass-1"
BASE = "/api/v1/apps/futures_crm/forms"


def seed_crm(app, clients: int = 300):
    """The app with the futures CRM published and at least `clients` synthetic clients."""
    from trellis.provision.seed import seed_app

    rt = app.extensions["trellis"]
    with app.app_context():
        have = 0
        if rt.store.published("futures_crm", "form", "client") is not None:
            with rt.engine.connect() as conn:
                have = conn.exec_driver_sql("SELECT count(*) FROM futures_crm__client").scalar()
        if have < clients:
            # the seed's flows stay out of the shared app: their runs would write into other tests' data
            seed_app(rt, str(SEEDS), "futures_crm", clients, progress=lambda *a: None, chunk=150, flows=False)
    return app


def logins(app):
    """A function username -> a test client signed in as that user (once each)."""
    cache: dict[str, BearerClient] = {}

    def make(username: str) -> BearerClient:
        if username not in cache:
            cache[username] = sign_in(app, username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
        return cache[username]
    return make
