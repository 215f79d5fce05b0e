"""Secure response headers on every response: a strict Content-Security-Policy, no
framing, no MIME sniffing, same-origin referrers.

Flask-AppBuilder's server-rendered pages (/admin, /login, ...) carry inline scripts that
its templates mark with `csp_nonce()`; a page that asked for a nonce gets it added to
its own `script-src`, so the policy stays strict (no 'unsafe-inline' for scripts).
"""
from __future__ import annotations

import secrets

from flask import Flask, g

POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data: blob:",
    "style-src": "'self' 'unsafe-inline'",
    "script-src": "'self'",
    "frame-ancestors": "'none'",
    "object-src": "'none'",
    "base-uri": "'self'",
}
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def csp_nonce() -> str:
    """This response's script nonce (made on first use; FAB's templates call it)."""
    nonce = g.get("csp_nonce")
    if nonce is None:
        nonce = g.csp_nonce = secrets.token_urlsafe(16)
    return nonce


def policy(nonce: str | None = None) -> str:
    parts = dict(POLICY)
    if nonce:
        parts["script-src"] += f" 'nonce-{nonce}'"
    return "; ".join(f"{k} {v}" for k, v in parts.items())


def register_headers(app: Flask) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce
    plain = policy()  # a response that asked for no nonce (every API call): written once

    @app.after_request
    def _secure_headers(response):
        nonce = g.get("csp_nonce")
        headers = response.headers
        headers["Content-Security-Policy"] = policy(nonce) if nonce else plain
        for name, value in HEADERS.items():
            if name not in headers:
                headers[name] = value
        return response
