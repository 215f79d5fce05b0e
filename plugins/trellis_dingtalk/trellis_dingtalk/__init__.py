"""Trellis plugin: the DingTalk (钉钉) channel type (group robot or work notifications, see channel.py).
Found by Trellis through the entry point `dingtalk = "trellis_dingtalk:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .channel import DingtalkChannel
from .plugin import DingtalkPlugin

plugin = DingtalkPlugin()

__all__ = ["DingtalkChannel", "DingtalkPlugin", "plugin"]
