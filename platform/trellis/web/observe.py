"""What every request leaves behind: its request id, its count and latency in the metrics,
and (TRELLIS_ACCESS_LOG=on) one access line.

- The request id is the client's X-Request-Id when it is short and plain
  (`kernel.logs.valid_request_id`), else a new one; it is answered in X-Request-Id, bound
  to the log context while the request runs (every line it logs carries it) and stored
  with every job the request enqueues.
- `trellis_http_requests_total{route, method, status}` and
  `trellis_http_request_duration_seconds{route, method}`: the route is the URL rule
  (`/api/v1/apps/<app>/...`), `unmatched` when none matched; methods outside the usual
  ones count as `other`. The metric children are kept per label set, so a request costs
  two dictionary lookups and two increments (measured by tests/bench/bench_ops_hooks.py).
- The access line (logger `trellis.access`, INFO): method, route, path, status,
  duration_ms, remote, with the request id and user of the context.
"""
from __future__ import annotations

import logging
import time

from flask import Flask, g, request

from ..kernel import logs
from ..kernel.metrics import HTTP_REQUESTS, HTTP_SECONDS

access_log = logging.getLogger("trellis.access")
METHODS = frozenset(("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"))
_CHILDREN: dict[tuple, tuple] = {}


def _children(route: str, method: str, status: int) -> tuple:
    key = (route, method, status)
    found = _CHILDREN.get(key)
    if found is None:
        found = _CHILDREN[key] = (HTTP_REQUESTS.labels(route, method, str(status)).inc,
                                  HTTP_SECONDS.labels(route, method).observe)
    return found


def register_observe(app: Flask) -> None:
    """Install the hooks: first before every other hook, last after them."""
    access = str(app.config.get("TRELLIS_ACCESS_LOG") or "off").lower() in ("on", "1", "true", "yes")

    def start():
        environ = request.environ
        environ["trellis.t0"] = time.perf_counter()
        rid = logs.valid_request_id(environ.get("HTTP_X_REQUEST_ID")) or logs.new_request_id()
        environ["trellis.rid"] = rid
        environ["trellis.log"] = logs.bind(request_id=rid)

    def finish(response):
        environ = request.environ
        t0 = environ.get("trellis.t0")
        if t0 is None:  # a response made before the first hook ran
            return response
        elapsed = time.perf_counter() - t0
        rule = request.url_rule
        route = rule.rule if rule is not None else "unmatched"
        method = request.method if request.method in METHODS else "other"
        count, observe = _children(route, method, response.status_code)
        count()
        observe(elapsed)
        response.headers["X-Request-Id"] = environ["trellis.rid"]
        if access:
            actor = g.get("actor")
            user = getattr(actor, "username", None) if actor is not None else None
            access_log.info("%s %s %s", request.method, request.path, response.status_code,
                            extra={"method": request.method, "route": route, "path": request.path,
                                   "status": response.status_code, "duration_ms": round(elapsed * 1000, 2),
                                   "remote": request.remote_addr, "trellis": {**logs.current(), "user": user}
                                   if user else logs.current()})
        return response

    def teardown(_exc=None):
        token = request.environ.pop("trellis.log", None)
        if token is not None:
            try:
                logs.unbind(token)
            except ValueError:  # bound in another context (a copied request context): nothing to undo here
                pass

    app.before_request_funcs.setdefault(None, []).insert(0, start)
    app.after_request_funcs.setdefault(None, []).insert(0, finish)  # after_request runs last to first
    app.teardown_request_funcs.setdefault(None, []).insert(0, teardown)
