"""The rating plugin: registers the `rating` field type and ships the web UI's widget, cell
and filter for it (static/rating.js, built from frontend/ by build.mjs)."""
from __future__ import annotations

from pathlib import Path

from trellis.plugins import Plugin

from .field import RatingType


class RatingPlugin(Plugin):
    name = "rating"  # its version is the installed distribution's (the loader fills it in)
    requires = ("trellis>=0.1", "field_types")
    static = Path(__file__).resolve().parent / "static"
    frontend = ("rating.js",)

    def register(self, registries) -> None:
        registries.field_types.register(RatingType.key, RatingType)
