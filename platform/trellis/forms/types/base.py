"""The field-type contract. Every field type is one class in one file, registered under
its stable key (the `type` of a field in a form definition, and the frontend widget's key).

A field definition is a dict from the form definition, e.g.
    {"id": "equity", "type": "money", "label": {"zh": "权益", "en": "Equity"},
     "required": true, "indexed": true, "precision": 2}
Common keys (every type): id, type, label {zh,en}, help {zh,en}, required, unique, indexed,
default, hidden, deleted, readonly. Type-specific keys are declared in `config_schema`.

Values travel in three forms:
- *input*: what a user, an API client or a spreadsheet cell gives (strings, numbers, ...);
- *JSON*: what `coerce` returns and the form's JSON Schema validates (dates as ISO strings,
  decimals as numbers, lists for multi selects); the API answers with this form too;
- *DB*: what `to_db` returns and the column stores; `from_db` turns it back into JSON.

Traits: class attributes saying what a type can do, read by every layer (SQL filters,
sheets, imports, the API's GET /field-types and through it the front end) instead of
lists of type names. A type overrides the defaults below; their vocabularies are in
traits.py (checked by `traits.trait_problems`):
- `sql_kind`: the value kind a filter compares (text, number, bool, date, datetime,
  json_array, json);
- `operators`: condition operators (names from traits.OPERATORS) the builders offer;
- `sortable`, `filterable`, `searchable` (in the `q` search), `inline_editable` (edited
  in a grid cell), `references` ("form", "user", "department": ids checked on write,
  answered expanded as {id, title});
- `number_format`: "amount" or "percent" for numbers shown and typed that way, else None;
- `export`: how a value becomes a spreadsheet cell (traits.EXPORTS; None: not exported);
  `importable` (values may come from a cell), `import_key` (may be an import's match key),
  `sheet_hint` {zh, en} (what to type, in the template), `sheet_example` (the template's
  sample value: a scalar, {zh, en}, or one of traits.EXAMPLE_TOKENS; None: "<label> sample");
- `aggregations`: which of count, count_distinct, sum, avg, min, max reports may apply;
- `palette_group`: the designer palette's group (basic, choice, contact, advanced);
  `palette_rank`: its place in the group (lower first; /field-types answers in this order);
- `wide`: takes a whole row in forms and a wide grid column; `groupable`: a board view
  may group records by it; `generated`: the system fills the value (never typed);
- `virtual`: no column of its own; the value is an SQL expression over the row
  (`sql_field()`: a formula, a lookup), read, filtered and sorted like a column and never
  written; `computed`: the value follows from other values (formula, lookup, rollup),
  never written by a user, an import or a seed. `in_row` is true for every type with a
  value in the form's row (a column or an expression).
"""
from __future__ import annotations

import os
import re
from decimal import Decimal

import sqlalchemy as sa

from ...kernel.errors import bilingual

COMMON_KEYS = {
    "id", "type", "label", "help", "required", "unique", "indexed", "default", "hidden",
    "deleted", "readonly", "placeholder", "visible_if", "required_if", "readonly_if",
}


class CoerceError(ValueError):
    """A value that cannot be read as the field's type. `message` is {"zh", "en"}.
    A structured value (a sub-table) may add `parts`: one problem per place, each
    {"path": [row index, child id?], "zh", "en"}, so the caller can point at each cell."""

    def __init__(self, code: str, zh: str, en: str, parts: list[dict] | None = None):
        super().__init__(en)
        self.code = code
        self.message = bilingual(zh, en)
        self.parts = parts or []


class FieldType:
    """Base class: the contract every field type fulfils (see the module docstring)."""

    key: str = ""                 # registry key; set by each subclass
    widget: str = ""              # frontend widget key (frontend/src/registries/)
    label = {"zh": "", "en": ""}  # shown in the designer's palette
    config_schema: dict = {"type": "object", "properties": {}}  # type-specific keys
    searchable = False            # included in the `q` text search
    sortable = True               # may appear in `sort`
    filterable = True             # may appear in a JsonLogic filter
    has_column = True             # False for types stored elsewhere (sub-table) or computed (virtual)
    virtual = False               # no column: the value is an SQL expression (`sql_field`)
    computed = False              # the value follows from other values (formula, lookup, rollup): never written
    references: str | None = None  # "form", "user" or "department": ids checked on write
    # -- traits (module docstring; vocabularies in traits.py) ----------------------------
    sql_kind = "json"             # what a filter compares: traits.SQL_KINDS
    operators: tuple[str, ...] = ("is_empty", "is_not_empty")  # names from traits.OPERATORS
    inline_editable = False       # edited in place in a grid cell
    number_format: str | None = None  # "amount" / "percent": shown and typed so
    export: str | None = "json"   # sheet cell conversion: traits.EXPORTS (None: not exported)
    importable = True             # values may come from a spreadsheet cell
    import_key = True             # may be a key an import matches records by
    sheet_hint = {"zh": "", "en": ""}  # what to type, in the import template's comment
    sheet_example = None          # the template's sample value (see the module docstring)
    aggregations: tuple[str, ...] = ("count",)  # traits.AGGREGATIONS reports may apply
    palette_group = "advanced"    # the designer palette's group: traits.PALETTE_GROUPS
    palette_rank = 100            # its place in the group, lower first (core types 10..90)
    wide = False                  # a whole row in forms, a wide column in grids
    groupable = False             # a board view may group by it

    def __init__(self, field: dict, form=None):
        self.field = field
        self.id: str = field["id"]
        self.form = form  # the FormModel this field belongs to (None in isolation)

    # -- storage --------------------------------------------------------------------
    def column_type(self) -> sa.types.TypeEngine:
        raise NotImplementedError

    def columns(self) -> list[sa.Column]:
        """The column(s) this field stores; named from the field's stable id."""
        if not self.has_column:
            return []
        return [sa.Column(self.id, self.column_type(), nullable=True)]

    def column_signature(self) -> str:
        """A short name of the storage type, compared on publish to detect a type change."""
        return type(self.column_type()).__name__

    # -- schema ---------------------------------------------------------------------
    def value_schema(self) -> dict:
        """JSON-Schema fragment of a non-null value (null is allowed by the form schema)."""
        raise NotImplementedError

    def json_schema(self) -> dict:
        """The property schema: the value schema or null, with title and description."""
        frag = dict(self.value_schema())
        out = {"anyOf": [frag, {"type": "null"}]} if frag else {}
        label = self.field.get("label") or {}
        out["title"] = label.get("zh") or self.id
        if self.field.get("readonly") or self.generated:
            out["readOnly"] = True
        return out

    generated = False  # True when the system fills the value (auto-number)

    @property
    def in_row(self) -> bool:
        """The field has a value in the form's row: a column, or an expression (virtual)."""
        return self.has_column or self.virtual

    def sql_field(self):
        """The value as SQL reads it (a SqlField): the column and its sql_kind; a virtual
        type answers its expression over the form's row."""
        from ...logic import SqlField

        if not self.has_column or self.form is None:
            raise NotImplementedError(f"{self.key} has no value in the row")
        return SqlField(self.form.table.c[self.id], self.sql_kind)

    # -- values ---------------------------------------------------------------------
    def coerce(self, value):
        """Input -> JSON form. Empty strings become None. Raise CoerceError when unreadable."""
        return value

    def to_db(self, value):
        """JSON form (already validated) -> the column's value."""
        return value

    def from_db(self, value):
        """Column value -> JSON form."""
        return value

    def sql_literal(self, value):
        """A JSON-form value used in a filter -> the value compared with the column."""
        return self.to_db(value) if value is not None else None

    def fill_on_create(self, rows: list[dict], ctx) -> None:
        """Fill system-made values on a batch of new rows (JSON form), e.g. auto-numbers;
        `ctx.next_sequence(key, n)` allocates n numbers and returns the first. (Plain
        defaults are applied by the record service before validation.)"""

    def convertible(self, db_value) -> bool:
        """May a value stored by another type be kept when this field changes to this type?"""
        if db_value is None:
            return True
        try:
            self.coerce(db_value if not hasattr(db_value, "isoformat") else db_value.isoformat())
            return True
        except CoerceError:
            return False

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}>"


def empty(value) -> bool:
    """None, or a string of only white space (full-width spaces included)."""
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u3000"))


# -- helpers shared by the core types (plugins may use them too) -------------------------

WHITESPACE = " \t\r\n\u3000\xa0\ufeff\u200b"  # stripped around every input string
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # what a BIGINT column holds
INT32_MAX = 2**31 - 1  # what an INTEGER column holds (user, department ids)

_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # ０-９ Ａ-Ｚ ，．－＠ ...
_HALFWIDTH.update({0x3000: 0x20, 0x2212: 0x2D, 0xFFE5: 0xA5})  # 全角空格, minus sign, ￥


def halfwidth(text: str) -> str:
    """Full-width ASCII forms (０-９, ，．－％＠ ...) and U+3000 -> their ASCII twins."""
    return text.translate(_HALFWIDTH)


def shown(value, limit: int = 40) -> str:
    """A value as quoted in an error message, cut to `limit` characters."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


TEXT_MAX_BYTES = 1024 * 1024  # default of TRELLIS_TEXT_MAX_BYTES


def text_max_bytes() -> int:
    """The most UTF-8 bytes a long text (or a JSON value's text) may hold: the environment's
    TRELLIS_TEXT_MAX_BYTES, default 1 MB."""
    try:
        return max(1, int(os.environ.get("TRELLIS_TEXT_MAX_BYTES") or TEXT_MAX_BYTES))
    except ValueError:
        return TEXT_MAX_BYTES


def check_text_size(text: str) -> str:
    """`text`, or CoerceError("too_long") when it is longer than text_max_bytes()."""
    limit = text_max_bytes()
    if len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit:
        size = f"{limit / 1048576:g} MB" if limit >= 1048576 else f"{limit:,} 字节"
        size_en = f"{limit / 1048576:g} MB" if limit >= 1048576 else f"{limit:,} bytes"
        raise CoerceError("too_long", f"内容过长(最多 {size})", f"is too long (at most {size_en})")
    return text


def labels_of(field: dict) -> tuple[str, str]:
    """The field's (zh, en) label, falling back to its id."""
    label = field.get("label") or {}
    zh = label.get("zh") or field.get("id", "")
    return zh, label.get("en") or zh


_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_GROUPED_NUMBER = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?", re.ASCII)


def number_text(text: str) -> Decimal:
    """Read a number as people type it: " １,２３４.５ ", "1，234", "(1,234)" (negative),
    "1.5E3". Thousands separators must group by three. Raises ValueError."""
    s = halfwidth(text).strip(WHITESPACE)
    if len(s) > 2 and s[0] == "(" and s[-1] == ")":
        s = "-" + s[1:-1].strip(WHITESPACE)
    if "," in s:
        if not _GROUPED_NUMBER.fullmatch(s):
            raise ValueError(text)
        s = s.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(s):
        raise ValueError(text)
    number = Decimal(s)
    if number and number.adjusted() > 30:
        raise ValueError(text)
    return number


CN_UNITS = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def unit_number(text: str) -> Decimal:
    """A number with an optional Chinese magnitude suffix: "1.5万", "３亿", "1,200万"
    (else as `number_text`). Raises ValueError."""
    s = halfwidth(text).strip(WHITESPACE)
    for unit, factor in CN_UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            return number_text(s[: -len(unit)]) * factor
    return number_text(s)


def scalar_text(value) -> str | None:
    """A number, bool, date or Decimal as text (ints without ".0"); None if not a scalar."""
    t = type(value)
    if t is int:
        return str(value)
    if t is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if t is bool:
        return "true" if value else "false"
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    if hasattr(value, "isoformat") and hasattr(value, "year"):
        return value.isoformat(timespec="seconds") if hasattr(value, "hour") else value.isoformat()
    if isinstance(value, (int, float)):  # int/float subclasses (IntEnum, numpy.float64)
        return scalar_text(float(value) if isinstance(value, float) else int(value))
    return None


def read_id(value, maximum: int = INT64_MAX) -> int:
    """A positive integer id, at most `maximum`, from 12, 12.0, " １２ " or {"id": 12}.
    Raises ValueError."""
    t = type(value)
    if t is int:
        if 0 < value <= maximum:
            return value
        raise ValueError(value)
    if t is dict:
        return read_id(value.get("id"), maximum)
    if t is str:
        s = halfwidth(value).strip(WHITESPACE)
        if s.isascii() and s.isdigit():
            return read_id(int(s), maximum)
    elif t is float and value.is_integer():
        return read_id(int(value), maximum)
    raise ValueError(value)
