"""Users from a spreadsheet: columns 用户名, 姓名, 邮箱, 部门 (names or codes, several split by
、,;) and 角色 (labels or ids). Users are not form records, so this reads the sheet with the
import engine's reader (header found, blank rows skipped) and checks every row like a user
created by hand; a problem names its Excel row and column. Writing is all or nothing: one
transaction, and only when no row has a problem. Each new user gets a generated password,
answered once with the result and never stored in clear."""
from __future__ import annotations

import re

import sqlalchemy as sa

from ..kernel.errors import BadRequest, FieldError, ValidationFailed
from ..security import users
from ..sheets import label_key, open_book
from ..sheets.reader import col_letter
from ..storage import models

MAX_ROWS = 1000
SPLIT = re.compile(r"[,，、;；\n]+")
COLUMNS = {  # field -> headers it is recognised by (compared with label_key)
    "username": ("用户名", "账号", "登录名", "username", "login", "user name"),
    "name": ("姓名", "名字", "name", "full name"),
    "email": ("邮箱", "电子邮箱", "email", "e-mail", "mail"),
    "departments": ("部门", "所属部门", "department", "departments"),
    "roles": ("角色", "role", "roles"),
}
LABELS = {"username": ("用户名", "username"), "name": ("姓名", "name"), "email": ("邮箱", "email"),
          "departments": ("部门", "department"), "roles": ("角色", "role")}


def role_lookup(conn, apps_roles: dict[str, dict]) -> dict[str, set[str]]:
    """What a role cell may say -> the FAB role names it means: a FAB role's name, an app
    role's id and its Chinese and English labels (`apps_roles`: app -> {role id: definition})."""
    out: dict[str, set[str]] = {}
    for name in users.role_names(conn):
        out.setdefault(label_key(name), set()).add(name)
    for app, roles in apps_roles.items():
        for rid, role in roles.items():
            fab = f"{app}.{rid}"
            label = role.get("label") or {}
            for text in (rid, label.get("zh"), label.get("en")):
                if text:
                    out.setdefault(label_key(text), set()).add(fab)
    return out


def _department_lookup(conn) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    d = models.department
    for did, code, name, name_en in conn.execute(sa.select(d.c.id, d.c.code, d.c.name, d.c.name_en)):
        for text in (code, name, name_en):
            if text:
                out.setdefault(label_key(text), set()).add(did)
    return out


def _columns(headers: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    keys = {label_key(h): field for field, names in COLUMNS.items() for h in names}
    for i, header in enumerate(headers):
        field = keys.get(label_key(header))
        if field and field not in found:
            found[field] = i
    missing = [f for f in ("username", "name") if f not in found]
    if missing:
        zh = "、".join(LABELS[f][0] for f in missing)
        en = ", ".join(LABELS[f][1] for f in missing)
        raise BadRequest(f"表格缺少列:{zh}(应有 用户名、姓名,可选 邮箱、部门、角色)",
                         f"the sheet lacks the column(s): {en} (expected 用户名 / username, 姓名 / name, "
                         f"optionally 邮箱 / email, 部门 / department, 角色 / role)", code="missing_columns",
                         details={"missing": missing})
    return found


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    return text.strip() or None


def _resolve(cell, lookup: dict, field: str, what: tuple[str, str]) -> tuple[list, list[FieldError]]:
    out, errors = [], []
    for part in SPLIT.split(_text(cell) or ""):
        part = part.strip()
        if not part:
            continue
        hits = lookup.get(label_key(part), set())
        if len(hits) == 1:
            out.append(next(iter(hits)))
        elif not hits:
            errors.append(FieldError(field, "unknown", f"{what[0]}“{part}”不存在", f"{what[1]} “{part}” does not exist"))
        else:
            errors.append(FieldError(field, "ambiguous", f"{what[0]}“{part}”有多个同名,请写编码",
                                     f"{what[1]} “{part}” names several; write its code or id"))
    return list(dict.fromkeys(out)), errors


def _placed(err: dict, row: int, columns: dict[str, int], sheet) -> FieldError:
    """A problem with its Excel row and column in the message."""
    field = err["field"]
    index = columns.get(field)
    column = sheet.column_letters[index] if index is not None else None
    header = sheet.headers[index] if index is not None else field
    where_zh = f"第 {row} 行" + (f" {column} 列({header})" if column else "")
    where_en = f"row {row}" + (f", column {column} ({header})" if column else "")
    return FieldError(field, err["code"], f"{where_zh}:{err['message']['zh']}", f"{where_en}: {err['message']['en']}",
                      row=row, column=column)


def read_sheet(conn, path, filename: str, roles: dict[str, set[str]]) -> dict:
    """Every row checked: `{"rows": [{row, username, name, email, departments, roles,
    errors}], "errors": [...], "total", "valid", "columns": {field: letter}}`; `rows`
    keeps each row's checked values under `values` for `create_from`."""
    depts = _department_lookup(conn)
    names = {d["id"]: d["name"] for d in conn.execute(sa.select(models.department)).mappings()}
    with open_book(path, filename) as book:
        sheet = book.sheet()
        columns = _columns(sheet.headers)
        first = sheet.first_column
        rows, taken = [], set()
        for chunk in sheet.chunks(200):
            for number, values in chunk:
                if len(rows) >= MAX_ROWS:
                    raise BadRequest(f"一次最多导入 {MAX_ROWS} 个用户", f"at most {MAX_ROWS} users per import",
                                     code="too_many_rows")
                cell = {f: values[i] if i < len(values) else None for f, i in columns.items()}
                dept_ids, problems = _resolve(cell.get("departments"), depts, "departments", ("部门", "department"))
                role_names, role_problems = _resolve(cell.get("roles"), roles, "roles", ("角色", "role"))
                body = {"username": _text(cell.get("username")), "name": _text(cell.get("name")),
                        "email": _text(cell.get("email")), "departments": dept_ids, "roles": role_names}
                values_ok, found = users.check_new(conn, body, taken=taken)
                errors = [_placed(e, number, columns, sheet) for e in problems + role_problems + found]
                if body["username"]:
                    taken.add(body["username"].lower())
                rows.append({"row": number, "username": body["username"], "name": body["name"], "email": body["email"],
                             "departments": [{"id": d, "name": names.get(d)} for d in dept_ids], "roles": role_names,
                             "errors": errors, "values": values_ok})
        letters = {f: col_letter(first + i) for f, i in columns.items()}
    flat = [e for r in rows for e in r["errors"]]
    return {"rows": rows, "errors": flat, "total": len(rows), "valid": sum(1 for r in rows if not r["errors"]),
            "columns": letters}


def public(report: dict) -> dict:
    """The report without the checked values kept for writing."""
    return {**report, "rows": [{k: v for k, v in r.items() if k != "values"} for r in report["rows"]]}


def create_from(conn, report: dict) -> list[dict]:
    """Write every row of a report without problems (refused whole when any row has one):
    `[{row, id, username, name, initial_password}]`."""
    if report["errors"]:
        raise ValidationFailed(report["errors"])
    if not report["rows"]:
        raise BadRequest("表格中没有用户", "the sheet holds no users", code="empty")
    created = []
    for r in report["rows"]:
        user, password = users.insert_user(conn, r["values"])
        created.append({"row": r["row"], "id": user["id"], "username": user["username"], "name": user["name"],
                        "initial_password": password})
    return created
