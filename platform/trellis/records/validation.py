"""Validation of record input: coerce every field, then check the form's JSON Schema,
reporting every problem at once, each naming its field (and row, in bulk), in Chinese
and English. The fast path (fastjsonschema) checks valid rows; only a failing row pays
for jsonschema's complete error list.
"""
from __future__ import annotations

import copy

from ..errors import FieldError
from ..forms.model import SYSTEM_FIELDS
from ..forms.types.base import CoerceError

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
            errors.append(field_error(form, key, e.code, e.message["zh"], e.message["en"], row))
    return out


def apply_defaults(form, doc: dict) -> None:
    for fid, default in form.defaults:
        if doc.get(fid) is None:
            doc[fid] = copy.deepcopy(default) if isinstance(default, (list, dict)) else default


def schema_errors(form, doc: dict, row: int | None = None) -> list:
    """Every JSON-Schema problem of one coerced record (empty list when valid)."""
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
