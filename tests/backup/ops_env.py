"""Instances for the operations commands' tests: the `trellis` command run as a child process
(one Flask-AppBuilder app per process), PostgreSQL databases of their own, and what a
database holds (row counts, definitions) read directly."""
from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PG_BASE = "postgresql://postgres@127.0.0.1:5432/"
ADMIN_PASSWORD = "admin-pass-1"
CLIENTS = 150


def pg_problem() -> str | None:
    """Why the PostgreSQL tests cannot run here (None: they can): the server does not
    answer, or no pg_dump / pg_restore as new as the server is installed."""
    try:
        eng = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            major = int(conn.execute(sa.text("SHOW server_version_num")).scalar()) // 10000
        eng.dispose()
    except Exception as e:  # any failure means: skip, saying why
        return f"PostgreSQL not reachable at 127.0.0.1:5432: {str(e).splitlines()[0]}"
    sys.path.insert(0, str(ROOT / "platform"))
    from trellis.provision.instance import OperationFailed
    from trellis.provision.pgtools import find_tool

    try:
        find_tool("pg_dump", major)
        find_tool("pg_restore", major)
    except OperationFailed as e:
        return e.message["en"]
    return None


def create_db() -> str:
    name = f"trellis_ops_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_BASE + name


def drop_db(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def cli(args: list[str], home: Path, url: str | None = None, prelude: str = "", timeout: int = 300, **extra):
    """`trellis ARGS` on the instance (home, database URL), as an operator runs it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
    env.update(TRELLIS_HOME=str(home), TRELLIS_ADMIN_PASSWORD=ADMIN_PASSWORD, **extra)
    if url:
        env["TRELLIS_DATABASE_URL"] = url
    home.mkdir(parents=True, exist_ok=True)
    code = prelude + "from trellis.cli.main import main; main()"
    return subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=str(home))


def ok(proc) -> str:
    assert proc.returncode == 0, f"exit {proc.returncode}\nstdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}"
    return proc.stdout


def probe(command: str, home: Path, url: str | None = None, *extra: str) -> dict:
    """instance_probe.py's answer (make, attach or read) on the instance."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
    home.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([sys.executable, str(HERE / "instance_probe.py"), command, str(home),
                           *([url or "-"] if extra else [url] if url else []), *extra],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def make_instance(home: Path, url: str | None = None, clients: int = CLIENTS) -> dict:
    """An instance as `trellis init` and `trellis seed futures_crm --clients N` make it (in one
    child process), with a file attached to the first ticket."""
    return probe("make", home, url, str(clients))


def engine_of(home: Path, url: str | None = None) -> sa.Engine:
    url = url or f"sqlite:///{home / 'trellis.db'}"
    return sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def counts(home: Path, url: str | None = None) -> dict[str, int]:
    eng = engine_of(home, url)
    with eng.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        q = conn.dialect.identifier_preparer.quote
        out = {t: conn.execute(sa.text(f"SELECT count(*) FROM {q(t)}")).scalar() for t in names}
    eng.dispose()
    return out


def definitions(home: Path, url: str | None = None) -> list[tuple]:
    eng = engine_of(home, url)
    with eng.connect() as conn:
        rows = conn.execute(sa.text(
            "SELECT d.app, d.kind, d.key, v.version, v.body FROM trellis_definition d "
            "JOIN trellis_definition_version v ON v.definition_id = d.id ORDER BY d.app, d.kind, d.key, v.version")).all()
    eng.dispose()
    return [(a, k, key, v, json.loads(b) if isinstance(b, str) else b) for a, k, key, v, b in rows]


def audit_ok(home: Path, url: str | None = None) -> dict:
    sys.path.insert(0, str(ROOT / "platform"))
    from trellis.security.audit import verify

    eng = engine_of(home, url)
    try:
        return verify(eng)
    finally:
        eng.dispose()


def file_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def instance(home: Path, url: str | None = None):
    """The instance as the commands see it, for calling provision/ in this process (no Flask app)."""
    sys.path.insert(0, str(ROOT / "platform"))
    from trellis.provision.instance import Instance, normalize_url

    home.mkdir(parents=True, exist_ok=True)
    return Instance(home, home / "files", normalize_url(url or f"sqlite:///{home / 'trellis.db'}"), False)


def refusal(fn, *args, **kw) -> str:
    """The bilingual message `fn` refuses with ("zh / en"); fails when it does not refuse."""
    from trellis.provision.instance import OperationFailed

    try:
        fn(*args, progress=lambda *_: None, **kw)
    except OperationFailed as e:
        assert e.message["zh"] and e.message["en"]
        return f"{e.message['zh']} / {e.message['en']}"
    raise AssertionError(f"{fn.__name__} did not refuse")
