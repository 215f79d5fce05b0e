"""A JSON client of a running server's API, signed in as one user (a JWT, or FAB's session
cookie after `cookie_login`)."""
from __future__ import annotations

import requests


class Client:
    """The REST API as one user, through a JWT (or a session cookie after `cookie_login`)."""

    def __init__(self, base: str, username: str | None = None, password: str | None = None):
        self.base = base
        self.http = requests.Session()
        if username is not None:
            r = self.http.post(f"{base}/api/v1/security/login",
                               json={"username": username, "password": password, "provider": "db"})
            assert r.status_code == 200, r.text
            self.http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"

    def cookie_login(self, username: str, password: str) -> requests.Response:
        """Sign in through FAB's login form: the browser session's cookie."""
        return self.http.post(f"{self.base}/login/", data={"username": username, "password": password},
                              allow_redirects=False)

    def call(self, method: str, url: str, **kw) -> requests.Response:
        return self.http.request(method, f"{self.base}{url}", timeout=60, **kw)

    def get(self, url, **kw):
        return self.call("GET", url, **kw)

    def post(self, url, **kw):
        return self.call("POST", url, **kw)

    def patch(self, url, **kw):
        return self.call("PATCH", url, **kw)

    def put(self, url, **kw):
        return self.call("PUT", url, **kw)

    def delete(self, url, **kw):
        return self.call("DELETE", url, **kw)
