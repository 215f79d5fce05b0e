"""Seeded instances shared by the operations commands' tests (made once per run, through
the `trellis` command in child processes)."""
from __future__ import annotations

import pytest

from ops_env import create_db, drop_db, make_instance, pg_problem

PG_PROBLEM = pg_problem()


@pytest.fixture(scope="session")
def sqlite_source(tmp_path_factory):
    """A SQLite instance: the futures CRM with a few hundred clients and an attached file."""
    home = tmp_path_factory.mktemp("ops-sqlite")
    attached = make_instance(home)
    return {"home": home, "url": None, **attached}


@pytest.fixture(scope="session")
def pg_source(tmp_path_factory):
    """The same on PostgreSQL (a database of its own, dropped afterwards)."""
    if PG_PROBLEM:
        pytest.skip(PG_PROBLEM)
    home = tmp_path_factory.mktemp("ops-pg")
    url = create_db()
    try:
        attached = make_instance(home, url)
        yield {"home": home, "url": url, **attached}
    finally:
        drop_db(url)


@pytest.fixture
def pg_target():
    """An empty PostgreSQL database (its URL), dropped afterwards."""
    if PG_PROBLEM:
        pytest.skip(PG_PROBLEM)
    url = create_db()
    yield url
    drop_db(url)
