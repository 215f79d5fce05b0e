"""Shared pieces of the benchmarks: a Trellis app on a scratch SQLite file, a real HTTP
server on loopback, timing helpers. Benchmarks print ratios against a baseline measured
in the same run; absolute times are shown for context only."""
from __future__ import annotations

import http.client
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))

ADMIN_PASSWORD = "bench-pass-1"


def make_app(home: Path, extra_routes=None, database_url: str | None = None):
    from trellis import create_app
    from trellis.provision.setup import init_db

    cfg = {"TRELLIS_HOME": str(home), "WTF_CSRF_ENABLED": False}
    if database_url:
        cfg["TRELLIS_DATABASE_URL"] = database_url
    app = create_app(cfg)
    if extra_routes:
        extra_routes(app)
    init_db(app, admin_password=ADMIN_PASSWORD)
    return app


class Server:
    """The app served by werkzeug on 127.0.0.1 in a thread; a keep-alive HTTP client."""

    def __init__(self, app):
        from werkzeug.serving import WSGIRequestHandler, make_server

        WSGIRequestHandler.protocol_version = "HTTP/1.1"
        WSGIRequestHandler.log_request = lambda *a, **k: None
        self.httpd = make_server("127.0.0.1", 0, app, threaded=False)
        self.port = self.httpd.server_port
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        self.headers = {"Content-Type": "application/json"}

    def request(self, method: str, path: str, body=None):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        self.conn.request(method, path, body=data, headers=self.headers)
        resp = self.conn.getresponse()
        payload = resp.read()
        return resp.status, payload

    def login(self, username: str = "admin", password: str = ADMIN_PASSWORD):
        self.headers.pop("Authorization", None)
        status, payload = self.request("POST", "/api/v1/security/login",
                                       {"username": username, "password": password, "provider": "db"})
        assert status == 200, payload
        self.headers["Authorization"] = "Bearer " + json.loads(payload)["access_token"]

    def close(self):
        self.conn.close()
        self.httpd.shutdown()


def percentiles(samples: list[float]) -> tuple[float, float]:
    s = sorted(samples)
    return statistics.median(s), s[min(len(s) - 1, int(len(s) * 0.95))]


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


class ScratchPostgres:
    """`with ScratchPostgres() as url:` a new PostgreSQL database (None, with the reason
    printed, when no server answers), dropped afterwards."""

    def __enter__(self):
        import secrets

        import sqlalchemy as sa

        self.name = f"trellis_bench_{secrets.token_hex(4)}"
        self.admin = None
        try:
            self.admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT",
                                          connect_args={"connect_timeout": 3})
            with self.admin.connect() as conn:
                conn.execute(sa.text(f'CREATE DATABASE "{self.name}"'))
        except Exception as e:  # no server: the SQLite figures alone
            print(f"postgresql skipped: {str(e).splitlines()[0]}")
            self.admin = None
            return None
        return f"postgresql+psycopg://postgres@127.0.0.1:5432/{self.name}"

    def __exit__(self, *exc):
        if self.admin is not None:
            import sqlalchemy as sa

            with self.admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            self.admin.dispose()
        return False
