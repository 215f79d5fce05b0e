"""The value operators of JsonLogic (and Trellis's extra ones) as plain Python functions.

Each takes already-evaluated arguments and follows json-logic-js exactly; `OPS` maps an
operator name to (function, arity, returns_bool), arity None meaning variadic.
Operators that need the data or control evaluation (var, missing, if, and, map...)
live in the compiler, as do `now` / `today` (CLOCK_OPS: they read the clock, so they are
never folded into constants). The date operators' meaning is in dates.py, that of the
operators formulas compile to (round, len, sum_of...) in formulas.py.
"""
from __future__ import annotations

import logging
import math

from . import dates, formulas
from .errors import bad_arguments
from .jsvalues import (
    NAN, UNDEF, ge, gt, has_astral, is_empty, js_in, le, loose_eq, lt, parse_float, strict_eq,
    normalize, to_integer, to_number, to_primitive, to_string, truthy,
)
from .moment import current_zone, wall_now

log = logging.getLogger("trellis.logic")


def ne(a, b) -> bool:
    return not loose_eq(a, b)


def strict_ne(a, b) -> bool:
    return not strict_eq(a, b)


def lt3(a, b, c=UNDEF) -> bool:
    return lt(a, b) if c is UNDEF else (lt(a, b) and lt(b, c))


def le3(a, b, c=UNDEF) -> bool:
    return le(a, b) if c is UNDEF else (le(a, b) and le(b, c))


def not_(a) -> bool:
    return not truthy(a)


def add(*args):
    total = 0
    for x in args:
        total = total + parse_float(x)
    return total


def mul(*args):
    if len(args) == 1:
        return args[0]
    total = parse_float(args[0])
    for x in args[1:]:
        y = parse_float(x)
        r = total * y
        if r == 0 and r.__class__ is int and (total < 0) != (y < 0):
            r = -0.0
        total = r
    return total


def sub(a, b=UNDEF):
    if b is UNDEF:
        n = to_number(a)
        return -n if n else -float(n)
    return to_number(a) - to_number(b)


def div(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0:
        if x == 0 or x != x:
            return NAN
        return math.copysign(math.inf, x) * math.copysign(1.0, y)
    return x / y


def mod(a, b):
    x, y = to_number(a), to_number(b)
    if y == 0 or x != x or y != y or x in (math.inf, -math.inf):
        return NAN
    if y in (math.inf, -math.inf):
        return x
    if x.__class__ is int and y.__class__ is int:
        r = abs(x) % abs(y)
        if x < 0:
            return -r if r else -0.0
        return r
    return math.fmod(x, y)


def _extreme(pick, empty, args):
    nums = [to_number(x) for x in args]
    if not nums:
        return empty
    if any(n != n for n in nums):
        return NAN
    return pick(nums)


def max_(*args):
    return _extreme(max, -math.inf, args)


def min_(*args):
    return _extreme(min, math.inf, args)


def cat(*args) -> str:
    return "".join("" if x is None or x is UNDEF else to_string(x) for x in args)


def _js_substr(s: str, start, length=UNDEF) -> str:
    """JS String.prototype.substr on code units."""
    astral = has_astral(s)
    units = s.encode("utf-16-le", "surrogatepass") if astral else s
    size = len(units) // 2 if astral else len(units)
    st = to_integer(start)
    if st < 0:
        st = max(size + st, 0) if st != -math.inf else 0
    st = min(st, size)
    ln = size if length is UNDEF else to_integer(length)
    ln = min(max(ln, 0), size)
    end = min(st + ln, size)
    if st >= end:
        return ""
    if astral:
        return units[2 * st:2 * end].decode("utf-16-le", "surrogatepass")
    return units[st:end]


def substr(source, start=UNDEF, end=UNDEF) -> str:
    s = to_string(source)
    if end is not UNDEF and lt(end, 0):
        temp = _js_substr(s, start)
        size = len(temp.encode("utf-16-le", "surrogatepass")) // 2
        p = to_primitive(end)
        length = to_string(size) + p if p.__class__ is str else size + to_number(p)
        return _js_substr(temp, 0, length)
    return _js_substr(s, start, end)


def merge(*args) -> list:
    out = []
    for a in args:
        if a.__class__ is list:
            out.extend(a)
        else:
            out.append(a)
    return out


def starts_with(a, b) -> bool:
    return a.__class__ is str and b.__class__ is str and a.startswith(b)


def ends_with(a, b) -> bool:
    return a.__class__ is str and b.__class__ is str and a.endswith(b)


def contains(a, b) -> bool:
    return js_in(b, a)


def not_empty(a) -> bool:
    return not is_empty(a)


def now_text() -> str:
    return wall_now().isoformat(timespec="seconds")


def today_text() -> str:
    return wall_now().date().isoformat()


def date_add(value, amount, unit):
    return dates.date_add(normalize(value), normalize(amount), unit, current_zone())


def date_diff(a, b, unit):
    return dates.date_diff(normalize(a), normalize(b), unit, current_zone())


def start_of(value, unit):
    return dates.start_of(normalize(value), unit, current_zone())


def _part(unit):
    def fn(value):
        return dates.part(normalize(value), unit, current_zone())

    return fn


def make_date(y, m, d):
    return dates.make_date(formulas.num(y), formulas.num(m), formulas.num(d))


def log_value(a):
    log.info("jsonlogic log: %r", a)
    return a


OPS = {
    "==": (loose_eq, 2, True),
    "===": (strict_eq, 2, True),
    "!=": (ne, 2, True),
    "!==": (strict_ne, 2, True),
    ">": (gt, 2, True),
    ">=": (ge, 2, True),
    "<": (lt3, 3, True),
    "<=": (le3, 3, True),
    "!": (not_, 1, True),
    "!!": (truthy, 1, True),
    "in": (js_in, 2, True),
    "+": (add, None, False),
    "*": (mul, None, False),
    "-": (sub, 2, False),
    "/": (div, 2, False),
    "%": (mod, 2, False),
    "max": (max_, None, False),
    "min": (min_, None, False),
    "cat": (cat, None, False),
    "substr": (substr, 3, False),
    "merge": (merge, None, False),
    "starts_with": (starts_with, 2, True),
    "ends_with": (ends_with, 2, True),
    "contains": (contains, 2, True),
    "is_empty": (is_empty, 1, True),
    "not_empty": (not_empty, 1, True),
    "date_add": (date_add, 3, False),
    "date_diff": (date_diff, 3, False),
    "start_of": (start_of, 2, False),
    **{unit: (_part(unit), 1, False) for unit in dates.PARTS},
    "make_date": (make_date, 3, False),
    **formulas.FORMULA_OPS,
}

# Operators that read the clock: never constant, never folded (see moment.py).
CLOCK_OPS = {"now": now_text, "today": today_text}
# The date operators' unit argument: (its position, the units allowed).
UNIT_ARGS = {"date_add": (2, dates.UNITS), "date_diff": (2, dates.DIFF_UNITS), "start_of": (1, dates.START_UNITS)}


def check_unit(op: str, nodes: list) -> None:
    """A date operator's constant unit (a compiled node) must be one it knows: LogicError
    naming the units otherwise. A unit computed from the data gives null when unknown."""
    at, units = UNIT_ARGS[op]
    if len(nodes) > at and not nodes[at].is_const:
        return
    unit = nodes[at].const if len(nodes) > at else UNDEF
    if unit not in units:
        raise bad_arguments(op, f"单位 {unit!r} 无效,可用:{'、'.join(units)}",
                            f"the unit {unit!r} is not one of {', '.join(units)}")

