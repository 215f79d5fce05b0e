"""A plugin's browser files, served from its package data at /plugins/<name>/<file>.

The URLs the web UI gets (`GET /api/v1/plugins`, `frontend`) carry `?v=<tag>`, the plugin's
version and the file's modification time: asked for with the current tag, a file is cached
for a year (`immutable`); without it, or with an old tag, it must be revalidated (ETag).
ES modules are sent as `text/javascript`. Files of a disabled or unknown plugin answer 404."""
from __future__ import annotations

import mimetypes
import os

from flask import Flask, current_app, jsonify, request, send_from_directory
from werkzeug.security import safe_join

MAX_AGE = 31536000
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".map": "application/json"}


def _not_found():
    return jsonify({"code": "not_found", "message": {"zh": "找不到该插件文件", "en": "plugin file not found"}}), 404


def register_plugin_files(app: Flask) -> None:
    @app.get("/plugins/<name>/<path:file>")
    def plugin_file(name, file):
        runtime = current_app.extensions["trellis"]
        state = next((s for s in runtime.plugins if s.name == name and s.active), None)
        directory = state.plugin.static_dir() if state is not None else None
        path = safe_join(str(directory), file) if directory is not None else None
        if path is None or not os.path.isfile(path):
            return _not_found()
        fresh = request.args.get("v") == state.file_tag(file)
        response = send_from_directory(directory, file, max_age=MAX_AGE if fresh else None)
        ext = os.path.splitext(file)[1].lower()
        kind = TYPES.get(ext) or mimetypes.guess_type(file)[0] or "application/octet-stream"
        response.headers["Content-Type"] = f"{kind}; charset=utf-8" if kind.startswith("text/") else kind
        response.headers["X-Content-Type-Options"] = "nosniff"
        if fresh:
            response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}, immutable"
        else:
            response.headers["Cache-Control"] = "no-cache"
        return response
