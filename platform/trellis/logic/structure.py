"""Structure of JsonLogic rules: which dicts are operations and with what arguments,
which sub-rules are constant (read no data), and which field names a rule reads."""
from __future__ import annotations

import json
from collections.abc import Mapping

from .jsvalues import UNDEF, to_string
from .operations import CLOCK_OPS

SCOPED_OPS = frozenset({"map", "filter", "reduce", "all", "none", "some"})
DATA_OPS = frozenset({"var", "missing", "missing_some"})


def operation(rule):
    """`(op, args)` when `rule` is an operation (an object with exactly one key), else None.

    A non-array argument is wrapped into a one-element list, as json-logic-js does.
    """
    if isinstance(rule, Mapping) and len(rule) == 1:
        ((op, args),) = rule.items()
        if isinstance(args, (list, tuple)):
            return op, list(args)
        return op, [args]
    return None


def is_constant(rule, clock: bool = False) -> bool:
    """True when evaluating `rule` cannot depend on the data (nor log anything). `now` /
    `today` read the clock: constant only when `clock` is true (within one query)."""
    if isinstance(rule, (list, tuple)):
        return all(is_constant(x, clock) for x in rule)
    o = operation(rule)
    if o is None:
        return True
    op, args = o
    if op in DATA_OPS or op == "log" or (op in CLOCK_OPS and not clock):
        return False
    if op in SCOPED_OPS:
        return all(is_constant(a, clock) for i, a in enumerate(args) if i != 1)
    return all(is_constant(a, clock) for a in args)


def split_path(path):
    """The property names of a `var` path, or None for "the whole data"."""
    if path is None or path is UNDEF or (path.__class__ is str and path == ""):
        return None
    return to_string(path).split(".")


def rule_vars(rule) -> set[str]:
    """Names of the fields a rule reads: constant `var` paths and `missing`/`missing_some` keys.

    Variables inside the per-item logic of map/filter/reduce/all/none/some refer to the
    items, not to fields, and are not included; neither are computed `var` paths.
    """
    out: set[str] = set()
    _collect(rule, out)
    return out


def _name(key, out: set) -> None:
    if isinstance(key, (str, int, float)) and not isinstance(key, bool) and key != "":
        out.add(to_string(key))


def _keys(keys, out: set) -> None:
    for k in keys:
        if operation(k) is not None or isinstance(k, (list, tuple)):
            _collect(k, out)
        else:
            _name(k, out)


def walk(rule, visit) -> None:
    """Call `visit(op, args)` for every operation in `rule`, outermost first, and go on into
    its arguments unless `visit` answers True (it handled them). Lists are walked item by
    item; other values are leaves."""
    stack = [rule]
    while stack:
        item = stack.pop()
        if isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
            continue
        o = operation(item)
        if o is not None and not visit(*o):
            stack.extend(reversed(o[1]))


def reads_clock(rule) -> bool:
    """True when `rule` uses `now` or `today` anywhere (its SQL is good for one query only)."""
    found = []
    walk(rule, lambda op, args: found.append(op) if op in CLOCK_OPS else None)
    return bool(found)


def _collect(rule, out: set) -> None:
    def visit(op, args) -> bool:
        if op == "var":
            if args:
                if operation(args[0]) is not None:
                    _collect(args[0], out)
                else:
                    _name(args[0], out)
            _collect(list(args[1:]), out)
        elif op == "missing":
            _keys(args[0] if args and isinstance(args[0], (list, tuple)) else args, out)
        elif op == "missing_some":
            _collect(list(args[:1]), out)
            if len(args) > 1:
                _keys(args[1] if isinstance(args[1], (list, tuple)) else [args[1]], out)
        elif op in SCOPED_OPS:  # the second argument reads the items, not the record
            _collect([a for i, a in enumerate(args) if i != 1], out)
        else:
            return False
        return True

    walk(rule, visit)


def cache_key(rule):
    """Canonical JSON text of a rule, or None when it holds non-JSON values."""
    try:
        return json.dumps(rule, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError):
        return None
