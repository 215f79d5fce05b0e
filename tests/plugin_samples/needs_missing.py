"""Plugins whose requirements are not met: another plugin that is not installed, and a newer
platform than this one."""
from __future__ import annotations

from trellis.plugins import Plugin


class NeedsOther(Plugin):
    name = "needs_missing"
    requires = ("field_types", "sample_not_installed>=1")


class NeedsNewer(Plugin):
    name = "needs_newer"
    requires = ("trellis>=99",)


plugin = NeedsOther()
newer = NeedsNewer()
