"""Public form links (外链)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" a form's public page, its captcha and anonymous submissions:trellis_public_forms", __name__, url_prefix="/api/v1")
