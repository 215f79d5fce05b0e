"""A plugin that registers nothing and raises while being installed into a runtime."""
from __future__ import annotations

from trellis.plugins import Plugin


class FailsToInstall(Plugin):
    name = "broken_install"
    version = "2.0"

    def install(self, runtime) -> None:
        raise ValueError("cannot reach the SMS gateway")


plugin = FailsToInstall
