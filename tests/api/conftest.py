"""Fixtures of the API tests that need the futures CRM: the session app with it seeded, and
clients logged in as its demo users."""
from __future__ import annotations

import pytest

from crm_app import logins, seed_crm


@pytest.fixture(scope="session")
def crm(app):
    return seed_crm(app)


@pytest.fixture(scope="session")
def login(crm):
    return logins(crm)
