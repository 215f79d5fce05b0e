"""The wecom plugin: registers the WeCom (企业微信) channel type (group robot or application messages, see channel.py)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import WecomChannel


class WecomPlugin(Plugin):
    name = "wecom"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1",)

    def register(self, registries) -> None:
        registries.channels.register(WecomChannel.type, WecomChannel)
