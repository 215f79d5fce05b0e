"""Engine set-up shared by the web app, the CLI and the tests.

SQLite gets WAL, a busy timeout, foreign keys, and real transactions around DDL (the
driver's own handling would commit DDL on its own, so publishing would not be atomic).
"""
from __future__ import annotations

from decimal import Decimal

import orjson
import sqlalchemy as sa
from sqlalchemy import event


def configure_engine(engine: sa.Engine) -> sa.Engine:
    if engine.dialect.name != "sqlite" or getattr(engine, "_trellis_configured", False):
        return engine
    engine._trellis_configured = True

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        # writes take the lock up front, so what a write read stays true until it commits
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("trellis_write") else "BEGIN")

    return engine


def json_dumps(value) -> str:
    """JSON columns are written with orjson (several times faster than the standard library)."""
    return orjson.dumps(value, default=_plain).decode()


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


ENGINE_OPTIONS = {"json_serializer": json_dumps, "json_deserializer": orjson.loads}


def make_engine(url: str, **kw) -> sa.Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return configure_engine(sa.create_engine(url, **{**ENGINE_OPTIONS, **kw}))
