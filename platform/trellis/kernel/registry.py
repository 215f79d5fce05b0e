"""The one strict registry used by every engine (field types, node types, channels, ...).

The key is the stable type name that also appears in stored JSON and in the frontend's
own registries, so a type is one name end to end. Registering a key twice is an error.
"""
from __future__ import annotations

from typing import Generic, Iterator, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """A named mapping of stable keys to classes; duplicates raise."""

    def __init__(self, kind: str):
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, key: str, item: T | None = None):
        """Register `item` under `key`; usable as a class decorator when item is None."""
        if item is None:
            def deco(cls: T) -> T:
                self.register(key, cls)
                return cls
            return deco
        if key in self._items:
            raise KeyError(f"{self.kind} {key!r} is already registered")
        self._items[key] = item
        return item

    def discard(self, key: str) -> None:
        """Withdraw `key` (what a plugin that failed to load had registered); absent is fine."""
        self._items.pop(key, None)

    def get(self, key: str) -> T:
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"unknown {self.kind} {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._items))

    def items(self):
        return sorted(self._items.items())

    def __len__(self) -> int:
        return len(self._items)
