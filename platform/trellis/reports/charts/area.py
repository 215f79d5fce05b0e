"""Areas: a line chart filled under its lines (stacked when a second dimension splits it)."""
from __future__ import annotations

from .line import Line


class Area(Line):
    key = "area"
    label = {"zh": "面积图", "en": "Area"}
    mark = "area"
