"""The dingtalk plugin: registers the DingTalk (钉钉) channel type (group robot or work notifications, see channel.py)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import DingtalkChannel


class DingtalkPlugin(Plugin):
    name = "dingtalk"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1",)

    def register(self, registries) -> None:
        registries.channels.register(DingtalkChannel.type, DingtalkChannel)
