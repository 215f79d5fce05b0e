"""Trellis plugin: the `outbox` channel. Found through the entry point
`outbox = "trellis_outbox:plugin"` (group `trellis.plugins`)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import OutboxChannel


class OutboxPlugin(Plugin):
    name = "outbox"
    requires = ("trellis>=0.1", "notify")

    def register(self, registries) -> None:
        registries.channels.register(OutboxChannel.type, OutboxChannel)


plugin = OutboxPlugin()

__all__ = ["OutboxChannel", "OutboxPlugin", "plugin"]
