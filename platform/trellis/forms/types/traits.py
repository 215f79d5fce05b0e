"""The vocabulary of field-type traits (see `FieldType`'s docstring) and their checks.

A trait is a class attribute of a field type saying what the type can do; every layer
reads the trait instead of keeping its own list of type names, so a plugin's type
behaves everywhere by what it declares. `GET /api/v1/field-types` serves `traits_of`
of each type and `OPERATORS` (the one operator table the condition builders use).
"""
from __future__ import annotations

from ...logic.sql_values import KINDS

# The kinds of value a column holds, as the JsonLogic SQL compiler reads them.
SQL_KINDS = tuple(sorted(KINDS))

# The one table of condition operators: name -> the JsonLogic operator it writes and how
# many values it takes (0: none, 1: one, 2: a range, "list": a list); `rule_for` writes
# the JsonLogic (`value_first`: the value comes before the field, as in {"in": ["ab",
# {"var": f}]}; `negated`: written as {"!": {...}} around the positive rule). The browser's
# builder (frontend src/conditions/operators.ts) uses exactly these names.
OPERATORS: dict[str, dict] = {
    "equal": {"logic": "==", "values": 1},
    "not_equal": {"logic": "!=", "values": 1},
    "less": {"logic": "<", "values": 1},
    "less_or_equal": {"logic": "<=", "values": 1},
    "greater": {"logic": ">", "values": 1},
    "greater_or_equal": {"logic": ">=", "values": 1},
    "between": {"logic": "<=", "values": 2},
    "like": {"logic": "in", "values": 1, "value_first": True},
    "not_like": {"logic": "in", "values": 1, "value_first": True, "negated": True},
    "starts_with": {"logic": "starts_with", "values": 1},
    "ends_with": {"logic": "ends_with", "values": 1},
    "is_empty": {"logic": "is_empty", "values": 0},
    "is_not_empty": {"logic": "not_empty", "values": 0},
    "select_equals": {"logic": "==", "values": 1},
    "select_not_equals": {"logic": "!=", "values": 1},
    "select_any_in": {"logic": "in", "values": "list"},
    "select_not_any_in": {"logic": "in", "values": "list", "negated": True},
    "has_option": {"logic": "contains", "values": 1},
}

# Operator sets the core types share (a type may declare any tuple of OPERATORS names).
PRESENCE_OPS = ("is_empty", "is_not_empty")
TEXT_OPS = ("like", "not_like", "equal", "not_equal", "starts_with", "ends_with", *PRESENCE_OPS)
ORDERED_OPS = ("equal", "not_equal", "less", "less_or_equal", "greater", "greater_or_equal", "between",
               *PRESENCE_OPS)
CHOICE_OPS = ("select_equals", "select_not_equals", "select_any_in", "select_not_any_in", *PRESENCE_OPS)
OPTIONS_OPS = ("has_option", *PRESENCE_OPS)

AGGREGATIONS = ("count", "count_distinct", "sum", "avg", "min", "max")
COUNTS = ("count", "count_distinct")
NUMBER_AGGREGATIONS = AGGREGATIONS
ORDERED_AGGREGATIONS = ("count", "count_distinct", "min", "max")

# How a value becomes a spreadsheet cell (sheets/display.py): as_is (the value), yes_no
# (是/否), option / options (option labels), date / datetime (real dates in xlsx),
# percent (a number formatted as % in xlsx, "35%" in CSV), files (file names), title (the
# referenced user's / department's / record's title), json (scalars as they are, the
# rest as compact JSON); None: not exported.
EXPORTS = ("as_is", "yes_no", "option", "options", "date", "datetime", "percent", "files", "title", "json")
NUMBER_FORMATS = ("amount", "percent")  # how numbers are shown and typed (None: plain)
REFERENCES = ("form", "user", "department")
PALETTE_GROUPS = ("basic", "choice", "contact", "advanced")

# Special sheet examples (the import template's sample row): "$option" the first option,
# "$options" the first two, "$yes" Yes, "$today" / "$now", "$user" the caller's user name.
EXAMPLE_TOKENS = ("$option", "$options", "$yes", "$today", "$now", "$user")

TRAITS = ("sql_kind", "operators", "sortable", "filterable", "searchable", "inline_editable",
          "references", "number_format", "export", "importable", "import_key", "sheet_hint",
          "sheet_example", "aggregations", "palette_group", "palette_rank", "wide", "groupable", "generated")


def rule_for(operator: str, field: str, *values):
    """The JsonLogic a condition builder writes for `field <operator> values`."""
    spec = OPERATORS[operator]
    var = {"var": field}
    if spec["values"] == 0:
        args = [var]
    elif spec["values"] == 2:
        args = [values[0], var, values[1]]
    elif spec["values"] == "list":
        args = [var, list(values)]
    else:
        args = [values[0], var] if spec.get("value_first") else [var, values[0]]
    rule = {spec["logic"]: args}
    return {"!": rule} if spec.get("negated") else rule


def traits_of(cls) -> dict:
    """The traits of field type class `cls` as JSON (what GET /field-types answers)."""
    out = {}
    for name in TRAITS:
        value = getattr(cls, name)
        out[name] = list(value) if isinstance(value, tuple) else value
    return out


def trait_problems(cls) -> list[str]:
    """What is wrong with `cls`'s traits (empty when they are complete and valid)."""
    problems = []

    def need(ok: bool, text: str) -> None:
        if not ok:
            problems.append(f"{cls.key or cls.__name__}: {text}")

    need(cls.sql_kind in SQL_KINDS, f"sql_kind {cls.sql_kind!r} is not one of {SQL_KINDS}")
    need(isinstance(cls.operators, tuple), "operators must be a tuple of operator names")
    unknown = [op for op in cls.operators if op not in OPERATORS]
    need(not unknown, f"operators {unknown} are not in the operator table")
    need(not cls.filterable or bool(cls.operators), "a filterable type needs operators")
    need(not (cls.filterable or cls.sortable) or cls.has_column or cls.virtual, "a type without a column "
         "or an expression cannot be sorted or filtered")
    for flag in ("sortable", "filterable", "searchable", "inline_editable", "importable", "import_key", "wide",
                 "groupable", "generated"):
        need(type(getattr(cls, flag)) is bool, f"{flag} must be true or false")
    need(cls.references is None or cls.references in REFERENCES, f"references {cls.references!r} is unknown")
    need(cls.number_format is None or cls.number_format in NUMBER_FORMATS,
         f"number_format {cls.number_format!r} is unknown")
    need(cls.export is None or cls.export in EXPORTS, f"export {cls.export!r} is not one of {EXPORTS}")
    need(not cls.importable or cls.export is not None, "an importable type must export")
    need(not cls.import_key or cls.importable, "an import key must be importable")
    hint = cls.sheet_hint
    need(isinstance(hint, dict) and set(hint) == {"zh", "en"}, "sheet_hint must be {zh, en}")
    example = cls.sheet_example
    need(example is None or isinstance(example, (int, float, str)) or
         (isinstance(example, dict) and set(example) == {"zh", "en"}), "sheet_example must be a scalar or {zh, en}")
    need(not (isinstance(example, str) and example.startswith("$")) or example in EXAMPLE_TOKENS,
         f"sheet_example {example!r} is not one of {EXAMPLE_TOKENS}")
    need(isinstance(cls.aggregations, tuple) and all(a in AGGREGATIONS for a in cls.aggregations),
         f"aggregations {cls.aggregations!r} must be names from {AGGREGATIONS}")
    need(cls.sql_kind == "number" or not {"sum", "avg"} & set(cls.aggregations), "sum / avg need numbers")
    need(cls.palette_group in PALETTE_GROUPS, f"palette_group {cls.palette_group!r} is not one of {PALETTE_GROUPS}")
    need(type(cls.palette_rank) is int, "palette_rank must be a whole number")
    return problems
