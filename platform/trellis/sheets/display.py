"""Record values as a user sees them, for export: option labels instead of option values,
names instead of user / department / record ids, 是/否 (Yes/No) for booleans, real
dates for date fields and numbers for numeric ones, in the chosen language.

`cell_formatter(field_type, lang, fmt)` gives the function turning one JSON value (as the
record service returns it, with relations expanded) into one cell, or None when the value
is written as it is (text, numbers); `number_format` the xlsx number format of a column,
if any. Both read the type's traits (`export`, `number_format`, see forms/types/traits.py),
never its name; the default `export` ("json") shows scalars as they are and anything else
as compact JSON, so every field type exports.
"""
from __future__ import annotations

import datetime as dt
import json

from ..kernel.timestamps import local

SYSTEM_LABELS = {
    "id": ("记录ID", "Record ID"),
    "created_at": ("创建时间", "Created at"),
    "updated_at": ("更新时间", "Updated at"),
    "created_by": ("创建人", "Created by"),
    "updated_by": ("更新人", "Updated by"),
    "version": ("版本", "Version"),
}
YES_NO = {"zh": ("是", "否"), "en": ("Yes", "No")}
LIST_SEP = {"zh": "、", "en": ", "}


def field_label(field: dict, lang: str) -> str:
    label = field.get("label") or {}
    return label.get(lang) or label.get("zh") or label.get("en") or field.get("id", "")


def _option_labels(field: dict, lang: str) -> dict[str, str]:
    out = {}
    for o in field.get("options") or []:
        label = o.get("label") or {}
        out[str(o["value"])] = label.get(lang) or label.get("zh") or label.get("en") or str(o["value"])
    return out


def _title(v):
    if isinstance(v, dict):
        title = v.get("title")
        return title if title not in (None, "") else v.get("id")
    return v


def _date(v):
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return v
    return v


def _datetime(v):
    if isinstance(v, str):
        try:
            return dt.datetime.fromisoformat(v)
        except ValueError:
            return v
    return v


def _stamp(v):
    """A system timestamp as answered (ISO with its offset) -> the naive local datetime."""
    return local(dt.datetime.fromisoformat(v)) if isinstance(v, str) else v


def _json_text(v):
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), default=str)


def _percent_text(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        text = repr(round(v * 100, 8))
        return (text[:-2] if text.endswith(".0") else text) + "%"
    return v


def cell_formatter(t, lang: str, fmt: str = "xlsx"):
    """The function turning one value of field type instance `t` into a cell (None: as is)."""
    kind = t.export
    if kind == "as_is" or (kind == "percent" and fmt == "xlsx"):
        return None
    if kind == "yes_no":
        yes, no = YES_NO.get(lang, YES_NO["zh"])
        return lambda v: None if v is None else (yes if v else no)
    if kind == "option":
        labels = _option_labels(t.field, lang)
        return lambda v: None if v is None else labels.get(v, v)
    if kind == "options":
        labels, sep = _option_labels(t.field, lang), LIST_SEP.get(lang, "、")
        return lambda v: sep.join(labels.get(x, x) for x in v) if v else None
    if kind == "date":
        return _date if fmt == "xlsx" else (lambda v: v)
    if kind == "datetime":
        return _datetime if fmt == "xlsx" else (lambda v: v.replace("T", " ") if isinstance(v, str) else v)
    if kind == "percent":
        return _percent_text
    if kind == "files":
        sep = LIST_SEP.get(lang, "、")
        return lambda v: sep.join(str(f.get("name", "")) for f in v if isinstance(f, dict)) if v else None
    if kind == "title":
        return _title
    return _json_text


def number_format(t) -> str | None:
    """An xlsx number format for a column of field type instance `t`."""
    if t.number_format == "amount":
        digits = int(t.field.get("precision", 2) or 0)
        return "#,##0" + ("." + "0" * digits if digits else "")
    if t.number_format == "percent":
        digits = int(t.field.get("precision", 2) or 0)
        return "0" + ("." + "0" * digits if digits else "") + "%"
    return None


def system_formatter(name: str, fmt: str, users: dict):
    """Cells of the system columns: times as the server's local datetimes (text in CSV),
    user ids as names."""
    if name in ("created_at", "updated_at"):
        return _stamp if fmt == "xlsx" else (lambda v: _stamp(v).isoformat(sep=" ") if isinstance(v, str) else v)
    if name in ("created_by", "updated_by"):
        return lambda v: None if v is None else (users.get(v) or {}).get("title", v)
    return None
