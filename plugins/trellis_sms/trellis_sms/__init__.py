"""Trellis plugin: the SMS channel type (an HTTP gateway, see channel.py).
Found by Trellis through the entry point `sms = "trellis_sms:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .channel import SmsChannel
from .plugin import SmsPlugin

plugin = SmsPlugin()

__all__ = ["SmsChannel", "SmsPlugin", "plugin"]
