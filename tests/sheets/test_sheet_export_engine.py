"""The export engine on each database (SQLite and PostgreSQL): pages through the record
service with a keyset cursor, row scope applied, values as users see them."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.kernel.actor import SYSTEM, Actor
from trellis.kernel.errors import Forbidden
from trellis.provision.seed import seed_app
from trellis.sheets import export as exporting
from seeded_users import actor_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def crm_rt(runtime):
    fab_models.User.metadata.create_all(runtime.engine)
    seed_app(runtime, str(SEEDS), "futures_crm", 150, progress=lambda *a: None, chunk=150)
    return runtime


def _actor(rt, username: str) -> Actor:
    return actor_of(rt, username)


def _csv(job) -> list[list[str]]:
    data = b"".join(job.csv_chunks()).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data)))


def test_pages_cover_every_row_in_order(crm_rt, monkeypatch):
    monkeypatch.setattr(exporting, "PAGE", 40)          # several keyset pages
    job = exporting.prepare(crm_rt, "futures_crm", "client", SYSTEM, fmt="csv", sort="-equity,name",
                            fields=["id", "name", "equity", "status", "branch", "created_at"]).start()
    rows = _csv(job)
    with crm_rt.engine.connect() as conn:
        live = conn.execute(sa.text("select id from futures_crm__client where deleted_at is null")).scalars().all()
    assert rows[0] == ["记录ID", "客户名称", "客户权益", "账户状态", "营业部", "创建时间"]
    ids = [int(r[0]) for r in rows[1:]]
    assert sorted(ids) == sorted(live) and len(ids) == len(set(ids)) == job.count
    equities = [float(r[2]) if r[2] else None for r in rows[1:]]
    present = [e for e in equities if e is not None]
    assert present == sorted(present, reverse=True)
    assert all(r[3] in ("潜在", "正常", "休眠", "流失风险", "已销户") for r in rows[1:])
    assert all(not r[4].isdigit() for r in rows[1:] if r[4])        # department names, not ids
    assert all(len(r[5]) == 19 and r[5][10] == " " for r in rows[1:])


def test_branch_head_exports_the_branch(crm_rt, tmp_path):
    who = _actor(crm_rt, "bh_sh")
    job = exporting.prepare(crm_rt, "futures_crm", "client", who, fmt="xlsx", fields=["id", "name"]).start()
    count = job.write(tmp_path / "b.xlsx")
    with crm_rt.engine.connect() as conn:
        every = conn.execute(sa.text("select count(*) from futures_crm__client where deleted_at is null")).scalar()
    assert 0 < count < every
    with pytest.raises(Forbidden):
        exporting.prepare(crm_rt, "futures_crm", "client", _actor(crm_rt, "am0001"), fmt="csv")
