"""The whole OpenAPI document fuzzed with schemathesis against an instance of its own
(tests/fuzz_server.py: the futures CRM seeded, served on loopback), as an administrator
and as an account manager: no answer is a 5xx, every status is documented for its
operation, every content type and body matches the document. Bounded in time
(TRELLIS_FUZZ_SECONDS per user, 70 by default); deselect with `-m "not fuzz"`. A longer
run: tests/bench/fuzz.sh."""
from __future__ import annotations

import os

import pytest
import requests

from crm_app import ADMIN_PASSWORD, DEMO_PASSWORD
from fuzzing import Report, fuzz, load, login
from served import served

pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(400)]
SECONDS = float(os.environ.get("TRELLIS_FUZZ_SECONDS", 70))
POSITIVE = int(os.environ.get("TRELLIS_FUZZ_POSITIVE", 4))
NEGATIVE = int(os.environ.get("TRELLIS_FUZZ_NEGATIVE", 2))


def _fab_admin_crud(label: str) -> bool:
    """Flask-AppBuilder's user / role / permission CRUD, for the administrator: it would
    delete the accounts the run signs in with (the account manager fuzzes these: refused)."""
    return " /api/v1/security/" in label and not label.endswith(("/security/login", "/security/refresh"))


def _admin_skips(label: str) -> bool:
    """Besides FAB's CRUD: configuring a channel and sending its test, which could point a
    channel at an outside server (tests/notify covers both with servers on loopback)."""
    return _fab_admin_crud(label) or label.startswith("PUT /api/v1/apps/{app}/channels/") or \
        label.endswith("/channels/{name}/test")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with served(tmp_path_factory.mktemp("fuzz"), 60) as base:
        yield base


@pytest.mark.parametrize("username", ["am0001", "admin"])
def test_fuzz_the_whole_document(server, username):
    session = requests.Session()
    headers = login(session, server, username, ADMIN_PASSWORD if username == "admin" else DEMO_PASSWORD)
    schema = load(server, headers)
    report = fuzz(schema, headers, Report(), positive=POSITIVE, negative=NEGATIVE, budget_s=SECONDS,
                  skip=_admin_skips if username == "admin" else (lambda label: False), session=session)
    print(f"\n{username}: {report.requests} requests, {report.server_errors} 5xx, statuses "
          f"{dict(sorted(report.statuses.items()))}, {len(report.skipped)} operation runs left for time")
    assert report.requests > 100  # it ran (fewer on a busy machine: the budget is in seconds)
    assert not report.failures, f"{len(report.failures)} failures:\n" + "\n".join(report.lines())
