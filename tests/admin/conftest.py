"""A Trellis server of its own per database (SQLite, and PostgreSQL when it answers):
tests/fuzz_server.py with the futures CRM seeded, served on loopback, and JSON clients of
its API signed in as the administrator or anyone else."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from admin_client import Client
from crm_app import ADMIN_PASSWORD

SERVER = Path(__file__).resolve().parents[1] / "fuzz_server.py"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    home = tmp_path_factory.mktemp(f"admin_{request.param}")
    args = [sys.executable, str(SERVER), str(home), "--clients", "20"]
    if request.param == "postgresql":
        args += ["--database", request.getfixturevalue("pg_database_module")]
    log = open(home / "server.log", "w")
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        line = proc.stdout.readline()
        assert line.startswith("READY"), (home / "server.log").read_text()[-3000:]
        yield f"http://127.0.0.1:{line.split()[1]}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


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
