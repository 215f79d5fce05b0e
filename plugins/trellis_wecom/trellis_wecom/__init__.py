"""Trellis plugin: the WeCom (企业微信) channel type (group robot or application messages, see channel.py).
Found by Trellis through the entry point `wecom = "trellis_wecom:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .channel import WecomChannel
from .plugin import WecomPlugin

plugin = WecomPlugin()

__all__ = ["WecomChannel", "WecomPlugin", "plugin"]
