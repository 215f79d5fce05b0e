"""The publish check of a form's record-page keys (forms/publish.py): `summary` (the key
figures of a record's header: field ids of this form, or aggregates over another form of
the app whose relation points here) and `list_columns` (the columns its records show when
listed under a related record). Each problem is bilingual and names its JSON pointer. Where
a source form's relation no longer points here, the figure is left out when read
(activity/summary.py)."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.errors import DefinitionInvalid, bilingual
from ..storage import models as m

NEEDS_FIELD = ("sum", "avg", "min", "max")


def _problem(pointer: str, code: str, zh: str, en: str) -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}")}


def check_keys(conn, app: str, body: dict) -> None:
    active = {f["id"] for f in body.get("fields", []) if not f.get("deleted")}
    problems = []
    for j, fid in enumerate(body.get("list_columns") or []):
        if fid not in active:
            problems.append(_problem(f"/list_columns/{j}", "unknown_field", f"列表列引用了未知字段 {fid}",
                                     f"list column names unknown field {fid}"))
    d = m.definition
    forms = None
    for i, entry in enumerate(body.get("summary") or []):
        if isinstance(entry, str):
            if entry not in active:
                problems.append(_problem(f"/summary/{i}", "unknown_field", f"关键指标引用了未知字段 {entry}",
                                         f"key figure names unknown field {entry}"))
            continue
        if entry.get("aggregate", "count") in NEEDS_FIELD and not entry.get("field"):
            problems.append(_problem(f"/summary/{i}/field", "missing_field", "该统计方式需要字段",
                                     "this aggregate needs a field"))
        if forms is None:
            forms = set(conn.execute(sa.select(d.c.key).where(d.c.app == app, d.c.kind == "form")).scalars())
        source = str(entry.get("source") or "").partition(".")[0]
        if source not in forms:
            problems.append(_problem(f"/summary/{i}/source", "unknown_form", f"来源表单 {source} 不存在",
                                     f"source form {source} does not exist"))
    if problems:
        raise DefinitionInvalid(problems)
