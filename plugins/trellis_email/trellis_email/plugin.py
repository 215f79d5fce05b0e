"""The email plugin: registers the email channel type (SMTP, see channel.py)."""
from __future__ import annotations

from trellis.plugins import Plugin

from .channel import EmailChannel


class EmailPlugin(Plugin):
    name = "email"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1",)

    def register(self, registries) -> None:
        registries.channels.register(EmailChannel.type, EmailChannel)
