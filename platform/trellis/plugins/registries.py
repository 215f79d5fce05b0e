"""The registries every engine fills, one strict Registry per kind, keyed by the stable type
name that also appears in stored JSON and in the web UI's registries. One process-wide
instance lives in `plugins.loader`; engines and plugins add entries in `register(registries)`."""
from __future__ import annotations

from ..kernel.registry import Registry


class Registries:
    """One attribute per kind of entry (an engine adds its Registry here when it lands)."""

    def __init__(self):
        self.field_types: Registry = Registry("field type")
        self.channels: Registry = Registry("notification channel")  # notify/channel.py
        self.node_types: Registry = Registry("flow node type")  # flows/node_type.py
        self.triggers: Registry = Registry("flow trigger type")  # flows/trigger_type.py
        self.chart_types: Registry = Registry("chart type")  # reports/chart_type.py

    def each(self) -> dict[str, Registry]:
        return {name: reg for name, reg in vars(self).items() if isinstance(reg, Registry)}

    def snapshot(self) -> dict[str, set]:
        """The keys registered now, to undo what a failing plugin registered after."""
        return {name: set(reg) for name, reg in self.each().items()}

    def rollback(self, snapshot: dict[str, set]) -> None:
        for name, reg in self.each().items():
            for key in set(reg) - snapshot.get(name, set()):
                reg.discard(key)
