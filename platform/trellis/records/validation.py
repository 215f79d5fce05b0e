"""Validation of record input: coerce every field, then check the form's JSON Schema,
reporting every problem at once, each naming its field (and row, in bulk), in Chinese
and English. A problem inside a sub-table also carries a JSON pointer to its cell,
`/<field>/<row index>/<child field>` (the row index counts the rows as given, blank ones
included), so a form can show it on that cell. The fast path (fastjsonschema) checks valid rows; only a failing row pays
for jsonschema's complete error list.
"""
from __future__ import annotations

import copy

from ..kernel.errors import FieldError
from ..forms.model import SYSTEM_FIELDS
from ..forms.types.base import CoerceError, labels_of

_MESSAGES = {
    "required": ("必填", "is required"),
    "maxLength": ("长度不能超过 {limit}", "must be at most {limit} characters"),
    "minLength": ("长度不能少于 {limit}", "must be at least {limit} characters"),
    "pattern": ("格式不正确", "has an invalid format"),
    "minimum": ("不能小于 {limit}", "must be at least {limit}"),
    "maximum": ("不能大于 {limit}", "must be at most {limit}"),
    "enum": ("不是可选值之一", "is not one of the options"),
    "maxItems": ("最多 {limit} 项", "must have at most {limit} items"),
    "uniqueItems": ("有重复项", "has duplicate items"),
    "type": ("类型不正确", "has the wrong type"),
    "format": ("格式不正确", "has an invalid format"),
}


def label(form, field_id: str) -> tuple[str, str]:
    t = form.fields.get(field_id)
    lab = (t.field.get("label") or {}) if t is not None else {}
    return lab.get("zh") or field_id, lab.get("en") or lab.get("zh") or field_id


def field_error(form, field_id: str, code: str, zh: str, en: str, row: int | None = None) -> FieldError:
    lz, le = label(form, field_id)
    extra = {"row": row} if row is not None else {}
    prefix_zh = f"第 {row + 1} 行 " if row is not None else ""
    prefix_en = f"row {row + 1}: " if row is not None else ""
    return FieldError(field_id, code, f"{prefix_zh}{lz}:{zh}", f"{prefix_en}{le}: {en}", **extra)


def coerce_row(form, data: dict, errors: list, row: int | None = None, *, keep_ids=False) -> dict:
    """Input values -> JSON form, for the writable fields given. Unknown names are errors."""
    out = {}
    if not isinstance(data, dict):
        errors.append(field_error(form, "", "not_object", "记录必须是对象", "a record must be an object", row))
        return out
    coercers = form.coercers(keep_ids)
    for key, value in data.items():
        coerce = coercers.get(key)
        if coerce is None:
            if key in SYSTEM_FIELDS or key in form.generated_ids:
                if key == "id" and keep_ids and value is not None:
                    out["id"] = int(value)
                continue
            errors.append(field_error(form, key, "unknown_field", f"未知字段 {key}", f"unknown field {key}", row))
            continue
        try:
            out[key] = coerce(value)
        except CoerceError as e:
            if not e.parts:
                errors.append(field_error(form, key, e.code, e.message["zh"], e.message["en"], row))
            for part in e.parts:
                err = field_error(form, key, e.code, part["zh"], part["en"], row)
                err["pointer"] = pointer(key, *part["path"])
                errors.append(err)
    return out


def pointer(*parts) -> str:
    """A JSON pointer (RFC 6901) to a value inside a record."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def apply_defaults(form, doc: dict) -> None:
    for fid, default in form.defaults:
        if doc.get(fid) is None:
            doc[fid] = copy.deepcopy(default) if isinstance(default, (list, dict)) else default


def schema_errors(form, doc: dict, row: int | None = None, given: dict | None = None) -> list:
    """Every JSON-Schema problem of one coerced record (empty list when valid). `given`, the
    input before coercion, lets sub-table errors name the rows as the user numbered them."""
    present = {k: v for k, v in doc.items() if v is not None and k != "id"}
    try:
        form.fast_validator(present)
        return []
    except Exception:  # fastjsonschema.JsonSchemaException: fall through to the full list
        pass
    out = []
    required_done = False
    for err in form.full_validator.iter_errors(present):
        if err.validator == "required":
            if required_done:  # one error per missing field, however the validator reports them
                continue
            required_done = True
            for name in [n for n in err.validator_value if n not in present]:
                zh, en = _MESSAGES["required"]
                out.append(field_error(form, name, "required", zh, en, row))
            continue
        field_id = str(err.absolute_path[0]) if err.absolute_path else ""
        t = form.fields.get(field_id)
        if t is not None and t.key == "sub_table" and isinstance(present.get(field_id), list):
            raw = given.get(field_id) if isinstance(given, dict) else None
            out.extend(sub_table_errors(form, t, present[field_id], row, raw))
            continue
        validator, limit = _leaf(err)
        zh, en = _MESSAGES.get(validator, ("无效", "is invalid"))
        out.append(field_error(form, field_id, validator, zh.format(limit=limit), en.format(limit=limit), row))
    return out


def _leaf(err):
    """The most specific failing keyword of an anyOf [value, null] property schema."""
    if err.validator == "anyOf" and err.context:
        best = [e for e in err.context if e.validator != "type" or e.schema.get("type") != "null"]
        if best:
            e = best[0]
            return e.validator, e.validator_value
    return err.validator, err.validator_value


def sub_table_errors(form, t, rows: list, row: int | None = None, given=None) -> list:
    """The problems of a sub-table's coerced rows, one per cell (pointer to it), or one for
    the whole table (too many rows)."""
    from jsonschema import Draft202012Validator

    validator = t.__dict__.get("_rows_validator")
    if validator is None:
        validator = t.__dict__["_rows_validator"] = Draft202012Validator(t.value_schema())
    positions = t.kept_positions(given) if given is not None else []
    children = {c.id: c for c in t.children}
    out = []

    def add(index: int, child: str | None, code: str, zh: str, en: str) -> None:
        at = positions[index] if index < len(positions) else index
        c = children.get(child) if child else None
        if c is not None:
            cz, ce = labels_of(c.field)
            where_zh, where_en = f"第{at + 1}行 {cz}:", f"row {at + 1}, {ce}: "
        else:
            where_zh, where_en = f"第{at + 1}行 ", f"row {at + 1}: "
        err = field_error(form, t.id, code, where_zh + zh, where_en + en, row)
        err["pointer"] = pointer(t.id, at, child) if child else pointer(t.id, at)
        out.append(err)

    for err in validator.iter_errors(rows):
        path = list(err.absolute_path)
        if not path:
            validator_name, limit = _leaf(err)
            zh, en = _MESSAGES.get(validator_name, ("无效", "is invalid"))
            out.append(field_error(form, t.id, validator_name, zh.format(limit=limit), en.format(limit=limit), row))
        elif len(path) == 1 and err.validator == "required" and isinstance(rows[path[0]], dict):
            zh, en = _MESSAGES["required"]
            for name in err.validator_value:
                if rows[path[0]].get(name) is None:
                    add(path[0], name, "required", zh, en)
        else:
            validator_name, limit = _leaf(err)
            zh, en = _MESSAGES.get(validator_name, ("无效", "is invalid"))
            child = str(path[1]) if len(path) > 1 else None
            add(path[0], child, validator_name, zh.format(limit=limit), en.format(limit=limit))
    return out
