"""Users from a spreadsheet on SQLite and PostgreSQL: the preview checks every row and names
the row and column of each problem, a sheet with problems writes nothing, a clean one
creates every user with their departments and roles and answers the initial passwords once."""
from __future__ import annotations

import io
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "platform"))

from trellis.sheets import SheetWriter  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(rows: list[list], header=("用户名", "姓名", "邮箱", "部门", "角色"), title: str | None = "2026 新员工") -> bytes:
    buf = io.BytesIO()
    with SheetWriter(buf, "xlsx") as w:
        if title:
            w.rows([[title]])
        w.header(list(header))
        w.rows(rows)
    return buf.getvalue()


def _post(admin, url: str, data: bytes, name: str = "users.xlsx"):
    return admin.post(url, files={"file": (name, data, XLSX)})


def test_preview_names_row_and_column_and_nothing_is_written(admin):
    tag = secrets.token_hex(3)
    data = _sheet([
        [f"imp{tag}a", "陈一", f"imp{tag}a@example.com", "上海营业部", "客户经理"],
        [f"imp{tag}b", None, "not-an-email", "nowhere", "futures_crm.account_manager、Ghost"],
        [f"imp{tag}a", "陈三", None, "sh", None],
        ["admin", "重名", None, None, None],
    ])
    r = _post(admin, "/api/v1/admin/users/import/preview", data)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 4 and body["valid"] == 1 and body["columns"]["username"] == "A"
    first = body["rows"][0]
    assert first["row"] == 3 and first["errors"] == [] and first["roles"] == ["futures_crm.account_manager"]
    assert first["departments"][0]["name"] == "上海营业部"
    where = {(e["row"], e["column"], e["field"], e["code"]) for e in body["errors"]}
    assert where == {(4, "B", "name", "required"), (4, "C", "email", "format"), (4, "D", "departments", "unknown"),
                     (4, "E", "roles", "unknown"), (5, "A", "username", "duplicate"), (6, "A", "username", "duplicate")}
    msg = next(e for e in body["errors"] if e["field"] == "email")["message"]
    assert msg["zh"].startswith("第 4 行 C 列(邮箱)") and msg["en"].startswith("row 4, column C (邮箱)")

    r = _post(admin, "/api/v1/admin/users/import", data)
    assert r.status_code == 422 and len(r.json()["errors"]) == 6
    assert admin.get("/api/v1/admin/users", params={"q": f"imp{tag}"}).json()["total"] == 0  # all or nothing


def test_clean_sheet_creates_every_user_once(admin, as_user):
    tag = secrets.token_hex(3)
    data = _sheet([
        [f"imp{tag}x", "吴一", None, "sh、北京营业部", "客户经理"],
        [f"imp{tag}y", "吴二", f"imp{tag}y@example.com", "Customer service", None],
    ], header=("username", "name", "email", "department", "role"), title=None)
    r = _post(admin, "/api/v1/admin/users/import", data, "新员工.xlsx")
    assert r.status_code == 201, r.text
    created = r.json()["created"]
    assert [c["username"] for c in created] == [f"imp{tag}x", f"imp{tag}y"] and r.json()["total"] == 2
    listed = {u["username"]: u for u in admin.get("/api/v1/admin/users", params={"q": f"imp{tag}"}).json()["items"]}
    assert [d["name"] for d in listed[f"imp{tag}x"]["departments"]] == ["上海营业部", "北京营业部"]
    assert listed[f"imp{tag}x"]["roles"] == ["futures_crm.account_manager"]
    assert listed[f"imp{tag}y"]["departments"][0]["name"] == "客服部" and listed[f"imp{tag}y"]["roles"] == []
    for c in created:
        me = as_user(c["username"], c["initial_password"])
        assert me.get("/api/v1/me/preferences").json()["must_change_password"] is True
    again = _post(admin, "/api/v1/admin/users/import", data)
    assert again.status_code == 422 and {e["code"] for e in again.json()["errors"]} == {"duplicate"}


def test_bad_files_are_refused(admin):
    r = _post(admin, "/api/v1/admin/users/import/preview", _sheet([["x", "y"]], header=("姓名", "部门")))
    assert r.status_code == 400 and r.json()["code"] == "missing_columns" and "用户名" in r.json()["message"]["zh"]
    r = _post(admin, "/api/v1/admin/users/import/preview", b"%PDF-1.4", "users.pdf")
    assert r.status_code in (400, 415)
    r = _post(admin, "/api/v1/admin/users/import/preview", b"not a workbook", "users.xlsx")
    assert r.status_code == 400
    assert admin.post("/api/v1/admin/users/import/preview").status_code == 400
    r = _post(admin, "/api/v1/admin/users/import", _sheet([], title=None))
    assert r.status_code == 400
