"""Trellis plugin: the email channel type (SMTP, see channel.py).
Found by Trellis through the entry point `email = "trellis_email:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .channel import EmailChannel
from .plugin import EmailPlugin

plugin = EmailPlugin()

__all__ = ["EmailChannel", "EmailPlugin", "plugin"]
