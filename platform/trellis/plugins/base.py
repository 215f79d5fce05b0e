"""The install shape shared by the core's engines and by plugins.

A plugin (or engine) is an object with
- `name`: its stable name (also the URL segment of its browser files: /plugins/<name>/...);
- `version`: shown in `GET /api/v1/plugins`, and part of its browser files' cache key;
- `requires`: names of plugins or engines that must be active first, each optionally with a
  version specifier ("field_types", "trellis_other>=1.2"); unmet -> the plugin is disabled;
- `register(registries)`: adds entries to the process-wide registries (field types; later
  flow node types, notification channels, chart types, definition kinds). Called once per
  process, before any runtime exists;
- `install(runtime)`: wires the plugin into one Runtime (lifecycle subscriptions, job/task
  functions, publish hooks ...). Called for every Runtime built (the app's, the CLI's, tests');
- `static`: a directory of files served at /plugins/<name>/<file> (its package data), and
  `frontend`: the ES modules in it that the web UI imports at start-up; each module calls
  `window.Trellis.register({widgets, cells, editors})` with the host's React and antd.

A plugin that raises in import, `register` or `install`, or whose `requires` are not met, is
logged, disabled and listed with its error; the server still starts (see loader.py).
"""
from __future__ import annotations

from pathlib import Path


class Plugin:
    """Subclass and override what the plugin provides; every part is optional but `name`."""

    name: str = ""
    version: str = "0"
    requires: tuple[str, ...] = ()
    static: str | Path | None = None
    frontend: tuple[str, ...] = ()
    core = False  # True for the core's own engines (listed, never disabled by a plugin's error)

    def register(self, registries) -> None:
        """Add this plugin's entries to the process-wide registries."""

    def install(self, runtime) -> None:
        """Wire this plugin into one Runtime."""

    def static_dir(self) -> Path | None:
        return Path(self.static) if self.static else None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"
