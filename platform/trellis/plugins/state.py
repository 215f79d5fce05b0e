"""What became of one plugin or engine: active, or disabled with the reason."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, replace

from .base import Plugin


@dataclass(frozen=True)
class PluginState:
    name: str
    version: str = ""
    origin: str = ""                # "core", "entry point <dist>", or "TRELLIS_PLUGINS"
    plugin: Plugin | None = None    # None when it could not be imported
    error: str | None = None        # why it is disabled
    provides: dict | None = None    # what its register step added: {registry name: [type names]}

    @property
    def active(self) -> bool:
        return self.plugin is not None and self.error is None

    @property
    def core(self) -> bool:
        return bool(self.plugin is not None and self.plugin.core)

    def disabled(self, error: str) -> "PluginState":
        return replace(self, error=error)

    def frontend_urls(self) -> list[str]:
        """The browser modules of an active plugin, each with a cache key of its version
        and the file's modification time (see web.py: such URLs are cached for a year)."""
        if not self.active or not self.plugin.frontend:
            return []
        return [f"/plugins/{self.name}/{name}?v={self.file_tag(name)}" for name in self.plugin.frontend]

    def file_tag(self, name: str) -> str:
        """A short key that changes with the plugin's version and the file's modification time."""
        directory = self.plugin.static_dir() if self.plugin is not None else None
        try:
            mtime = os.stat(directory / name).st_mtime_ns if directory else 0
        except OSError:
            mtime = 0
        return hashlib.sha1(f"{self.version}:{mtime}".encode()).hexdigest()[:12]

    def as_json(self, admin: bool) -> dict:
        out = {"name": self.name, "version": self.version, "status": "active" if self.active else "disabled",
               "core": self.core, "frontend": self.frontend_urls(), "provides": self.provides or {}}
        if admin:
            out["origin"] = self.origin
            out["error"] = self.error
        return out
