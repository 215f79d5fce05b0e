"""Fused closures for the commonest condition shape: a one-step `var` compared with a constant.

A fused leaf reads `data[key]` itself and checks the common value type inline, falling
back to the full JS semantics otherwise, so it costs one Python call per record. Each
leaf also has a chained form ("if true, return nxt(data)") that lets an `and` of leaves
run without an extra call per operand.
"""
from __future__ import annotations

from .jsvalues import ge, gt, js_in, le, loose_eq, lt, strict_eq
from .node import Node
from .operations import ne, strict_ne

_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!=", "===": "===", "!==": "!=="}
_EQ_SLOW = {"==": loose_eq, "===": strict_eq, "!=": ne, "!==": strict_ne}
_NUMBER = (int, float)


def _lt(key, get, c, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return v < c
            return lt(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return nxt(d) if v < c else False
            return nxt(d) if lt(v, c) else False
    return fn


def _le(key, get, c, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return v <= c
            return le(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return nxt(d) if v <= c else False
            return nxt(d) if le(v, c) else False
    return fn


def _gt(key, get, c, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return v > c
            return gt(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return nxt(d) if v > c else False
            return nxt(d) if gt(v, c) else False
    return fn


def _ge(key, get, c, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return v >= c
            return ge(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is float or v.__class__ is int:
                return nxt(d) if v >= c else False
            return nxt(d) if ge(v, c) else False
    return fn


_ORDER = {"<": _lt, "<=": _le, ">": _gt, ">=": _ge}


def _eq(key, get, c, fast, slow, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ in fast:
                return v == c
            return slow(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ in fast:
                return nxt(d) if v == c else False
            return nxt(d) if slow(v, c) else False
    return fn


def _ne(key, get, c, fast, slow, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ in fast:
                return v != c
            return slow(v, c)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ in fast:
                return nxt(d) if v != c else False
            return nxt(d) if slow(v, c) else False
    return fn


def _in(key, get, strings, items, nxt):
    if nxt is None:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is str:
                return v in strings
            return js_in(v, items)
    else:
        def fn(d):
            try:
                v = d[key]
            except Exception:
                v = get(d)
            if v.__class__ is str:
                return nxt(d) if v in strings else False
            return nxt(d) if js_in(v, items) else False
    return fn


def _leaf(make) -> Node:
    return Node(make(None), is_bool=True, chain=make)


def fused(op: str, nodes: list) -> Node | None:
    """A fused leaf for `op` over compiled operands, or None when the shape does not fit."""
    if len(nodes) != 2:
        return None
    a, b = nodes
    if op == "in":
        if a.key is None or not b.is_const or b.const.__class__ is not list:
            return None
        key, get, items = a.key, a.fn, b.const
        strings = frozenset(x for x in items if x.__class__ is str)
        return _leaf(lambda nxt: _in(key, get, strings, items, nxt))
    if op not in _FLIP:
        return None
    if a.key is not None and b.is_const:
        var, c = a, b.const
    elif b.key is not None and a.is_const:
        var, c, op = b, a.const, _FLIP[op]
    else:
        return None
    key, get, cc = var.key, var.fn, c.__class__
    if op in _ORDER:
        if cc is not int and cc is not float:
            return None
        order = _ORDER[op]
        return _leaf(lambda nxt: order(key, get, c, nxt))
    if cc is str:
        fast = (str,)
    elif cc is int or cc is float:
        fast = _NUMBER
    else:
        return None
    slow = _EQ_SLOW[op]
    make = _eq if op in ("==", "===") else _ne
    return _leaf(lambda nxt: make(key, get, c, fast, slow, nxt))
