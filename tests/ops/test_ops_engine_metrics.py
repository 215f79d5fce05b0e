"""What the engines count: a notification's deliveries by channel type and result (the
futures CRM's seeded channels, on a simulated Monday morning outside quiet hours) and an
import's rows and duration (a sheet imported on a runtime of its own)."""
from __future__ import annotations

import csv
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from prometheus_client import REGISTRY

from crm_app import SEEDS
from samples import install
from trellis.imports import batches
from trellis.imports.job import ImportJob
from trellis.kernel.actor import SYSTEM
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.provision.seed import seed_channels
from trellis.runtime import Runtime
from trellis.storage import models
from trellis.storage.files import FileStore


TABLES = (models.delivery_log, models.delivery, models.message, models.inbox, models.outbox, models.notify_prefs,
          models.job)
MONDAY_10 = datetime(2026, 12, 7, 10, 0, 0)  # Asia/Shanghai's wall clock: outside quiet hours


def shanghai(wall: datetime) -> datetime:
    return wall.replace(tzinfo=ZoneInfo("Asia/Shanghai")).astimezone().replace(tzinfo=None)


def a_client(rt) -> dict:
    t = rt.form("futures_crm", "client").table
    with rt.engine.connect() as conn:
        return dict(conn.execute(sa.select(t).where(t.c.email.is_not(None), t.c.deleted_at.is_(None))
                                 .order_by(t.c.id).limit(1)).mappings().first())


def deliveries(rt, message_id) -> list[dict]:
    t = models.delivery
    with rt.engine.connect() as conn:
        return [dict(r) for r in conn.execute(sa.select(t).where(t.c.message_id == message_id)).mappings()]


def sample(name: str, **labels) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_deliveries_are_counted_by_channel_type_and_result(crm):
    rt = crm.extensions["trellis"]
    real = rt.clock
    with rt.jobs.scheduler.paused():
        rt.jobs.scheduler.stop()
        rt.clock = SimulatedClock(shanghai(MONDAY_10))
        with rt.transaction() as conn:
            for t in TABLES:
                conn.execute(t.delete())
            conn.execute(models.channel.delete().where(models.channel.c.type.not_in(("outbox", "inapp"))))
            conn.execute(models.channel.update().values(enabled=True))
        seed_channels(rt, SEEDS / "futures_crm", "futures_crm")
        rt.notify.forget_channels()
        try:
            before = {k: sample("trellis_notify_deliveries_total", channel=k, result="sent")
                      for k in ("outbox", "inapp")}
            client = a_client(rt)
            out = rt.notify.send("futures_crm", "margin_call", recipients=[{"client": True}], form="client",
                                 record=client["id"])
            rt.jobs.run_due()
            sent = [d for d in deliveries(rt, out["message_id"]) if d["state"] == "sent"]
            assert sent
            for kind in ("outbox", "inapp"):
                n = sum(d["channel_type"] == kind for d in sent)
                assert sample("trellis_notify_deliveries_total", channel=kind, result="sent") - before[kind] == n
        finally:
            rt.clock = real


def test_import_rows_and_duration_are_counted(sqlite_engine, tmp_path):
    rt = Runtime(sqlite_engine, ttl=0, files_dir=str(tmp_path / "files"))
    install(rt)
    path = tmp_path / "clients.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f).writerows([["name", "mobile"]] + [[f"客户{i}", f"1380000{i:04d}"] for i in range(250)]
                                + [["", "bad"]])
    with open(path, "rb") as f:
        upload = FileStore(rt.files_dir).save(f, path.name, None)
    with rt.engine.begin() as conn:
        batch = batches.create(conn, app="demo", form="client", actor=SYSTEM, filename=path.name, upload=upload["id"],
                               sheet=None, header_row=None, mode="insert", keys=[], mapping={"0": "name", "1": "mobile"},
                               options={}, dry_run=False, on_error="skip", total=None)
    rows, runs = sample("trellis_import_rows_total"), sample("trellis_import_duration_seconds_count", status="done")
    out = ImportJob(rt, batch, chunk_size=100).run()
    assert out["status"] == "done" and out["inserted"] == 250 and out["failed"] == 1
    assert sample("trellis_import_rows_total") - rows == 251  # every row processed, the refused one too
    assert sample("trellis_import_duration_seconds_count", status="done") - runs == 1
    with rt.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from demo__client")).scalar() == 250
