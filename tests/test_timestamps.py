"""Timestamps are answered with their UTC offset: naive stored values are the server's
local time (TZ), aware ones keep their instant; the API's records, versions and tokens
carry the offset."""
from __future__ import annotations

import os
import re
import time
from datetime import datetime, timedelta, timezone

import pytest

from trellis.kernel.timestamps import local, stamp

OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")


@pytest.fixture
def shanghai():
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Shanghai"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_naive_values_are_the_servers_local_time(shanghai):
    assert stamp(datetime(2026, 12, 6, 12, 58, 4)) == "2026-12-06T12:58:04+08:00"
    assert stamp("2026-12-06T12:58:04") == "2026-12-06T12:58:04+08:00"
    assert stamp(datetime(2026, 12, 6, 4, 58, 4, tzinfo=timezone.utc)) == "2026-12-06T12:58:04+08:00"
    assert local(datetime(2026, 12, 6, 4, 58, 4, tzinfo=timezone.utc)) == datetime(2026, 12, 6, 12, 58, 4)
    assert stamp(None) is None


def test_answers_carry_the_offset(api):
    from samples import BROKER

    api.put("/api/v1/apps/demo/forms/broker/definition", json=BROKER)
    assert api.post("/api/v1/apps/demo/forms/broker/publish").status_code in (200, 404, 422)
    r = api.post("/api/v1/apps/demo/forms/broker/records", json={"name": "时区"})
    if r.status_code == 404:  # the demo app is published by the API tests
        pytest.skip("demo app not published in this session")
    rec = r.get_json()
    assert OFFSET.match(rec["created_at"]) and OFFSET.match(rec["updated_at"]), rec
    stamped = datetime.fromisoformat(rec["created_at"])
    assert abs(stamped - datetime.now(timezone.utc)) < timedelta(minutes=5)
    versions = api.get("/api/v1/apps/demo/forms/broker/versions").get_json()["items"]
    assert all(OFFSET.match(v["published_at"]) for v in versions)
    token = api.post("/api/v1/tokens", json={"name": "tz", "expires_in_days": 1}).get_json()
    assert OFFSET.match(token["created_at"]) and OFFSET.match(token["expires_at"])
