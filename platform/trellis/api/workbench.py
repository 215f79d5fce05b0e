"""The home page's widgets."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" recent records and shortcuts of the signed-in user:trellis_workbench", __name__, url_prefix="/api/v1")
