"""Trellis plugin: the rating (评分) field type, 0..max stars (see plugin.py, field.py).
Found by Trellis through the entry point `rating = "trellis_rating:plugin"` (group
`trellis.plugins`)."""
from __future__ import annotations

from .field import RatingType
from .plugin import RatingPlugin

plugin = RatingPlugin()

__all__ = ["RatingPlugin", "RatingType", "plugin"]
