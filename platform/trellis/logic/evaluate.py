"""Compile JsonLogic rules once into nested Python closures, then run them per record.

`compile_rule(rule)` returns `fn(data) -> value`. Every operation node becomes a
closure, constants become closures returning the constant (constant sub-rules are
folded at compile time), and a `var` with a constant path is split once. Conditions of
the shape `{"<op>": [{"var": "k"}, <constant>]}` and `and`s of them use fused closures
(see fastpath). `evaluate(rule, data)` compiles through an LRU cache keyed by the rule's
JSON text.

Semantics are those of json-logic-js (see jsvalues). The returned value may share lists
and objects with the rule or the data; treat it as read-only.

Besides the standard operators, Trellis defines (identically in the SQL compiler):
`starts_with` / `ends_with` [a, b] (both strings, case-sensitive), `contains` [a, b]
(= `in` [b, a]: substring, or strict array membership), and `is_empty` / `not_empty`
(null, "" or []), and the date operators `now`, `today`, `date_add`, `date_diff` and
`start_of` (dates.py; `now` / `today` read the clock of the context, moment.py, each time
the rule runs), and the operators formulas compile to (formulas.py: round, div, len, mid,
to_text, year, make_date, coalesce, sum_of...).
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache

from .errors import bad_arguments, unknown_operator
from .fastpath import fused
from .jsvalues import NAN, UNDEF, ge, normalize, truthy
from .node import Node
from .operations import CLOCK_OPS, OPS, UNIT_ARGS, check_unit, log_value
from .structure import SCOPED_OPS, cache_key, operation, split_path

_JSON_CLASSES = (str, int, float, bool, type(None), list, dict)


def compile_rule(rule):
    """Compile `rule` into `fn(data) -> value` (raises LogicError for unknown operators)."""
    node = compile_node(rule)
    if node.is_const:
        value = None if node.const is UNDEF else node.const
        return lambda data=None: value
    if node.may_undef:
        f = node.fn

        def fn(data):
            v = f(data)
            return None if v is UNDEF else v

        return fn
    return node.fn


@lru_cache(maxsize=1024)
def _compiled(text: str):
    return compile_rule(json.loads(text))


def evaluate(rule, data=None):
    """Evaluate `rule` against `data`, reusing compiled rules (LRU keyed by the JSON text)."""
    text = cache_key(rule)
    fn = compile_rule(rule) if text is None else _compiled(text)
    return fn(data)


def compile_node(rule) -> Node:
    if isinstance(rule, (list, tuple)):
        return _array([compile_node(x) for x in rule])
    o = operation(rule)
    if o is None:
        if rule.__class__ not in _JSON_CLASSES and not isinstance(rule, Mapping):
            rule = normalize(rule)
        return Node.constant(rule)
    op, args = o
    special = _SPECIAL.get(op)
    if special is not None:
        return special(op, args)
    spec = OPS.get(op) if isinstance(op, str) else None
    if spec is None:
        raise unknown_operator(str(op))
    fn, arity, is_bool = spec
    nodes = [compile_node(a) for a in args]
    if op in UNIT_ARGS:
        check_unit(op, nodes)
    if arity is not None:
        nodes = nodes[:arity]
        if op in ("<", "<=") and len(nodes) < 3:
            nodes = nodes + [Node.constant(UNDEF)] * (2 - len(nodes))
        elif op == "-" and len(nodes) == 1:
            nodes = nodes + [Node.constant(UNDEF)]
        else:
            nodes = nodes + [Node.constant(UNDEF)] * (arity - len(nodes))
    elif op == "*" and not nodes:
        raise bad_arguments(op, "至少需要一个参数", "needs at least one argument")
    if all(n.is_const for n in nodes):
        return Node.constant(fn(*[n.const for n in nodes]))
    return fused(op, nodes) or _not_or_truthy(op, nodes) or _apply(fn, nodes, is_bool)


def _clock(op, args) -> Node:
    fn = CLOCK_OPS[op]
    return Node(lambda d: fn())


def _array(items: list) -> Node:
    if all(n.is_const for n in items):
        return Node.constant([None if n.const is UNDEF else n.const for n in items])
    fns = [n.fn for n in items]
    if any(n.may_undef for n in items):
        return Node(lambda d: [None if v is UNDEF else v for v in (f(d) for f in fns)])
    return Node(lambda d: [f(d) for f in fns])


def _not_or_truthy(op, nodes):
    if op not in ("!", "!!") or not nodes[0].is_bool:
        return None
    f = nodes[0].fn
    if op == "!!":
        return nodes[0]
    return Node(lambda d: not f(d), is_bool=True)


def _apply(fn, nodes: list, is_bool: bool) -> Node:
    n = len(nodes)
    fs = [x.fn for x in nodes]
    if n == 1:
        a = fs[0]
        return Node(lambda d: fn(a(d)), is_bool=is_bool)
    if n == 2:
        a, b = fs
        if nodes[1].is_const:
            cb = nodes[1].const
            return Node(lambda d: fn(a(d), cb), is_bool=is_bool)
        if nodes[0].is_const:
            ca = nodes[0].const
            return Node(lambda d: fn(ca, b(d)), is_bool=is_bool)
        return Node(lambda d: fn(a(d), b(d)), is_bool=is_bool)
    if n == 3:
        a, b, c = fs
        return Node(lambda d: fn(a(d), b(d), c(d)), is_bool=is_bool)
    return Node(lambda d: fn(*[f(d) for f in fs]), is_bool=is_bool)


def _index(seq, p: str):
    if p == "length":
        return len(seq)
    if p.isdigit() and p.isascii() and (p == "0" or p[0] != "0"):
        i = int(p)
        return seq[i] if i < len(seq) else UNDEF
    return UNDEF


def _str_index(s: str, p: str):
    units = s.encode("utf-16-le", "surrogatepass")
    if p == "length":
        return len(units) // 2
    v = _index(range(len(units) // 2), p)
    return UNDEF if v is UNDEF else units[2 * v:2 * v + 2].decode("utf-16-le", "surrogatepass")


def lookup(data, parts, not_found):
    """json-logic-js `var` path walk: a missing step gives `not_found`, a final null stays null."""
    for p in parts:
        if data is None or data is UNDEF:
            return not_found
        c = data.__class__
        if c is dict:
            data = data.get(p, UNDEF)
        elif c is list:
            data = _index(data, p)
        elif c is str:
            data = _str_index(data, p)
        elif isinstance(data, Mapping):
            try:
                data = data[p]
            except KeyError:
                data = UNDEF
        else:
            data = normalize(data)
            data = _index(data, p) if data.__class__ is list else (
                _str_index(data, p) if data.__class__ is str else UNDEF)
        if data is UNDEF:
            return not_found
    return data


def _var(op, args) -> Node:
    path = compile_node(args[0]) if args else Node.constant(UNDEF)
    default = compile_node(args[1]) if len(args) > 1 else Node.constant(None)
    dflt, dfn = (None if default.const is UNDEF else default.const), default.fn
    if not path.is_const:
        pfn = path.fn

        def dynamic(d):
            parts = split_path(pfn(d))
            return d if parts is None else lookup(d, parts, dfn(d))

        return Node(dynamic)
    parts = split_path(path.const)
    if parts is None:
        return Node(lambda d: d)
    if not default.is_const:
        return Node(lambda d: lookup(d, parts, dfn(d)))
    if len(parts) > 1:
        return Node(lambda d: lookup(d, parts, dflt))
    key = parts[0]

    def get(d):
        try:
            return d[key]
        except Exception:
            return lookup(d, parts, dflt)

    return Node(get, key=key)


def var_value(data, args):
    """`{"var": args}` applied to `data` (args evaluated): path or [path, default]."""
    args = args if args.__class__ is list else [args]
    parts = split_path(args[0] if args else UNDEF)
    if parts is None:
        return data
    return lookup(data, parts, args[1] if len(args) > 1 and args[1] is not UNDEF else None)


def missing_keys(data, values) -> list:
    keys = values[0] if values and values[0].__class__ is list else values
    out = []
    for key in keys:
        v = var_value(data, key)
        if v is None or (v.__class__ is str and v == ""):
            out.append(key)
    return out


def _missing(op, args) -> Node:
    fns = [compile_node(a).fn for a in args]
    return Node(lambda d: missing_keys(d, [f(d) for f in fns]))


def _missing_some(op, args) -> Node:
    need = compile_node(args[0] if args else None).fn
    options = compile_node(args[1] if len(args) > 1 else None).fn

    def fn(d):
        opts = options(d)
        missing = missing_keys(d, opts if opts.__class__ is list else [opts])
        size = len(opts) if opts.__class__ in (list, str) else NAN
        return [] if ge(size - len(missing), need(d)) else missing

    return Node(fn)


def _if(op, args) -> Node:
    nodes = [compile_node(a) for a in args]
    if not nodes:
        return Node.constant(None)
    tail = nodes[-1] if len(nodes) % 2 else Node.constant(None)
    pairs = []
    for i in range(0, len(nodes) - 1, 2):
        cond, then = nodes[i], nodes[i + 1]
        if cond.is_const:
            if truthy(cond.const):
                tail = then
                break
            continue
        pairs.append((cond, then))
    if not pairs:
        return tail
    is_bool = tail.is_bool and all(t.is_bool for _, t in pairs)
    may_undef = tail.may_undef or any(t.may_undef for _, t in pairs)
    tf = tail.fn
    if len(pairs) == 1:
        (cond, then), = pairs
        cf, vf = cond.fn, then.fn
        if cond.is_bool and then.is_const:  # IF(test, "constant", ...): a formula's commonest branch
            v = then.const
            if tail.is_const:
                t = tail.const
                return Node(lambda d: v if cf(d) else t, is_bool=is_bool, may_undef=may_undef)
            return Node(lambda d: v if cf(d) else tf(d), is_bool=is_bool, may_undef=may_undef)
        if cond.is_bool:
            return Node(lambda d: vf(d) if cf(d) else tf(d), is_bool=is_bool, may_undef=may_undef)
        return Node(lambda d: vf(d) if truthy(cf(d)) else tf(d), is_bool=is_bool, may_undef=may_undef)
    fpairs = [(c.fn, t.fn) for c, t in pairs]

    def fn(d):
        for cf, vf in fpairs:
            if truthy(cf(d)):
                return vf(d)
        return tf(d)

    return Node(fn, is_bool=is_bool, may_undef=may_undef)


def _and_or(op, args) -> Node:
    nodes = [compile_node(a) for a in args]
    if not nodes:
        return Node.constant(UNDEF)
    if all(n.is_const for n in nodes):
        v = UNDEF
        for n in nodes:
            v = n.const
            if truthy(v) != (op == "and"):
                break
        return Node.constant(v)
    fns = [n.fn for n in nodes]
    may_undef = any(n.may_undef for n in nodes)
    if all(n.is_bool for n in nodes):
        if op == "and":
            def chain(nxt):
                f = nxt if nxt is not None else nodes[-1].fn
                for n in reversed(nodes if nxt is not None else nodes[:-1]):
                    f = n.then(f)
                return f

            return Node(chain(None), is_bool=True, chain=chain)
        if len(fns) == 2:
            a, b = fns
            return Node(lambda d: a(d) or b(d), is_bool=True)

        def any_true(d):
            for f in fns:
                if f(d):
                    return True
            return False

        return Node(any_true, is_bool=True)
    stop_on = op == "and"

    def fn(d):
        v = UNDEF
        for f in fns:
            v = f(d)
            if truthy(v) != stop_on:
                return v
        return v

    return Node(fn, may_undef=may_undef)


def _scoped(op, args) -> Node:
    items = compile_node(args[0] if args else None).fn
    logic = compile_node(args[1]) if len(args) > 1 else Node.constant(UNDEF)
    lf, lbool = logic.fn, logic.is_bool
    if op == "map":
        if logic.may_undef:
            return Node(lambda d: [None if v is UNDEF else v for v in map(lf, _array_of(items(d)))])
        return Node(lambda d: [lf(x) for x in _array_of(items(d))])
    if op == "reduce":
        initial = compile_node(args[2]).fn if len(args) > 2 else (lambda d: None)

        def reduce_fn(d):
            seq, acc = items(d), initial(d)
            if seq.__class__ is not list:
                return acc
            for x in seq:
                acc = lf({"current": x, "accumulator": acc})
            return acc

        return Node(reduce_fn, may_undef=logic.may_undef)
    test = lf if lbool else (lambda x: truthy(lf(x)))
    if op == "filter":
        return Node(lambda d: [x for x in _array_of(items(d)) if test(x)])
    if op == "all":
        def all_fn(d):
            seq = _array_of(items(d))
            if not seq:
                return False
            for x in seq:
                if not test(x):
                    return False
            return True

        return Node(all_fn, is_bool=True)
    if op == "some":
        return Node(lambda d: any(test(x) for x in _array_of(items(d))), is_bool=True)
    return Node(lambda d: not any(test(x) for x in _array_of(items(d))), is_bool=True)


def _array_of(v):
    if v.__class__ is list:
        return v
    if v.__class__ is tuple:
        return list(v)
    return ()


def _log(op, args) -> Node:
    arg = compile_node(args[0] if args else UNDEF)
    f = arg.fn
    return Node(lambda d: log_value(f(d)), is_bool=arg.is_bool, may_undef=arg.may_undef)


_SPECIAL = {
    "var": _var, "missing": _missing, "missing_some": _missing_some,
    "if": _if, "?:": _if, "and": _and_or, "or": _and_or, "log": _log, "now": _clock, "today": _clock,
    **{op: _scoped for op in SCOPED_OPS},
}

__all__ = ["compile_rule", "compile_node", "evaluate", "lookup", "missing_keys"]
