"""A record's 360."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" key figures, related counts, the merged activity timeline, comments with @mentions:trellis_timeline", __name__, url_prefix="/api/v1")
