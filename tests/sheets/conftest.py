"""Fixtures of the sheet tests: the session's Flask app with the futures CRM seeded (and its
demo users), and API clients logged in as a given user."""
from __future__ import annotations

import pytest

from crm_app import logins, seed_crm


@pytest.fixture(scope="session")
def crm(app):
    """The session app with the futures CRM and at least 300 synthetic clients."""
    return seed_crm(app)


@pytest.fixture(scope="session")
def login(crm):
    return logins(crm)
