"""The operations endpoints, outside /api/v1 and without sign-in:

- `GET /healthz`: liveness, the process answers: 200 `{"ok": true}`;
- `GET /readyz`: readiness (web/readiness.py): 200 `{"ok": true, "checks": {...}}`, or
  503 with `failing` (the names of the failing checks), each with a bilingual `message`;
  answered within a couple of seconds even when the database or Redis hangs;
- `GET /metrics`: Prometheus text format (web/scrape.py), for the scrapers
  TRELLIS_METRICS_TOKEN / TRELLIS_METRICS_ALLOW let in; others get a bilingual 403.

`register_ops(app)` also installs the request hooks (web/observe.py).
"""
from __future__ import annotations

from flask import Blueprint, Flask, Response, current_app, jsonify, request

from ..kernel.errors import bilingual
from .observe import register_observe
from .readiness import Readiness
from .scrape import ScrapeGate, exposition, make_registry

bp = Blueprint("trellis_ops", __name__)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _ops() -> dict:
    return current_app.extensions["trellis_ops"]


@bp.get("/healthz")
def healthz():
    return jsonify({"ok": True})


@bp.get("/readyz")
def readyz():
    ready, checks = _ops()["readiness"].report()
    body = {"ok": ready, "checks": checks}
    if not ready:
        body["failing"] = [name for name, c in checks.items() if not c["ok"]]
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/metrics")
def metrics():
    ops = _ops()
    if not ops["gate"].allows(request.environ, request.remote_addr):
        response = jsonify({"code": "forbidden", "message": bilingual(
            "无权读取指标:只允许 TRELLIS_METRICS_ALLOW 中的地址,或携带 TRELLIS_METRICS_TOKEN 令牌(Authorization: Bearer)",
            "not allowed to read the metrics: only from the addresses in TRELLIS_METRICS_ALLOW, or with the "
            "TRELLIS_METRICS_TOKEN bearer token (Authorization: Bearer)")})
        response.status_code = 403
        return response
    return Response(exposition(ops["registry"]), status=200, headers={"Cache-Control": "no-store"},
                    content_type=CONTENT_TYPE)


def register_ops(app: Flask) -> None:
    rt = app.extensions["trellis"]
    cfg = app.config
    now = lambda: rt.clock.now()  # noqa: E731  (the runtime's clock may be swapped for a simulated one)
    app.extensions["trellis_ops"] = {
        "readiness": Readiness(rt.engine, now, redis_url=cfg.get("TRELLIS_REDIS_URL"),
                               max_lag=float(cfg.get("TRELLIS_READY_MAX_LAG_SECONDS") or 300)),
        "gate": ScrapeGate(cfg.get("TRELLIS_METRICS_TOKEN"), cfg.get("TRELLIS_METRICS_ALLOW"),
                           int(cfg.get("TRELLIS_PROXY_HOPS") or 0)),
        "registry": make_registry(rt.engine, now),
    }
    register_observe(app)
    app.register_blueprint(bp)
