"""The one app factory: configuration, database, Flask-AppBuilder (auth, roles, the
security REST API with JWT login), the Trellis runtime and the REST API."""
from __future__ import annotations

import gc
import logging
from pathlib import Path

from flask import Flask, jsonify, send_from_directory

from .config import REPO_ROOT, load_config
from .database import configure_engine
from .extensions import appbuilder, db
from .security.headers import register_headers

FRONTEND_DIST = REPO_ROOT / "frontend" / "dist"


def create_app(config: dict | None = None) -> Flask:
    logging.getLogger("flask_appbuilder").setLevel(logging.ERROR)
    app = Flask("trellis", static_folder=None)
    cfg = load_config(config)
    app.config.update(cfg)
    if cfg.get("TRELLIS_CONFIG"):
        app.config.from_pyfile(cfg["TRELLIS_CONFIG"])
        app.config.update(config or {})
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    with app.app_context():
        db.init_app(app)
        configure_engine(db.engine)
        appbuilder.init_app(app, db.session)
        from .runtime import Runtime

        app.extensions["trellis"] = Runtime(
            db.engine, redis_url=app.config.get("TRELLIS_REDIS_URL"),
            count_threshold=int(app.config["TRELLIS_COUNT_THRESHOLD"]),
            ttl=float(app.config["TRELLIS_DEFINITION_TTL"]), files_dir=app.config["TRELLIS_FILES"])
    from .api import register_api

    register_api(app)
    register_headers(app)
    _register_front(app)
    # Requests allocate many short-lived objects (a bulk write: dicts per row) and few
    # cycles; collecting the youngest generation every 700 allocations cost ~25% of a bulk
    # write. Collect less often, and keep what start-up built out of the scans.
    gc.set_threshold(50_000, 20, 100)
    gc.freeze()
    return app


def _register_front(app: Flask) -> None:
    """Serve the built web UI at / when present; otherwise a short page pointing at the API."""
    def dist() -> Path:
        return Path(app.config.get("TRELLIS_FRONTEND") or FRONTEND_DIST)

    @app.get("/")
    def index():
        if (dist() / "index.html").exists():
            return send_from_directory(dist(), "index.html")
        return (
            "<!doctype html><meta charset=utf-8><title>Trellis</title>"
            "<h1>Trellis 低代码平台</h1><p>服务已启动。接口文档:<a href='/api/v1/openapi.json'>/api/v1/openapi.json</a>"
            "</p><p>Trellis is running. API: <a href='/api/v1/openapi.json'>/api/v1/openapi.json</a></p>"
        )

    @app.get("/assets/<path:name>")
    def assets(name):
        # file names carry a content hash: a browser may keep them for good
        return send_from_directory(dist() / "assets", name, max_age=31536000)

    @app.get("/<path:path>")
    def spa(path):
        """Client-side routes of the web UI answer with its index page."""
        if path.startswith(("api/", "static/", "admin")) or not (dist() / "index.html").exists():
            return jsonify({"code": "404", "message": {"zh": "找不到该地址", "en": "not found"}}), 404
        return send_from_directory(dist(), "index.html")

    @app.get("/healthz")
    def health():
        return jsonify({"ok": True})
