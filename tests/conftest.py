"""Shared fixtures: databases (SQLite always; PostgreSQL when it answers), a Runtime
without Flask for engine tests, a Flask app with an admin JWT for API tests, and that
app with the futures CRM seeded."""
from __future__ import annotations

import json
import secrets
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))

from trellis.storage import migrate  # noqa: E402
from trellis.storage.database import make_engine  # noqa: E402
from trellis.runtime import Runtime  # noqa: E402

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SHARED = ROOT.parent / "shared"


def _pg_error() -> str | None:
    try:
        eng = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(sa.text("select 1"))
        eng.dispose()
        return None
    except Exception as e:  # any failure means: skip the PostgreSQL path, saying why
        return str(e).splitlines()[0]


PG_ERROR = _pg_error()


def _pg_database(prefix: str):
    """A new PostgreSQL database (its URL), dropped when the generator closes."""
    if PG_ERROR:
        pytest.skip(f"PostgreSQL not reachable at 127.0.0.1:5432: {PG_ERROR}")
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_url():
    """A fresh PostgreSQL database for this test session (dropped afterwards)."""
    yield from _pg_database("trellis_test")


@pytest.fixture
def pg_database():
    """A PostgreSQL database of the test's own, for a server using its public schema."""
    yield from _pg_database("trellis_own")


def _fresh_pg_schema(url: str) -> str:
    """Each test on PostgreSQL gets its own schema, via the connection's search_path."""
    schema = f"t_{secrets.token_hex(4)}"
    eng = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    eng.dispose()
    return schema


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """An empty database with the platform's tables, on each dialect."""
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    else:
        url = request.getfixturevalue("pg_url")
        schema = _fresh_pg_schema(url)
        eng = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def sqlite_engine(tmp_path):
    eng = make_engine(f"sqlite:///{tmp_path / 'test.db'}")
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def runtime(engine):
    return Runtime(engine, ttl=0, secret="test-instance-secret")


@pytest.fixture
def sqlite_runtime(sqlite_engine):
    return Runtime(sqlite_engine, ttl=0, secret="test-instance-secret")


def load_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One Flask app per session (SQLite) with an admin user `admin` / `admin-pass-1`."""
    from trellis import create_app
    from trellis.provision.setup import init_db

    home = tmp_path_factory.mktemp("home")
    flask_app = create_app({"TRELLIS_HOME": str(home), "TESTING": True, "TRELLIS_DEFINITION_TTL": 0,
                            "WTF_CSRF_ENABLED": False})
    init_db(flask_app, admin_password="admin-pass-1")
    return flask_app


@pytest.fixture(scope="session")
def token(app):
    client = app.test_client()
    r = client.post("/api/v1/security/login",
                    json={"username": "admin", "password": "admin-pass-1", "provider": "db", "refresh": True})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()["access_token"]


@pytest.fixture
def api(app, token):
    """A test client that sends the admin's JWT."""
    from api_client import bearer

    return bearer(app.test_client(), token)


@pytest.fixture(scope="session")
def crm(app):
    """The session app with the futures CRM and at least 300 synthetic clients (and its demo users)."""
    from crm_app import seed_crm

    return seed_crm(app)


@pytest.fixture(scope="session")
def login(crm):
    """API clients signed in as a given demo user of the seeded CRM."""
    from crm_app import logins

    return logins(crm)
