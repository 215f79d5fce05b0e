"""JsonLogic, the platform's one condition language (view filters, row scopes, automation
conditions, flow branches).

Standard operators follow json-logic-js exactly. Trellis adds, with the same meaning in
the Python evaluator and in SQL:

- `{"starts_with": [a, b]}` / `{"ends_with": [a, b]}`: true when both are strings and
  `a` starts / ends with `b` (case-sensitive); false otherwise.
- `{"contains": [a, b]}`: `{"in": [b, a]}`, i.e. substring of a string `a`, or strict
  membership in an array `a`.
- `{"is_empty": [a]}`: `a` is null, "" or []; `{"not_empty": [a]}` is its negation.
- the date operators (dates.py): now, today, date_add, date_diff (days, hours, minutes,
  months, years), start_of, year, month, day, hour, minute, weekday, make_date.
- the operators formulas compile to (formulas.py documents each, null rules included):
  round, round_down, round_up, floor, ceil, abs, power, sqrt, div, mod, sum, avg,
  to_number; len, upper, lower, trim, left, right, mid, replace, find, to_text; coalesce;
  sub-table aggregates sum_of, avg_of, min_of, max_of, count_of.

`var` names are plain dotted paths (`$user.id` is the path `$user` -> `id`).

API: `compile_rule(rule) -> fn(data)`, `evaluate(rule, data)`, `truthy(value)`,
`rule_vars(rule)` (field names read), `to_sql(rule, resolve)` (a condition) and
`to_sql_value(rule, resolve) -> SqlField` (a value: number, text, bool, date or datetime)
with `SqlField`, and `LogicError`.
"""
from .errors import LogicError
from .evaluate import compile_rule, evaluate
from .jsvalues import truthy
from .structure import rule_vars
from .sql import SqlField, to_sql, to_sql_value

__all__ = ["compile_rule", "evaluate", "truthy", "rule_vars", "to_sql", "to_sql_value", "SqlField", "LogicError"]
