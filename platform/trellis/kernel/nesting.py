"""How deeply a parsed JSON value nests, found without recursion (so a value nested
100,000 deep is measured, not a RecursionError): `too_deep(value, limit)` is True when
objects and arrays nest more than `limit` levels (a scalar is level 0, `[]` level 1)."""
from __future__ import annotations


def too_deep(value, limit: int) -> bool:
    stack = [(value, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        t = type(item)
        if t is dict:
            children = item.values()
        elif t is list or t is tuple:
            children = item
        else:
            continue
        depth += 1
        if depth > limit:
            return True
        for child in children:
            c = type(child)
            if c is dict or c is list or c is tuple:
                push((child, depth))
    return False


def size(value, limit: int) -> int:
    """The number of values (containers and scalars) in `value`, counting stops past `limit`."""
    stack, n = [value], 0
    while stack and n <= limit:
        item = stack.pop()
        n += 1
        t = type(item)
        if t is dict:
            stack.extend(item.values())
        elif t is list or t is tuple:
            stack.extend(item)
    return n
