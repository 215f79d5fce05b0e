"""Import runs on SQLite and PostgreSQL: insert, upsert by one or more keys, update only;
dry run; all or nothing vs skip; duplicate keys inside the file; cancel; progress."""
from __future__ import annotations

import json

import sqlalchemy as sa

from import_helpers import count, error_rows, run_import, write_xlsx
from trellis.imports import batches

HEAD = ["姓名", "手机号", "风险等级", "权益", "开户日期"]
MAP = {0: "name", 1: "mobile", 2: "risk_level", 3: "equity", 4: "opened_at"}


def _clients(rt) -> dict:
    with rt.engine.connect() as conn:
        rows = conn.execute(sa.text("select name, mobile, risk_level, equity, version from demo__client "
                                    "where deleted_at is null")).all()
    return {r.mobile: r for r in rows}


def test_insert_all_rows(irt, tmp_path):
    rows = [HEAD] + [[f"客户{i}", f"1380013{i:04d}", "C2", f"{i},000", "2024-01-05"] for i in range(12)]
    out = run_import(irt, write_xlsx(tmp_path / "a.xlsx", rows), MAP, chunk_size=5)
    assert out["status"] == "done" and out["inserted"] == 12 and out["failed"] == 0
    assert out["done"] == out["total"] == 12 and out["errors_file"] is None
    got = _clients(irt)
    assert got["13800130011"].equity == 11000 and got["13800130011"].risk_level == "C2"
    assert count(irt) == 12
    progress = batches.read_progress(irt.files_dir, out["id"])
    assert progress["status"] == "done" and progress["done"] == 12


def test_dry_run_writes_nothing_and_reports_every_bad_row(irt, tmp_path):
    rows = [HEAD, ["张三", "13800138000", "C1", "1万", "2024年1月5日"],
            ["", "12345", "C9", "abc", "2024-02-30"],
            ["李四", "13800138001", "c3", "¥2,000", 45296]]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    out = run_import(irt, path, MAP, dry_run=True)
    assert out["status"] == "done" and out["dry_run"]
    assert (out["inserted"], out["failed"]) == (2, 1)  # would insert two
    assert "试导入" in out["message"]["zh"] and "Dry run" in out["message"]["en"]
    assert count(irt) == 0
    with irt.engine.connect() as conn:
        assert conn.execute(sa.text("select count(*) from trellis_audit where action in ('import', 'create')")).scalar() == 0
    book = error_rows(irt, out)
    assert book[0] == ("行号 / Row", *HEAD, "错误 / Error")
    assert len(book) == 2
    row = book[1]
    assert row[0] == 3 and row[1:6] == (None, "12345", "C9", "abc", "2024-02-30")
    reason = row[6]
    for text in ("[A] 姓名:必填", "[B] 手机号", "[C] 风险等级", "[D] 权益", "[E] 开户日期", "Name: is required"):
        assert text in reason, reason


def test_the_first_100_problems_are_kept_one_per_cell(irt, tmp_path):
    rows = [HEAD] + [[f"客户{i}", f"1370000{i:04d}", "C9", "abc", "2024-01-01"] for i in range(70)]
    out = run_import(irt, write_xlsx(tmp_path / "p.xlsx", rows), MAP, dry_run=True, chunk_size=30)
    assert out["failed"] == 70
    problems = batches.read_problems(irt.files_dir, out["id"])
    assert len(problems) == 100                       # 140 cells are wrong: the first 100 are kept
    assert [(p["row"], p["column"], p["field"]) for p in problems[:4]] == [
        (2, "C", "risk_level"), (2, "D", "equity"), (3, "C", "risk_level"), (3, "D", "equity")]
    assert problems[-1]["row"] == 51 and problems[1]["header"] == "权益"
    assert problems[1]["message"]["zh"].startswith("权益") and problems[1]["message"]["en"].startswith("Equity")
    assert batches.to_json(out, irt.files_dir, problems=True)["problems"] == problems


def test_all_or_nothing_vs_skip(irt, tmp_path):
    rows = [HEAD] + [[f"客户{i}", f"1390000{i:04d}", "C1", i, "2024-01-01"] for i in range(9)]
    rows[5][3] = "很多"
    path = write_xlsx(tmp_path / "s.xlsx", rows)
    out = run_import(irt, path, MAP, on_error="all", chunk_size=3)
    assert out["status"] == "failed" and out["failed"] == 1 and out["inserted"] == 0 and out["skipped"] == 8
    assert "全部或全不" in out["message"]["zh"] and count(irt) == 0
    assert [r[0] for r in error_rows(irt, out)[1:]] == [6]
    out = run_import(irt, path, MAP, on_error="skip", chunk_size=3)
    assert out["status"] == "done" and out["inserted"] == 8 and out["failed"] == 1
    assert count(irt) == 8 and "13900000004" not in _clients(irt)


def test_duplicate_keys_and_unique_values_inside_the_file(irt, tmp_path):
    rows = [HEAD, ["甲", "13800000001", "C1", 1, None], ["乙", "13800000002", "C1", 2, None],
            ["丙", "138 0000 0001", "C1", 3, None], ["丁", "13800000002", "C1", 4, None]]
    out = run_import(irt, write_xlsx(tmp_path / "k.xlsx", rows), MAP, mode="upsert", keys=["mobile"],
                     on_error="skip", chunk_size=2)
    assert (out["inserted"], out["failed"]) == (2, 2)
    book = error_rows(irt, out)
    assert [r[0] for r in book[1:]] == [4, 5]
    assert "第 2 行和第 4 行重复" in book[1][-1] and "row 2 and row 4" in book[1][-1]
    assert "第 3 行和第 5 行重复" in book[2][-1]
    # a unique field that is not the key: repeats are refused naming the first row
    rows = [HEAD, ["甲", "13700000001", "C1", 1, None], ["乙", "13700000001", "C1", 2, None]]
    out = run_import(irt, write_xlsx(tmp_path / "u.xlsx", rows), MAP, dry_run=True)
    assert out["failed"] == 1 and "与文件第 2 行重复" in error_rows(irt, out)[1][-1]


def test_upsert_and_update(irt, tmp_path):
    run_import(irt, write_xlsx(tmp_path / "0.xlsx", [HEAD, ["甲", "13800000001", "C1", 1, None],
                                                     ["乙", "13800000002", "C1", 2, None]]), MAP)
    before = _clients(irt)
    rows = [HEAD, ["甲", "13800000001", "C1", "1", None],            # unchanged
            ["乙", "13800000002", "C4", "2,500", None],              # updated
            ["丙", "13800000003", "C2", 3, None]]                    # new
    out = run_import(irt, write_xlsx(tmp_path / "1.xlsx", rows), MAP, mode="upsert", keys=["mobile"])
    assert (out["status"], out["inserted"], out["updated"], out["skipped"]) == ("done", 1, 1, 1), out["message"]
    after = _clients(irt)
    assert after["13800000002"].risk_level == "C4" and after["13800000002"].equity == 2500
    assert after["13800000002"].version == before["13800000002"].version + 1
    assert after["13800000001"].version == before["13800000001"].version
    # update only: a row matching nothing is an error naming the key
    rows = [["手机号", "风险等级"], ["13800000003", "C5"], ["13899999999", "C1"], ["", "C1"]]
    out = run_import(irt, write_xlsx(tmp_path / "2.xlsx", rows), {0: "mobile", 1: "risk_level"}, mode="update",
                     keys=["mobile"], on_error="skip")
    assert (out["updated"], out["failed"]) == (1, 2)
    reasons = [r[-1] for r in error_rows(irt, out)[1:]]
    assert "找不到匹配的记录" in reasons[0] and "matches no record" in reasons[0]
    assert "为空" in reasons[1]
    assert _clients(irt)["13800000003"].risk_level == "C5" and count(irt) == 3


def test_upsert_by_two_keys_and_ambiguous_matches(irt, tmp_path):
    rows = [HEAD, ["同名", "13800000001", "C1", 1, "2024-01-01"], ["同名", "13800000002", "C1", 2, "2024-01-01"],
            ["独立", "13800000003", "C1", 3, "2024-01-02"]]
    run_import(irt, write_xlsx(tmp_path / "0.xlsx", rows), MAP)
    rows = [["姓名", "开户日期", "权益"], ["同名", "2024/1/1", 10], ["独立", "2024年1月2日", 30], ["新人", "2024-03-01", 5]]
    mapping = {0: "name", 1: "opened_at", 2: "equity"}
    out = run_import(irt, write_xlsx(tmp_path / "1.xlsx", rows), mapping, mode="upsert", keys=["name", "opened_at"],
                     on_error="skip")
    assert (out["updated"], out["inserted"], out["failed"]) == (1, 1, 1)
    assert "匹配到 2 条记录" in error_rows(irt, out)[1][-1]
    assert _clients(irt)["13800000003"].equity == 30


def test_cancel_keeps_committed_chunks_in_skip_mode(irt, tmp_path):
    rows = [HEAD] + [[f"客户{i}", f"1360000{i:04d}", "C1", i, None] for i in range(10)]
    path = write_xlsx(tmp_path / "c.xlsx", rows)
    seen = []

    def cancel_after_first(progress, rt=irt):
        seen.append(progress["done"])
        if len(seen) == 1:
            batches.request_cancel(rt.files_dir, progress_batch[0])
    from import_helpers import start
    from trellis.imports.job import ImportJob

    progress_batch = [start(irt, path, MAP, on_error="skip")]
    out = ImportJob(irt, progress_batch[0], chunk_size=4, on_progress=cancel_after_first).run()
    assert out["status"] == "cancelled" and out["inserted"] == 4 and count(irt) == 4
    assert "保留" in out["message"]["zh"] and "stay" in out["message"]["en"]
    progress_batch[0] = start(irt, path, MAP, on_error="all")
    seen.clear()
    out = ImportJob(irt, progress_batch[0], chunk_size=4, on_progress=cancel_after_first).run()
    assert out["status"] == "cancelled" and out["inserted"] == 0 and count(irt) == 4
    assert "未写入任何数据" in out["message"]["zh"]


def test_a_batch_runs_once(irt, tmp_path):
    from import_helpers import start
    from trellis.imports.job import ImportJob

    path = write_xlsx(tmp_path / "o.xlsx", [HEAD, ["甲", "13800000001", "C1", 1, None]])
    batch_id = start(irt, path, MAP)
    assert ImportJob(irt, batch_id).run()["status"] == "done"
    assert ImportJob(irt, batch_id).run()["inserted"] == 1  # delivered twice: nothing happens again
    assert count(irt) == 1
    batches.request_cancel(irt.files_dir, batch_id2 := start(irt, path, MAP))
    assert ImportJob(irt, batch_id2).run()["status"] == "cancelled" and count(irt) == 1


def test_a_broken_file_fails_the_batch_with_its_message(irt, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    out = run_import(irt, path, MAP)
    assert out["status"] == "failed" and out["message"]["zh"] and out["message"]["en"]
    assert json.dumps(out["message"], ensure_ascii=False)


def test_a_filled_template_maps_by_id_and_skips_its_example_row(irt, tmp_path):
    """The template the sheets module writes: columns map by the hidden `_fields` sheet
    (whatever the header texts), its example row is not imported."""
    import openpyxl

    from trellis.imports import mapping as m
    from trellis.sheets import open_book, template_info
    from trellis.sheets.template import write_template

    svc = irt.records("demo", "client")
    path = tmp_path / "template.xlsx"
    ids = write_template(str(path), svc, "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    row = {"name": "模板客户", "mobile": "13811112222", "risk_level": "C2", "equity": "1万"}
    ws.append([row.get(fid) for fid in ids])
    ws.cell(1, 1).value = "改过的表头"
    wb.save(path)
    with open_book(path, "template.xlsx") as book:
        sheet = book.sheet()
        cols = m.auto_map(m.importable(svc), sheet.headers, template=template_info(book))
    assert [c["field"] for c in cols] == ids and {c["by"] for c in cols} == {"id"}
    out = run_import(irt, path, {c["column"]: c["field"] for c in cols})
    assert out["status"] == "done", out["message"]
    assert (out["inserted"], out["skipped"]) == (1, 1)
    assert [r.name for r in _clients(irt).values()] == ["模板客户"]
