"""The browser session's cookie (Flask's signed cookie), with its signing serializer made
once per secret instead of on every request: Flask builds it anew each time, even for an
API call that carries no cookie, and that was a tenth of a single record's GET."""
from __future__ import annotations

from flask.sessions import SecureCookieSessionInterface


class SessionCookies(SecureCookieSessionInterface):
    def __init__(self):
        self._serializer = None  # (secret, fallbacks, serializer)

    def get_signing_serializer(self, app):
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._serializer
        if made is None or made[0] != keys:
            made = self._serializer = (keys, super().get_signing_serializer(app))
        return made[1]
