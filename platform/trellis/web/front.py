"""The built web UI (`frontend/dist`): its index page at / and at every client-side route,
its hashed assets under /assets/ (cached for a year).

The build writes a brotli (`.br`) and a gzip (`.gz`) copy next to each text file (see
frontend/plugins/precompress.mjs); a request whose Accept-Encoding takes one of them gets
that file as it is, with `Content-Encoding` and the original's Content-Type, so a page load
moves about a quarter of the bytes and the server compresses nothing per request. Files
without such copies, and clients that take neither, get the original bytes."""
from __future__ import annotations

import mimetypes
import os
from pathlib import Path

from flask import Flask, jsonify, request, send_from_directory
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from .config import REPO_ROOT

FRONTEND_DIST = REPO_ROOT / "frontend" / "dist"
ASSET_MAX_AGE = 31536000
# best first: brotli packs the UI's scripts ~20% tighter than gzip
CODINGS = (("br", ".br"), ("gzip", ".gz"))


def _coding(directory: Path, name: str) -> tuple[str, str] | None:
    """The first precompressed copy of `name` that the request accepts, if any."""
    accepted = request.accept_encodings
    for coding, ext in CODINGS:
        if accepted[coding] <= 0:
            continue
        path = safe_join(str(directory), name + ext)
        if path is not None and os.path.isfile(path):
            return coding, ext
    return None


def send_precompressed(directory: Path, name: str, max_age: int | None = None):
    """`send_from_directory`, preferring a precompressed copy the client accepts."""
    has_copies = any(os.path.isfile(p) for p in (safe_join(str(directory), name + ext) for _, ext in CODINGS) if p)
    chosen = _coding(directory, name) if has_copies else None
    if chosen is None:
        response = send_from_directory(directory, name, max_age=max_age)
    else:
        coding, ext = chosen
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        response = send_from_directory(directory, name + ext, max_age=max_age, mimetype=mimetype)
        response.headers["Content-Encoding"] = coding
    if has_copies:
        response.vary.add("Accept-Encoding")
    return response


class PagePath(PathConverter):
    """A client-side route of the web UI: any path but the API's, so that an unknown API
    address answers 404 for every method (not 405 for all but GET)."""

    regex = r"(?!api/)[^/].*?"


def register_front(app: Flask) -> None:
    """Serve the built web UI at / when present; otherwise a short page pointing at the API."""
    def dist() -> Path:
        return Path(app.config.get("TRELLIS_FRONTEND") or FRONTEND_DIST)

    @app.get("/")
    def index():
        if (dist() / "index.html").exists():
            return send_precompressed(dist(), "index.html")
        return (
            "<!doctype html><meta charset=utf-8><title>Trellis</title>"
            "<h1>Trellis 低代码平台</h1><p>服务已启动。接口文档:<a href='/api/v1/openapi.json'>/api/v1/openapi.json</a>"
            "</p><p>Trellis is running. API: <a href='/api/v1/openapi.json'>/api/v1/openapi.json</a></p>"
        )

    @app.get("/assets/<path:name>")
    def assets(name):
        # file names carry a content hash: a browser may keep them for good
        return send_precompressed(dist() / "assets", name, max_age=ASSET_MAX_AGE)

    app.url_map.converters["page"] = PagePath

    @app.get("/<page:path>")
    def spa(path):
        """Client-side routes of the web UI answer with its index page."""
        if path.startswith(("api/", "static/", "admin")) or not (dist() / "index.html").exists():
            return jsonify({"code": "404", "message": {"zh": "找不到该地址", "en": "not found"}}), 404
        return send_precompressed(dist(), "index.html")
