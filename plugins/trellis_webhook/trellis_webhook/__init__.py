"""Trellis plugin: the webhook channel type (signed JSON posted to a URL, see channel.py).
Found by Trellis through the entry point `webhook = "trellis_webhook:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .channel import WebhookChannel
from .plugin import WebhookPlugin

plugin = WebhookPlugin()

__all__ = ["WebhookChannel", "WebhookPlugin", "plugin"]
