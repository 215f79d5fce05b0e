"""The front half of the record service's lean path for many rows with the same fields
(imports, large loads): rows arrive as lists aligned to field ids and are coerced,
defaulted and validated column by column, each problem kept with its row instead of
stopping the batch.

The checks are those of `bulk_create`, done in another order: each field type's `coerce`,
then the form's JSON Schema. That schema is only `properties` and `required` (see
`FormModel.json_schema`), so checking every property's values with the property's own
compiled schema and the required names is checking the object. A column's distinct
values are checked once each (a select column of 100,000 rows holds a handful).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..kernel.errors import BadRequest, FieldError, ValidationFailed
from ..forms.types.base import CoerceError
from .validation import field_error, schema_errors


@dataclass
class RowsResult:
    """What a lean write did: per input row the new or updated id (None when refused or
    only checked), and the refused rows' problems by row index."""

    ids: list = field(default_factory=list)
    errors: dict[int, list[FieldError]] = field(default_factory=dict)
    unchanged: set[int] = field(default_factory=set)  # updates that would change nothing

    @classmethod
    def start(cls, n: int, refused: dict | None = None) -> "RowsResult":
        """n rows, some already refused by the caller (their problems are kept and the
        rows checked for everything else, never written)."""
        return cls(ids=[None] * n, errors={i: list(v) for i, v in (refused or {}).items()})

    def add(self, index: int, error: FieldError) -> None:
        self.errors.setdefault(index, []).append(error)

    def flat(self) -> list[FieldError]:
        return [e for i in sorted(self.errors) for e in self.errors[i]]


def check_names(service, names: list[str], action: str) -> None:
    """Every name must be a column field the actor may write (a whole-batch problem)."""
    form = service.form
    coercers = form.coercers()
    allowed = service.access.writable(action)
    bad = []
    for name in names:
        t = form.field(name)
        if name not in coercers or t is None or not t.has_column:
            bad.append(field_error(form, name, "not_importable", f"字段 {name} 不能批量写入",
                                   f"field {name} cannot be written in bulk"))
        elif allowed is not None and name not in allowed:
            if service.access.can_see(name):
                bad.append(field_error(form, name, "readonly", "你无权修改此字段", "you may not change this field"))
            else:
                bad.append(field_error(form, name, "unknown_field", f"未知字段 {name}", f"unknown field {name}"))
    if len(set(names)) != len(names):
        raise BadRequest("同一字段出现了两次", "a field is given twice", code="duplicate_field")
    if bad:
        raise ValidationFailed(bad)


def _distinct(col: list):
    """The column's distinct values when they are all of one hashable type (None aside),
    else None (1, 1.0 and True are equal keys: a mixed column is not deduplicated)."""
    kinds = set(map(type, col))
    kinds.discard(type(None))
    if len(kinds) != 1 or kinds & {list, dict}:
        return None
    try:
        found = set(col)
    except TypeError:
        return None
    found.discard(None)
    return found


def coerce_columns(form, names: list[str], rows: list, labels: list, result: RowsResult) -> list[list]:
    """Rows of input values -> columns of JSON-form values; unreadable values become None
    and a problem of their row. `coerce` is a pure function of the value, so a column with
    few distinct values (selects, yes/no, small numbers) is coerced once per value."""
    if not rows:
        return [[] for _ in names]
    columns = [list(c) for c in zip(*rows)] if names else []
    coercers = form.coercers()
    for j, name in enumerate(names):
        coerce = coercers[name]
        col = columns[j]
        try:
            distinct = _distinct(col)
            if distinct is not None and len(distinct) * 4 <= len(col):
                table = {v: coerce(v) for v in distinct}
                table[None] = coerce(None)
                out = list(map(table.__getitem__, col))
                if any(type(v) is list for v in table.values()):  # each row its own list
                    out = [v[:] if type(v) is list else v for v in out]
                columns[j] = out
            else:
                columns[j] = list(map(coerce, col))
        except CoerceError:
            out = []
            for i, v in enumerate(col):
                try:
                    out.append(coerce(v))
                except CoerceError as e:
                    out.append(None)
                    result.add(i, field_error(form, name, e.code, e.message["zh"], e.message["en"], labels[i]))
            columns[j] = out
    return columns


def apply_column_defaults(form, names: list[str], columns: list[list], n: int, actor_id) -> None:
    """Field defaults (and `$user` defaults) fill the empty cells; unmapped defaulted
    fields become constant columns."""
    import copy

    fills = list(form.defaults)
    if actor_id is not None:
        fills += [(fid, actor_id) for fid in form.current_user_defaults]
    for fid, default in fills:
        mutable = isinstance(default, (list, dict))
        if fid in names:
            col = columns[names.index(fid)]
            if None in col:
                for i, v in enumerate(col):
                    if v is None:
                        col[i] = copy.deepcopy(default) if mutable else default
        else:
            names.append(fid)
            columns.append([copy.deepcopy(default) for _ in range(n)] if mutable else [default] * n)


def validate_columns(form, names: list[str], columns: list[list], labels: list, result: RowsResult, n: int) -> None:
    """The form's JSON Schema, column by column: required names, then each property's
    schema on the column's distinct values (a failing value is reported by the full
    validator, with the same messages as `schema_errors`)."""
    validators = form.value_validators
    for fid in form.json_schema["required"]:
        if fid in names:
            col = columns[names.index(fid)]
            if None not in col:
                continue
            missing = [i for i, v in enumerate(col) if v is None]
        else:
            missing = range(n)
        for i in missing:
            if i not in result.errors or not any(e["field"] == fid for e in result.errors[i]):
                result.add(i, field_error(form, fid, "required", "必填", "is required", labels[i]))
    for name, col in zip(names, columns):
        check = validators.get(name)
        if check is None:
            continue
        distinct = _distinct(col)
        if distinct is None and any(type(v) is list for v in col):
            try:
                distinct = {tuple(v) for v in col if v is not None}
                values = [list(v) for v in distinct]
            except TypeError:
                values = None
        else:
            values = distinct
        if values is not None:
            try:
                for v in values:
                    check(v)
                continue
            except Exception:  # fastjsonschema.JsonSchemaException: find the rows below
                pass
        _check_rows(form, name, check, col, labels, result)


def _check_rows(form, name: str, check, col: list, labels: list, result: RowsResult) -> None:
    """Each row's value (distinct values once); a failing one is reported by the full
    validator, with the same messages as `schema_errors`."""
    good: set = set()
    for i, v in enumerate(col):
        if v is None:
            continue
        t = type(v)
        key = v if t is str else (tuple(v) if t is list else (t, v) if t is not dict else None)
        if key is not None and key in good:
            continue
        try:
            check(v)
        except Exception:  # fastjsonschema.JsonSchemaException
            for err in schema_errors(form, {name: v}, labels[i]):
                if err["field"] == name:
                    result.add(i, err)
            continue
        if key is not None:
            good.add(key)


def build_docs(names: list[str], columns: list[list], skip: dict) -> tuple[list[int], list[dict]]:
    """(row indexes, records as dicts) of the rows not in `skip`."""
    if not columns:
        return [], []
    keep = [i for i in range(len(columns[0])) if i not in skip]
    rows = zip(*columns)
    if not skip:
        return keep, [dict(zip(names, vals)) for vals in rows]
    return keep, [dict(zip(names, vals)) for i, vals in enumerate(rows) if i not in skip]
