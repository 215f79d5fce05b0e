"""The one app factory: configuration, database, Flask-AppBuilder (auth, roles, the
security REST API with JWT login), the Trellis runtime and the REST API."""
from __future__ import annotations

import gc
import logging

from flask import Flask

from .config import load_config
from ..storage.database import configure_engine
from .extensions import appbuilder, db
from .front import register_front
from .jsonreply import JsonReplies
from .sessions import SessionCookies
from ..plugins.web import register_plugin_files
from ..security.headers import register_headers


def create_app(config: dict | None = None) -> Flask:
    logging.getLogger("flask_appbuilder").setLevel(logging.ERROR)
    app = Flask("trellis", static_folder=None)
    cfg = load_config(config)
    app.config.update(cfg)
    if cfg.get("TRELLIS_CONFIG"):
        app.config.from_pyfile(cfg["TRELLIS_CONFIG"])
        app.config.update(config or {})
    app.json = JsonReplies(app)  # jsonify through orjson (web/jsonreply.py)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.session_interface = SessionCookies()  # the cookie's signer made once (web/sessions.py)
    hops = int(app.config.get("TRELLIS_PROXY_HOPS") or 0)
    if hops:
        # behind nginx: the client's address, scheme and host come from the proxies' headers;
        # trusted only for that many hops, so a client cannot forge its address past them
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    with app.app_context():
        db.init_app(app)
        configure_engine(db.engine)
        appbuilder.init_app(app, db.session)
        from ..runtime import Runtime

        app.extensions["trellis"] = Runtime(
            db.engine, redis_url=app.config.get("TRELLIS_REDIS_URL"),
            count_threshold=int(app.config["TRELLIS_COUNT_THRESHOLD"]),
            ttl=float(app.config["TRELLIS_DEFINITION_TTL"]), files_dir=app.config["TRELLIS_FILES"],
            timezone=app.config["TRELLIS_TIMEZONE"], max_cause_depth=int(app.config["TRELLIS_MAX_CAUSE_DEPTH"]),
            secret=app.config["SECRET_KEY"], base_url=app.config["TRELLIS_BASE_URL"])
        if app.config.get("TRELLIS_REPORT_REPLICA", "on") != "off":
            from ..reports.replica import ColumnarReplica

            reports = app.extensions["trellis"].reports
            reports.replica = ColumnarReplica(db.engine, reports.cache,
                                              min_rows=int(app.config.get("TRELLIS_REPORT_REPLICA_MIN_ROWS", 20_000)))
    jobs = app.extensions["trellis"].jobs
    app.before_request(jobs.start)  # the scheduler thread starts in the serving process, lazily
    from .ops import register_ops

    register_ops(app)  # /healthz, /readyz, /metrics; request ids, request metrics, the access line
    from ..api import register_api

    register_api(app)
    register_headers(app)
    register_plugin_files(app)  # before the web UI's catch-all routes
    register_front(app)
    # Requests allocate many short-lived objects (a bulk write: dicts per row) and few
    # cycles; collecting the youngest generation every 700 allocations cost ~25% of a bulk
    # write. Collect less often, and keep what start-up built out of the scans.
    gc.set_threshold(50_000, 20, 100)
    gc.freeze()
    return app
