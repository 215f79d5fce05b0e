"""Fixtures of the job tests: a runtime on each dialect whose clock is simulated (leases
and backoffs pass in no time), and its effects folder."""
from __future__ import annotations

import pytest

from handlers import register
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.runtime import Runtime


@pytest.fixture
def clock():
    return SimulatedClock()


@pytest.fixture
def jrt(engine, clock, tmp_path):
    """A runtime on SQLite and PostgreSQL with a simulated clock and the `test.effect` job."""
    rt = Runtime(engine, ttl=0, clock=clock)
    register(rt, tmp_path / "effects")
    return rt
