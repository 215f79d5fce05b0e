"""What keeps the server standing under load: a request holds one pooled connection at a
time, an exhausted pool or a long write queue answers 503 (never 401 for a valid
credential), and SQLite writes wait their turn at the write gate, across threads and
processes."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
import sqlalchemy as sa

from trellis.storage.database import make_engine, writing
from trellis.kernel.errors import Busy
from trellis.web.extensions import db


@pytest.fixture
def small_pool_app(app):
    """The suite's app with a pool of one connection that gives up waiting after 0.3 s."""
    engine = app.extensions["trellis"].engine
    with app.app_context():
        assert engine is db.engine  # FAB's session and the runtime share one pool
    normal = engine.pool
    engine.pool = sa.pool.QueuePool(normal._creator, pool_size=1, max_overflow=0, timeout=0.3,
                                    dialect=normal._dialect, _dispatch=normal.dispatch)
    yield app
    engine.pool.dispose()
    engine.pool = normal


def _token(client) -> str:
    r = client.post("/api/v1/security/login", json={"username": "admin", "password": "admin-pass-1", "provider": "db"})
    assert r.status_code == 200, r.get_data(as_text=True)
    return r.get_json()["access_token"]


def test_signing_in_holds_no_connection_of_its_own(small_pool_app):
    """Loading the signed-in user gives its connection back before the handler takes one."""
    client = small_pool_app.test_client()
    headers = {"Authorization": f"Bearer {_token(client)}"}
    for _ in range(3):
        r = client.get("/api/v1/apps", headers=headers)
        assert r.status_code == 200, r.get_data(as_text=True)
        r = client.get("/api/v1/me", headers=headers)
        assert r.status_code == 200, r.get_data(as_text=True)


def test_an_exhausted_pool_is_a_503_not_a_401(small_pool_app):
    client = small_pool_app.test_client()
    headers = {"Authorization": f"Bearer {_token(client)}"}
    engine = small_pool_app.extensions["trellis"].engine
    with engine.connect():  # every connection of the pool busy elsewhere
        r = client.get("/api/v1/me", headers=headers)
    assert r.status_code == 503, r.get_data(as_text=True)
    body = r.get_json()
    assert body["code"] == "busy" and body["message"]["zh"] and body["message"]["en"]
    assert r.headers["Retry-After"]
    assert client.get("/api/v1/me", headers=headers).status_code == 200  # and back once it is free


def test_a_bad_credential_is_still_a_401(small_pool_app):
    r = small_pool_app.test_client().get("/api/v1/me", headers={"Authorization": "Bearer not.a.jwt"})
    assert r.status_code == 401


def test_writers_take_turns_at_the_gate(tmp_path):
    """Eight threads appending through write transactions: none fails, none is lost."""
    engine = make_engine(f"sqlite:///{tmp_path / 'gate.db'}")
    with writing(engine) as conn:
        conn.exec_driver_sql("CREATE TABLE t (n INTEGER)")
    errors = []

    def writer(k):
        try:
            for i in range(25):
                with writing(engine) as conn:
                    total = conn.exec_driver_sql("SELECT count(*) FROM t").scalar()
                    conn.exec_driver_sql("INSERT INTO t VALUES (?)", (total,))
        except Exception as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with engine.connect() as conn:
        values = [r[0] for r in conn.execute(sa.text("SELECT n FROM t ORDER BY n"))]
    assert values == list(range(200))  # each read-then-write saw every write before it
    engine.dispose()


def test_the_gate_holds_across_processes_and_gives_up_with_a_503(tmp_path, monkeypatch):
    db = tmp_path / "gate.db"
    engine = make_engine(f"sqlite:///{db}")
    with writing(engine) as conn:
        conn.exec_driver_sql("CREATE TABLE t (n INTEGER)")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, sys, time\n"
        f"fd = open({str(db) + '-writelock'!r}, 'a+')\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('held', flush=True)\n"
        "time.sleep(1.0)\n")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    gate = engine._trellis_gate
    monkeypatch.setattr(gate, "wait", 0.2)
    started = time.monotonic()
    with pytest.raises(Busy) as refused:
        with writing(engine):
            pass
    assert refused.value.status == 503 and time.monotonic() - started < 0.9
    monkeypatch.setattr(gate, "wait", 10)
    with writing(engine) as conn:  # waits for the other process to let go, then writes
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    assert holder.wait(5) == 0
    engine.dispose()
