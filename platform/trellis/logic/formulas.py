"""The operators spreadsheet-style formulas compile to: numbers, text, blanks and sub-table
aggregates, as plain Python functions over evaluated arguments (registered in operations.OPS).

The browser (frontend/src/logic/formulas.ts) and SQL (sql_formulas.py) mean exactly the
same; tests/logic/formula_ops_cases.json holds the cases all three answer alike.

Numbers. An argument is read as a number by `num`: null, undefined and "" are blank
(None); true / false are 1 / 0; text must be a plain decimal ("12", "-3.5", " .5 ": spaces,
tabs, newlines and U+3000 around it are ignored; no exponent, no thousands separators),
anything else is blank too; NaN and infinities (and texts beyond the doubles) are blank. A blank argument makes a
unary operator null.

- `round` [x, digits=0] half away from zero, `round_down` toward zero, `round_up` away from
  zero, `floor` [x] toward -infinity, `ceil` [x] toward +infinity. Like a spreadsheet, they
  round the decimal x shows with 15 significant digits (so 1.005 rounds to 1.01 and
  4.35 * 100 floors to 435); digits is truncated to an integer and clamped to -15..15; the
  result is the double nearest to the rounded decimal.
- `abs`, `sqrt` (null for a negative), `power` [x, y] (null when either is blank or the
  result is not a finite real number).
- `div` [a, b]: a / b, null when b is blank or 0 (a blank a counts as 0) or the quotient
  is beyond the doubles.
- `mod` [a, b]: a - b * floor(a / b) (the divisor's sign), null when b is blank or 0.
- `sum` [...]: blanks count as 0. `avg` [...]: the mean of the non-blank arguments, null
  when there is none. `to_number` [x]: `num(x)`.

Text. A text argument is read by `text`: null stays null, a number becomes `to_text` of
it, true / false "true" / "false". Positions and lengths count characters (a Chinese
character, or an emoji, is one).

- `len` (null: 0), `upper` / `lower` (ASCII letters only), `trim` (spaces, tabs, newlines
  and U+3000 at both ends), `left` / `right` [s, n=1], `mid` [s, start, n] (start 1-based):
  null when s is null, n blank or negative, start blank or below 1; n truncated.
- `replace` [s, old, new]: every occurrence (old blank or "": s unchanged; new blank: "").
- `find` [needle, s]: 1-based position of the first occurrence, 0 when absent, null when
  either is null.
- `to_text` [x]: text unchanged; a number rounded (as `round`) to 10 decimals and written
  in plain decimal notation, trailing zeros and point dropped ("3", "0.1", "-2.5",
  "0.3333333333", "100000000000000000000"); booleans "true" / "false"; null stays null.

Blanks. `coalesce` [...]: the first argument that is not null, "" nor NaN; null if none.

Sub-tables. The first argument is the sub-table's rows (a list of row objects):
`sum_of` / `avg_of` / `min_of` / `max_of` [rows, field] over the field's values read by
`num` (blanks skipped; `sum_of` of nothing is 0, the others null; `sum_of` / `avg_of` are
given with 15 significant digits, as a database's own sum may add in another order);
`min_of` / `max_of` over text values compare them as text (dates), when every non-blank
value is text. `count_of` [rows] counts rows, [rows, field] the rows whose field is not
null.
"""
from __future__ import annotations

import math
import re
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal

from .jsvalues import UNDEF, normalize

MAX_DIGITS = 15
TEXT_DECIMALS = 10
TRIM_CHARS = " \t\n\r\u3000"
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_MODES = {"half": ROUND_HALF_UP, "down": ROUND_DOWN, "up": ROUND_UP, "floor": ROUND_FLOOR,
          "ceil": ROUND_CEILING}
_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def text_number(s: str):
    """The number a text spells as a plain decimal, or None."""
    s = s.strip(TRIM_CHARS)
    if not _NUMBER_TEXT.fullmatch(s):
        return None
    if "." not in s and len(s) < 16:
        return int(s)
    n = float(s)
    return n if math.isfinite(n) else None


def num(x):
    """An argument as a number, or None (blank or unreadable)."""
    c = x.__class__
    if c is int:
        return x
    if c is float:
        return x if math.isfinite(x) else None
    if x is None or x is UNDEF:
        return None
    if c is bool:
        return 1 if x else 0
    if c is str:
        return text_number(x)
    if c in (list, dict):
        return None
    return num(normalize(x))


def digits_of(d, default=0):
    if d is UNDEF:
        return default
    n = num(d)
    if n is None:
        return None
    return max(-MAX_DIGITS, min(MAX_DIGITS, int(n)))


def rounded_integer(x, digits: int, mode: str) -> int:
    """x (as 15 significant digits) times 10**digits, rounded to an integer by `mode`."""
    return int(Decimal(format(x, ".15g")).scaleb(digits).to_integral_value(rounding=_MODES[mode]))


def _round(x, digits, mode):
    x = num(x)
    if x is None or digits is None:
        return None
    k = rounded_integer(x, digits, mode)
    return k / 10 ** digits if digits >= 0 else float(k * 10 ** -digits)


def round_(x, d=UNDEF):
    return _round(x, digits_of(d), "half")


def round_down(x, d=UNDEF):
    return _round(x, digits_of(d), "down")


def round_up(x, d=UNDEF):
    return _round(x, digits_of(d), "up")


def floor_(x):
    return _round(x, 0, "floor")


def ceil_(x):
    return _round(x, 0, "ceil")


def abs_(x):
    x = num(x)
    return None if x is None else abs(x)


def sqrt(x):
    x = num(x)
    return None if x is None or x < 0 else math.sqrt(x)


def power(x, y):
    x, y = num(x), num(y)
    if x is None or y is None:
        return None
    try:
        r = math.pow(x, y)
    except (ValueError, OverflowError, ZeroDivisionError):
        return None
    return r if math.isfinite(r) else None


def div(a, b):
    a, b = num(a), num(b)
    if b is None or b == 0:
        return None
    r = (a or 0) / b
    return r if math.isfinite(r) else None


def mod(a, b):
    a, b = num(a), num(b)
    if b is None or b == 0:
        return None
    a = float(a or 0)
    r = a - b * float(math.floor(a / b))
    return r if math.isfinite(r) else None


def sum_(*args):
    total = 0
    for x in args:
        n = num(x)
        if n is not None:
            total = total + n
    return total


def avg(*args):
    vals = [n for n in map(num, args) if n is not None]
    if not vals:
        return None
    total = 0
    for v in vals:
        total = total + v
    return total / len(vals)


def to_number(x):
    return num(x)


def to_text(x):
    if x is None or x is UNDEF:
        return None
    c = x.__class__
    if c is str:
        return x
    if c is bool:
        return "true" if x else "false"
    n = num(x)
    if c in (int, float):
        return None if n is None else number_text(n)
    x = normalize(x)
    return to_text(x) if x.__class__ in (str, bool, int, float) else None


def number_text(n) -> str:
    """A number in plain decimal notation, rounded to TEXT_DECIMALS decimals."""
    k = rounded_integer(n, TEXT_DECIMALS, "half")
    if k == 0:
        return "0"
    text = format(Decimal(k).scaleb(-TEXT_DECIMALS), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def text(x):
    """A text argument: null stays None, numbers and booleans become to_text."""
    if x.__class__ is str:
        return x
    return to_text(x)


def len_(s):
    s = text(s)
    return 0 if s is None else len(s)


def upper(s):
    s = text(s)
    return None if s is None else s.translate(_UPPER)


def lower(s):
    s = text(s)
    return None if s is None else s.translate(_LOWER)


def trim(s):
    s = text(s)
    return None if s is None else s.strip(TRIM_CHARS)


def _count(n, default=1):
    if n is UNDEF:
        return default
    n = num(n)
    if n is None or n < 0:
        return None
    return int(n)


def left(s, n=UNDEF):
    s, n = text(s), _count(n)
    return None if s is None or n is None else s[:n]


def right(s, n=UNDEF):
    s, n = text(s), _count(n)
    if s is None or n is None:
        return None
    return s[len(s) - n:] if n < len(s) else s


def mid(s, start, n):
    s, start, n = text(s), num(start), _count(n, None)
    if s is None or start is None or n is None or start < 1:
        return None
    begin = int(start) - 1
    return s[begin:begin + n]


def replace(s, old, new):
    s, old, new = text(s), text(old), text(new)
    if s is None:
        return None
    if not old:
        return s
    return s.replace(old, new or "")


def find(needle, s):
    needle, s = text(needle), text(s)
    if needle is None or s is None:
        return None
    return s.find(needle) + 1


def coalesce(*args):
    for x in args:
        if x is None or x is UNDEF or (x.__class__ is str and x == "") or (x.__class__ is float and x != x):
            continue
        return x
    return None


def round15(x):
    """A number as the double nearest its 15 significant digits."""
    return float(format(x, ".15g")) if x.__class__ is float else x


def _values(rows, field):
    if rows.__class__ is not list:
        rows = normalize(rows) if rows is not None and rows is not UNDEF else []
        if rows.__class__ is not list:
            return []
    key = text(field)
    return [r.get(key) if r.__class__ is dict else None for r in rows]


def sum_of(rows, field=UNDEF):
    total = 0
    for v in _values(rows, field):
        n = num(v)
        if n is not None:
            total = total + n
    return round15(total)


def avg_of(rows, field=UNDEF):
    vals = [n for n in map(num, _values(rows, field)) if n is not None]
    if not vals:
        return None
    total = 0
    for v in vals:
        total = total + v
    return round15(total / len(vals))


def _extreme(pick, rows, field):
    vals = [normalize(v) for v in _values(rows, field) if v is not None and v is not UNDEF and v != ""]
    if vals and all(v.__class__ is str for v in vals):
        return pick(vals)
    nums = [n for n in map(num, vals) if n is not None]
    return pick(nums) if nums else None


def min_of(rows, field=UNDEF):
    return _extreme(min, rows, field)


def max_of(rows, field=UNDEF):
    return _extreme(max, rows, field)


def count_of(rows, field=UNDEF):
    if rows.__class__ is not list:
        rows = normalize(rows) if rows is not None and rows is not UNDEF else []
        if rows.__class__ is not list:
            return 0
    if field is UNDEF:
        return len(rows)
    return sum(1 for v in _values(rows, field) if v is not None)


FORMULA_OPS = {
    "round": (round_, 2, False), "round_down": (round_down, 2, False), "round_up": (round_up, 2, False),
    "floor": (floor_, 1, False), "ceil": (ceil_, 1, False), "abs": (abs_, 1, False),
    "power": (power, 2, False), "sqrt": (sqrt, 1, False), "div": (div, 2, False), "mod": (mod, 2, False),
    "sum": (sum_, None, False), "avg": (avg, None, False), "to_number": (to_number, 1, False),
    "len": (len_, 1, False), "upper": (upper, 1, False), "lower": (lower, 1, False), "trim": (trim, 1, False),
    "left": (left, 2, False), "right": (right, 2, False), "mid": (mid, 3, False),
    "replace": (replace, 3, False), "find": (find, 2, False), "to_text": (to_text, 1, False),
    "coalesce": (coalesce, None, False),
    "sum_of": (sum_of, 2, False), "avg_of": (avg_of, 2, False), "min_of": (min_of, 2, False),
    "max_of": (max_of, 2, False), "count_of": (count_of, 2, False),
}
