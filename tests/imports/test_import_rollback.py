"""Audit of an import (one entry per chunk of inserts, one per updated row, all tagged with
the batch), a record's history naming its batch, and rolling a batch back as a whole."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from import_helpers import count, run_import, write_xlsx
from trellis.kernel.errors import Conflict
from trellis.imports.rollback import rollback
from trellis.kernel.actor import SYSTEM
from trellis.security import audit

HEAD = ["姓名", "手机号", "风险等级", "权益"]
MAP = {0: "name", 1: "mobile", 2: "risk_level", 3: "equity"}


def _audit(rt, where: str) -> list:
    with rt.engine.connect() as conn:
        return conn.execute(sa.text(f"select action, record_id, note, after from trellis_audit where {where} "
                                    f"order by id")).all()


def _seed(rt, tmp_path, n=7):
    rows = [HEAD] + [[f"客户{i}", f"1380000{i:04d}", "C1", i] for i in range(n)]
    return run_import(rt, write_xlsx(tmp_path / "seed.xlsx", rows), MAP, chunk_size=3)


def test_inserts_are_audited_per_chunk_and_history_names_the_batch(irt, tmp_path):
    out = _seed(irt, tmp_path)
    entries = _audit(irt, "action = 'import'")
    assert len(entries) == 3  # 7 rows in chunks of 3
    assert all(e.note == f"import:{out['id']}" for e in entries)
    after = [e.after if isinstance(e.after, dict) else __import__("json").loads(e.after) for e in entries]
    assert [a["count"] for a in after] == [3, 3, 1] and all(a["batch"] == out["id"] for a in after)
    ids = [i for a in after for lo, hi in a["ids"] for i in range(lo, hi + 1)]
    assert len(ids) == 7 and _audit(irt, "action = 'create'") == []
    with irt.engine.connect() as conn:
        hist = audit.history(conn, "demo", "client", ids[4])
    assert hist[0]["action"] == "import" and hist[0]["batch"] == out["id"]
    assert hist[0]["record_id"] == ids[4] and hist[0]["message"]["en"] == f"imported in batch {out['id']}"
    irt.records("demo", "client").update(ids[4], {"equity": 99})
    with irt.engine.connect() as conn:
        hist = audit.history(conn, "demo", "client", ids[4])
    assert [h["action"] for h in hist] == ["update", "import"]
    assert audit.verify(irt.engine)["ok"]


def test_an_imports_writes_are_caused_by_its_batch(irt, tmp_path):
    first = _seed(irt, tmp_path, n=2)
    rows = [HEAD, ["客户0", "13800000000", "C5", 1]]
    second = run_import(irt, write_xlsx(tmp_path / "up.xlsx", rows), MAP, mode="update", keys=["mobile"])
    with irt.engine.connect() as conn:
        causes = conn.execute(sa.text("select action, cause from trellis_audit where action in ('import', 'update') "
                                      "order by id")).all()
        item = audit.history(conn, "demo", "client", irt.records("demo", "client").list()["items"][0]["id"])[0]
    loaded = [(a, c if isinstance(c, list) else __import__("json").loads(c)) for a, c in causes]
    assert loaded == [("import", [{"kind": "import", "id": first["id"], "label": f"{first['id']} (seed.xlsx)"}]),
                      ("update", [{"kind": "import", "id": second["id"], "label": f"{second['id']} (up.xlsx)"}])]
    assert item["action"] == "update" and item["cause_text"] == {"zh": f"由导入批次 {second['id']} (up.xlsx)修改",
                                                        "en": f"by import batch {second['id']} (up.xlsx)"}
    assert audit.verify(irt.engine)["ok"]


def test_rollback_removes_inserts_and_restores_updates(irt, tmp_path):
    first = _seed(irt, tmp_path)
    rows = [HEAD, ["客户0", "13800000000", "C5", "5,000"], ["客户1", "13800000001", "C4", 1], ["新客户", "13900000000", "C2", 8]]
    second = run_import(irt, write_xlsx(tmp_path / "up.xlsx", rows), MAP, mode="upsert", keys=["mobile"])
    assert (second["inserted"], second["updated"]) == (1, 2)
    updates = _audit(irt, f"note = 'import:{second['id']}' and action = 'update'")
    assert len(updates) == 2
    out = rollback(irt, second["id"], SYSTEM)
    assert out["status"] == "rolled_back" and out["rolled_back_at"]
    svc = irt.records("demo", "client")
    items = {r["mobile"]: r for r in svc.list(limit=100)["items"]}
    assert "13900000000" not in items and len(items) == 7
    assert items["13800000000"]["risk_level"] == "C1" and items["13800000000"]["equity"] == 0
    assert items["13800000001"]["risk_level"] == "C1"
    with pytest.raises(Conflict) as e:
        rollback(irt, second["id"], SYSTEM)
    assert e.value.code == "not_rollbackable"
    out = rollback(irt, first["id"], SYSTEM)
    assert out["status"] == "rolled_back" and count(irt) == 0
    assert _audit(irt, f"note = 'rollback of import:{first['id']}' and action = 'delete'")
    assert audit.verify(irt.engine)["ok"]


def test_rollback_refused_after_later_changes_unless_forced(irt, tmp_path):
    first = _seed(irt, tmp_path, n=4)
    rows = [HEAD, ["客户0", "13800000000", "C5", 1]]
    second = run_import(irt, write_xlsx(tmp_path / "up.xlsx", rows), MAP, mode="update", keys=["mobile"])
    svc = irt.records("demo", "client")
    ids = {r["mobile"]: r["id"] for r in svc.list(limit=100)["items"]}
    svc.update(ids["13800000000"], {"equity": 42})
    svc.update(ids["13800000002"], {"risk_level": "C3"})
    with pytest.raises(Conflict) as e:
        rollback(irt, second["id"], SYSTEM)
    assert e.value.code == "changed_since_import" and e.value.details["records"] == [ids["13800000000"]]
    assert "强制" in e.value.message["zh"] and "force" in e.value.message["en"]
    with pytest.raises(Conflict) as e:
        rollback(irt, first["id"], SYSTEM)
    assert set(e.value.details["records"]) == {ids["13800000000"], ids["13800000002"]}
    assert count(irt) == 4  # nothing happened
    out = rollback(irt, second["id"], SYSTEM, force=True)
    assert out["status"] == "rolled_back" and svc.get(ids["13800000000"])["risk_level"] == "C1"
    svc.delete(ids["13800000003"])
    out = rollback(irt, first["id"], SYSTEM, force=True)
    assert out["status"] == "rolled_back" and count(irt) == 0


def test_dry_runs_and_failed_all_or_nothing_runs_cannot_be_rolled_back(irt, tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [HEAD, ["甲", "13800000001", "C1", 1]])
    dry = run_import(irt, path, MAP, dry_run=True)
    with pytest.raises(Conflict):
        rollback(irt, dry["id"], SYSTEM)
    bad = run_import(irt, write_xlsx(tmp_path / "y.xlsx", [HEAD, ["", "1", "C1", 1]]), MAP)
    assert bad["status"] == "failed"
    with pytest.raises(Conflict):
        rollback(irt, bad["id"], SYSTEM)
