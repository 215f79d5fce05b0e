"""Trellis plugin: the `inapp` channel. Found through the entry point
`inapp = "trellis_inapp:plugin"` (group `trellis.plugins`)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import InAppChannel


class InAppPlugin(Plugin):
    name = "inapp"
    requires = ("trellis>=0.1", "notify")

    def register(self, registries) -> None:
        registries.channels.register(InAppChannel.type, InAppChannel)


plugin = InAppPlugin()

__all__ = ["InAppChannel", "InAppPlugin", "plugin"]
