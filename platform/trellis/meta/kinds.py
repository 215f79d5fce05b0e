"""The registry of definition kinds, one per runtime: the core registers app, form, view and
role (runtime/definition_kinds.py); a plugin's install step adds its own with
`runtime.definition_kinds.add(kind)`, and the kind at once has every definitions endpoint."""
from __future__ import annotations

from ..kernel.errors import NotFound
from ..kernel.registry import Registry
from .kind import DefinitionKind


class DefinitionKinds(Registry[DefinitionKind]):
    """Definition kinds by their key; adding a key twice raises, like every registry."""

    def __init__(self):
        super().__init__("definition kind")

    def add(self, kind: DefinitionKind) -> DefinitionKind:
        if not isinstance(kind, DefinitionKind) or not kind.key:
            raise TypeError(f"a definition kind is a DefinitionKind with a key, not {kind!r}")
        return self.register(kind.key, kind)

    def find(self, key: str) -> DefinitionKind:
        """The kind, or a 404 naming it."""
        if key not in self:
            raise NotFound(f"没有这种定义:{key}(可用:{'、'.join(self)})",
                           f"unknown definition kind {key} (known: {', '.join(self)})", code="unknown_kind",
                           details={"kind": key})
        return self.get(key)

    def remove(self, key: str) -> None:
        """Forget a kind (its stored definitions stay, unserved until it is added again)."""
        self._items.pop(key, None)
