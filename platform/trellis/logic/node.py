"""The compiled form of one rule node: a closure plus what the compiler knows about it."""
from __future__ import annotations

from .jsvalues import UNDEF

NOT_CONST = object()


class Node:
    """A compiled rule node.

    `fn(data)` computes the value. `const` is the value when it does not depend on the
    data (else NOT_CONST). `is_bool`: `fn` always returns True/False. `may_undef`: `fn`
    may return UNDEF. `key`: for a one-step `var` path, the key to try first with
    `data[key]` (falling back to `fn`). `chain(nxt)`: builds "if this is truthy then
    return nxt(data) else return False" without an extra call per record, or None.
    """

    __slots__ = ("fn", "const", "is_bool", "may_undef", "key", "chain")

    def __init__(self, fn, *, const=NOT_CONST, is_bool=False, may_undef=False, key=None, chain=None):
        self.fn = fn
        self.const = const
        self.is_bool = is_bool
        self.may_undef = may_undef
        self.key = key
        self.chain = chain

    @classmethod
    def constant(cls, value) -> "Node":
        def fn(data):
            return value

        return cls(fn, const=value, is_bool=value is True or value is False, may_undef=value is UNDEF)

    @property
    def is_const(self) -> bool:
        return self.const is not NOT_CONST

    def then(self, nxt):
        """A closure returning `nxt(data)` when this node is truthy, else False (bool nodes)."""
        if self.chain is not None:
            return self.chain(nxt)
        f = self.fn

        def fn(data):
            if f(data):
                return nxt(data)
            return False

        return fn
