"""User administration (system administrators)."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint(" users, their departments and roles, passwords, activation; user import:trellis_users", __name__, url_prefix="/api/v1")
