"""A Trellis server of its own per database (SQLite, and PostgreSQL when it answers):
tests/fuzz_server.py with the futures CRM seeded, served on loopback, and JSON clients of
its API signed in as the administrator or anyone else."""
from __future__ import annotations

import pytest
from admin_client import Client
from crm_app import ADMIN_PASSWORD
from served import served


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    database = request.getfixturevalue("pg_database_module") if request.param == "postgresql" else None
    with served(tmp_path_factory.mktemp(f"admin_{request.param}"), 20, database) as base:
        yield base


@pytest.fixture(scope="module")
def pg_database_module(request):
    """A PostgreSQL database of this module's own (tests/conftest.py makes and drops it)."""
    root = next(p for p in request.config.pluginmanager.get_plugins() if hasattr(p, "_pg_database"))
    yield from root._pg_database("trellis_admin")


@pytest.fixture(scope="module")
def admin(server) -> Client:
    return Client(server, "admin", ADMIN_PASSWORD)


@pytest.fixture
def as_user(server):
    """A client signed in as `username` with `password`."""
    return lambda username, password: Client(server, username, password)
