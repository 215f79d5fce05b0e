"""The audit log for administrators."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" filters and verifying the hash chain:trellis_audit_admin", __name__, url_prefix="/api/v1")
