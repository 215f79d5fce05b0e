"""An account manager importing clients of the futures CRM: the role's actions, row scope
and field permissions apply to an import as to any write (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from import_helpers import error_rows, run_import, write_xlsx
from trellis.kernel.actor import Actor
from trellis.kernel.errors import Forbidden
from trellis.imports.rollback import rollback
from seeded_users import actor_of, crm_runtime

HEAD = ["客户名称", "手机号", "风险测评结果", "开户日期", "客户权益"]
MAP = {0: "name", 1: "mobile", 2: "risk_level", 3: "opened_at", 4: "equity"}


@pytest.fixture
def crm(engine, tmp_path):
    return crm_runtime(engine, str(tmp_path / "files"))


def _actor(rt, username: str) -> Actor:
    return actor_of(rt, username)


def _client(rt, mobile: str):
    with rt.engine.connect() as conn:
        return conn.execute(sa.text("select * from futures_crm__client where mobile = :m and deleted_at is null"),
                            {"m": mobile}).mappings().first()


def test_account_manager_imports_into_their_own_book(crm, tmp_path):
    am = _actor(crm, "am0001")
    with crm.engine.connect() as conn:
        other = conn.execute(sa.text("select mobile from futures_crm__client where account_manager != :u "
                                     "and deleted_at is null limit 1"), {"u": am.id}).scalar_one()
        mine = conn.execute(sa.text("select mobile from futures_crm__client where account_manager = :u "
                                    "and deleted_at is null limit 1"), {"u": am.id}).scalar_one()
    kw = dict(app="futures_crm", form="client", actor=am)

    # the account manager field is read-only for the role: mapping it refuses the run (as a 422 would)
    rows = [HEAD + ["客户经理"], ["新客户", "13512340000", "C3", "2024-05-06", "1万", "am0002"]]
    out = run_import(crm, write_xlsx(tmp_path / "a.xlsx", rows), {**MAP, 5: "account_manager"}, **kw)
    assert out["status"] == "failed" and "客户经理" in out["message"]["zh"]

    # new clients become theirs ($user default)
    rows = [HEAD, ["新客户", "13512340000", "C3", "2024-05-06", "1万"]]
    out = run_import(crm, write_xlsx(tmp_path / "b.xlsx", rows), MAP, **kw)
    assert out["status"] == "done" and out["inserted"] == 1
    assert _client(crm, "13512340000")["account_manager"] == am.id

    # upsert: their own client is updated; another manager's client is not theirs to match
    rows = [HEAD, ["改名", mine, "C5", "2024-01-01", 5], ["别人的", other, "C5", "2024-01-01", 5]]
    out = run_import(crm, write_xlsx(tmp_path / "c.xlsx", rows), MAP, mode="upsert", keys=["mobile"],
                     on_error="skip", **kw)
    assert (out["updated"], out["failed"]) == (1, 1)
    reason = error_rows(crm, out)[1][-1]
    assert "已被使用" in reason and "record" not in reason  # the other record is not named
    assert _client(crm, mine)["name"] == "改名" and _client(crm, other)["name"] != "别人的"

    # update only: rows outside the scope match nothing
    rows = [["手机号", "客户权益"], [other, 1]]
    out = run_import(crm, write_xlsx(tmp_path / "d.xlsx", rows), {0: "mobile", 1: "equity"}, mode="update",
                     keys=["mobile"], on_error="skip", **kw)
    assert out["failed"] == 1 and "找不到匹配的记录" in error_rows(crm, out)[1][-1]

    # rolling back deletes what the batch inserted: the role has no delete
    first = run_import(crm, write_xlsx(tmp_path / "e.xlsx", [HEAD, ["再一个", "13512340009", "C1", "2024-01-01", 1]]),
                       MAP, **kw)
    with pytest.raises(Forbidden):
        rollback(crm, first["id"], am)


def test_a_role_without_create_cannot_insert(crm, tmp_path):
    risk = _actor(crm, "risk01")  # risk control: read only
    out = run_import(crm, write_xlsx(tmp_path / "r.xlsx", [HEAD, ["x", "13512349999", "C1", "2024-01-01", 1]]), MAP,
                     app="futures_crm", form="client", actor=risk)
    assert out["status"] == "failed" and out["inserted"] == 0
    assert "权限" in out["message"]["zh"] and "may not" in out["message"]["en"]
