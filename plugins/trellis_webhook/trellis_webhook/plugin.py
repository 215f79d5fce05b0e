"""The webhook plugin: registers the webhook channel type (signed JSON posted to a URL, see channel.py)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import WebhookChannel


class WebhookPlugin(Plugin):
    name = "webhook"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1",)

    def register(self, registries) -> None:
        registries.channels.register(WebhookChannel.type, WebhookChannel)
