"""The signed-in user's own settings."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" password, language:trellis_personal", __name__, url_prefix="/api/v1")
