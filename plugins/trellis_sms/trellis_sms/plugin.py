"""The sms plugin: registers the SMS channel type (an HTTP gateway, see channel.py)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import SmsChannel


class SmsPlugin(Plugin):
    name = "sms"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1",)

    def register(self, registries) -> None:
        registries.channels.register(SmsChannel.type, SmsChannel)
