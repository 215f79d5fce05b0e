"""`GET /api/v1/plugins`: the core's engines and the installed plugins, each with its version,
status (active / disabled) and the browser modules the web UI loads at start-up; an
administrator also sees where each came from and why a disabled one is disabled."""
from __future__ import annotations

from flask import Blueprint, jsonify

from .auth import actor, login_required, runtime

bp = Blueprint("trellis_plugins", __name__, url_prefix="/api/v1")


@bp.get("/plugins")
@login_required
def plugins():
    admin = bool(actor().is_admin)
    return jsonify({"items": [s.as_json(admin) for s in runtime().plugins]})
