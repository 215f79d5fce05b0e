"""A plugin that registers a field type, then raises: what it registered is withdrawn."""
from __future__ import annotations

from trellis.forms.types.integer import IntegerType
from trellis.plugins import Plugin


class HalfDone(Plugin):
    name = "broken_register"
    version = "1.0"

    def register(self, registries) -> None:
        registries.field_types.register("sample_half_done", IntegerType)
        raise RuntimeError("the second type's module is broken")


plugin = HalfDone()
