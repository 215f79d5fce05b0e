"""JavaScript value semantics that JsonLogic inherits from json-logic-js.

Values are JSON values in Python form: None (null), bool, int/float (JS numbers),
str, list (array), dict (object). `UNDEF` stands for JS `undefined` (a missing operator
argument). Values of other Python types (Decimal, date, datetime, tuples, str/int
subclasses...) are first normalized the way they would be serialized to JSON: Decimal ->
float, date/datetime/time -> `isoformat()`, tuple -> list, anything else -> `str()`.

Implemented: truthiness, ToNumber, parseFloat, ToString (including JS number
formatting, so 1.0 prints "1"), loose `==`, strict `===`, relational comparison (strings
by UTF-16 code units, like JS) and the `in` test of json-logic-js.
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEF = _Undefined()
NAN = float("nan")

_JS_WS = (" \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
          "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff")
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_RADIX = re.compile(r"0([xXoObB])([0-9a-fA-F]+)")
_RADIX_BASE = {"x": 16, "o": 8, "b": 2}
_PARSE_FLOAT = re.compile(r"[+-]?(?:Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

_KINDS = {
    str: "string", int: "number", float: "number", bool: "boolean", type(None): "null",
    list: "array", dict: "object", _Undefined: "undefined",
}


def normalize(v):
    """Map a non-JSON Python value onto the JSON value it stands for."""
    if v is None or v is UNDEF:
        return v
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v)
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, (datetime, date, time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return list(v)
    if isinstance(v, Mapping):
        return dict(v)
    return str(v)


def kind(v) -> str:
    """The JS type of a normalized value: undefined, null, boolean, number, string, array, object."""
    return _KINDS[v.__class__]


def truthy(v) -> bool:
    """JsonLogic truthiness: JS truthiness, except that an empty array is falsy."""
    if v is True:
        return True
    if v is False or v is None:
        return False
    c = v.__class__
    if c is str:
        return v != ""
    if c is int:
        return v != 0
    if c is float:
        return v == v and v != 0.0
    if c is list:
        return len(v) > 0
    if c is dict:
        return True
    if v is UNDEF:
        return False
    return truthy(normalize(v))


def str_to_number(s: str):
    s = s.strip(_JS_WS)
    if not s:
        return 0
    if _INTEGER.fullmatch(s):
        return int(s)
    if _DECIMAL.fullmatch(s):
        return float(s)
    if s in ("Infinity", "+Infinity"):
        return math.inf
    if s == "-Infinity":
        return -math.inf
    m = _RADIX.fullmatch(s)
    if m:
        try:
            return int(m.group(2), _RADIX_BASE[m.group(1).lower()])
        except ValueError:
            return NAN
    return NAN


def to_number(v):
    """JS ToNumber."""
    c = v.__class__
    if c is int or c is float:
        return v
    if c is str:
        return str_to_number(v)
    if c is bool:
        return 1 if v else 0
    if v is None:
        return 0
    if c is list:
        return str_to_number(array_join(v))
    if c is dict or v is UNDEF:
        return NAN
    return to_number(normalize(v))


def parse_float(v):
    """JS parseFloat (used by `+` and `*`)."""
    c = v.__class__
    if c is int or c is float:
        return v
    m = _PARSE_FLOAT.match(to_string(v).lstrip(_JS_WS))
    if not m:
        return NAN
    text = m.group()
    if text.endswith("Infinity"):
        return -math.inf if text[0] == "-" else math.inf
    if _INTEGER.fullmatch(text):
        return int(text)
    return float(text)


def to_integer(v):
    """JS ToIntegerOrInfinity."""
    n = to_number(v)
    if n != n:
        return 0
    if n in (math.inf, -math.inf):
        return n
    return int(n)


def number_to_string(x) -> str:
    """JS Number::toString: shortest round-trip digits, integral values without '.0'."""
    if x.__class__ is int and -10**21 < x < 10**21:
        return str(x)
    x = float(x)
    if x != x:
        return "NaN"
    if x in (math.inf, -math.inf):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    sign = "-" if x < 0 else ""
    t = Decimal(repr(abs(x))).as_tuple()
    full = "".join(map(str, t.digits))
    n = len(full) + t.exponent
    digits = full.rstrip("0") or "0"
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def array_join(items, sep: str = ",") -> str:
    return sep.join("" if x is None or x is UNDEF else to_string(x) for x in items)


def to_string(v) -> str:
    """JS String(v)."""
    c = v.__class__
    if c is str:
        return v
    if c is int or c is float:
        return number_to_string(v)
    if c is bool:
        return "true" if v else "false"
    if v is None:
        return "null"
    if v is UNDEF:
        return "undefined"
    if c is list:
        return array_join(v)
    if c is dict:
        return "[object Object]"
    return to_string(normalize(v))


def to_primitive(v):
    """JS ToPrimitive for plain data: arrays join with ',', objects become '[object Object]'."""
    c = v.__class__
    if c is list:
        return array_join(v)
    if c is dict:
        return "[object Object]"
    if c in _KINDS:
        return v
    return to_primitive(normalize(v))


def has_astral(s: str) -> bool:
    """True when `s` has characters outside the BMP (two UTF-16 code units each in JS)."""
    return not s.isascii() and _ASTRAL.search(s) is not None


def str_lt(a: str, b: str) -> bool:
    """JS string `<`: by UTF-16 code units, which differs from code points only for astral chars."""
    if not (has_astral(a) or has_astral(b)):
        return a < b
    return a.encode("utf-16-be", "surrogatepass") < b.encode("utf-16-be", "surrogatepass")


def loose_eq(a, b) -> bool:
    """JS `a == b`."""
    ca, cb = a.__class__, b.__class__
    if ca is cb and (ca is str or ca is int or ca is float or ca is bool):
        return a == b
    if ca not in _KINDS:
        a = normalize(a)
    if cb not in _KINDS:
        b = normalize(b)
    ka, kb = _KINDS[a.__class__], _KINDS[b.__class__]
    if ka == kb:
        if ka in ("array", "object"):
            return a is b
        return a == b if ka not in ("null", "undefined") else True
    nullish_a = ka in ("null", "undefined")
    nullish_b = kb in ("null", "undefined")
    if nullish_a or nullish_b:
        return nullish_a and nullish_b
    if ka == "boolean":
        return loose_eq(1 if a else 0, b)
    if kb == "boolean":
        return loose_eq(a, 1 if b else 0)
    if ka == "number" and kb == "string":
        return a == str_to_number(b)
    if ka == "string" and kb == "number":
        return str_to_number(a) == b
    if ka in ("array", "object"):
        return loose_eq(to_primitive(a), b)
    return loose_eq(a, to_primitive(b))


def strict_eq(a, b) -> bool:
    """JS `a === b`."""
    ca, cb = a.__class__, b.__class__
    if ca is cb and (ca is str or ca is int or ca is float or ca is bool):
        return a == b
    if ca not in _KINDS:
        a = normalize(a)
    if cb not in _KINDS:
        b = normalize(b)
    ka, kb = _KINDS[a.__class__], _KINDS[b.__class__]
    if ka != kb:
        return False
    if ka in ("array", "object"):
        return a is b
    return a == b if ka not in ("null", "undefined") else True


def _prims(a, b):
    return to_primitive(a), to_primitive(b)


def lt(a, b) -> bool:
    """JS `a < b`."""
    ca, cb = a.__class__, b.__class__
    if (ca is int or ca is float) and (cb is int or cb is float):
        return a < b
    if ca is str and cb is str:
        return str_lt(a, b)
    a, b = _prims(a, b)
    if a.__class__ is str and b.__class__ is str:
        return str_lt(a, b)
    return to_number(a) < to_number(b)


def le(a, b) -> bool:
    """JS `a <= b`."""
    ca, cb = a.__class__, b.__class__
    if (ca is int or ca is float) and (cb is int or cb is float):
        return a <= b
    if ca is str and cb is str:
        return not str_lt(b, a)
    a, b = _prims(a, b)
    if a.__class__ is str and b.__class__ is str:
        return not str_lt(b, a)
    return to_number(a) <= to_number(b)


def gt(a, b) -> bool:
    return lt(b, a)


def ge(a, b) -> bool:
    return le(b, a)


def js_in(a, b) -> bool:
    """json-logic-js `in`: substring test for a string `b`, strict membership for an array."""
    cb = b.__class__
    if cb is str:
        return b != "" and to_string(a) in b
    if cb is list:
        if a.__class__ is str or a is None:
            return a in b
        return any(strict_eq(a, x) for x in b)
    if cb in _KINDS:
        return False
    return js_in(a, normalize(b))


def is_empty(v) -> bool:
    """Trellis `is_empty`: null, "" or []."""
    if v is None or v is UNDEF:
        return True
    c = v.__class__
    if c is str or c is list:
        return len(v) == 0
    if c in _KINDS:
        return False
    return is_empty(normalize(v))
