"""Role administration."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" viewing a form as a role would:trellis_role_admin", __name__, url_prefix="/api/v1")
