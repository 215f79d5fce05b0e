"""Fixtures of the notification tests: the session's futures CRM (its demo users and
clients), its runtime on a simulated clock for the test's length; each test starts with an
empty delivery log, message center and outbox, and the seed's channels."""
from __future__ import annotations

import pytest

from crm_app import SEEDS
from crm_notify import MONDAY_10, TABLES, shanghai
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.provision.seed import seed_channels
from trellis.storage import models


@pytest.fixture
def crm_app(crm):
    """The session's app with the futures CRM (one Flask app per process)."""
    return crm


@pytest.fixture
def nrt(crm_app):
    """The CRM's runtime, its clock simulated and set to `MONDAY_10` (Asia/Shanghai), with
    nothing sent yet; its real clock back afterwards."""
    rt = crm_app.extensions["trellis"]
    real = rt.clock
    with rt.jobs.scheduler.paused():  # the app's own scheduler thread (started by any request) keeps out
        rt.jobs.scheduler.stop()       # and no batch it claimed in an earlier test is still running
        rt.clock = SimulatedClock(shanghai(MONDAY_10))
        with rt.transaction() as conn:
            for t in TABLES:
                conn.execute(t.delete())
            conn.execute(models.channel.delete().where(models.channel.c.type.not_in(("outbox", "inapp"))))
            conn.execute(models.channel.update().values(enabled=True))
        seed_channels(rt, SEEDS / "futures_crm", "futures_crm")  # those a test replaced, back as the seed has them
        rt.notify.forget_channels()
        try:
            yield rt
        finally:
            rt.clock = real  # before the scheduler may claim again: never on the simulated clock
