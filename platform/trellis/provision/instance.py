"""The instance an operations command works on, without building the web app: where its
home, files and secret key are, its database (an engine of its own), what that database
holds (tables and row counts, the Alembic revision, the server's kind and version) and
whether the instance is empty. `trellis backup`, `restore`, `upgrade` and `migrate-db`
read the same settings as the web app (TRELLIS_HOME, TRELLIS_DATABASE_URL,
TRELLIS_CONFIG) but never start Flask-AppBuilder, which would write to the database."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from ..kernel.errors import TrellisError
from ..storage.database import make_engine

VERSION_TABLE = "trellis_alembic_version"


class OperationFailed(TrellisError):
    """An operations command cannot go on; the message says what to do."""

    status = 409
    code = "operation_failed"


@dataclass
class Instance:
    home: Path
    files: Path
    url: str
    secret_env: bool  # TRELLIS_SECRET_KEY is set (it wins over the secret_key file)

    @property
    def secret_path(self) -> Path:
        return self.home / "secret_key"

    @property
    def kind(self) -> str:
        return "sqlite" if self.url.startswith("sqlite") else "postgresql"

    @property
    def sqlite_path(self) -> Path | None:
        if self.kind != "sqlite":
            return None
        return Path(sa.engine.make_url(self.url).database or "").resolve()

    def engine(self, **kw) -> sa.Engine:
        return open_engine(self.url, **kw)


def normalize_url(url: str) -> str:
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def shown_url(url: str) -> str:
    """The URL without its password (for messages)."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except Exception:  # a malformed URL is shown as given, minus nothing to hide
        return url


def configured(home: str | None = None) -> Instance:
    """The instance of the environment (and TRELLIS_CONFIG's file, as the web app reads it)."""
    env = os.environ
    home_path = Path(home or env.get("TRELLIS_HOME") or "instance").resolve()
    url = env.get("TRELLIS_DATABASE_URL") or f"sqlite:///{home_path / 'trellis.db'}"
    files = home_path / "files"
    secret_env = bool(env.get("TRELLIS_SECRET_KEY"))
    if env.get("TRELLIS_CONFIG"):
        from flask import Config

        cfg = Config(str(home_path))
        try:
            cfg.from_pyfile(env["TRELLIS_CONFIG"])
        except OSError as e:
            raise OperationFailed(f"无法读取配置文件 TRELLIS_CONFIG={env['TRELLIS_CONFIG']}:{e.strerror}",
                                  f"cannot read the config file TRELLIS_CONFIG={env['TRELLIS_CONFIG']}: {e.strerror}",
                                  code="bad_setting") from None
        url = cfg.get("TRELLIS_DATABASE_URL") or cfg.get("SQLALCHEMY_DATABASE_URI") or url
        files = Path(cfg.get("TRELLIS_FILES") or files)
        secret_env = secret_env or bool(cfg.get("SECRET_KEY"))
    home_path.mkdir(parents=True, exist_ok=True)
    return Instance(home_path, files, normalize_url(url), secret_env)


def open_engine(url: str, **kw) -> sa.Engine:
    """An engine on `url` that has answered a first query (else a bilingual error naming it)."""
    url = normalize_url(url)
    try:
        engine = make_engine(url, **({"connect_args": {"connect_timeout": 5}} if url.startswith("postgresql") else {}),
                             **kw)
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        return engine
    except Exception as e:  # any driver error: the database does not answer
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise OperationFailed(f"无法连接数据库 {shown_url(url)}:{first}",
                              f"cannot connect to the database {shown_url(url)}: {first}",
                              code="database_unreachable") from None


def tables(conn) -> list[str]:
    """The database's tables (in the connection's schema), sorted by name."""
    return sorted(sa.inspect(conn).get_table_names())


def row_counts(conn, names=None) -> dict[str, int]:
    prep = conn.dialect.identifier_preparer
    return {t: conn.execute(sa.text(f"SELECT count(*) FROM {prep.quote(t)}")).scalar()
            for t in (tables(conn) if names is None else names)}


def revision(conn) -> str | None:
    if VERSION_TABLE not in sa.inspect(conn).get_table_names():
        return None
    return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def server_version(conn) -> str:
    if conn.dialect.name == "postgresql":
        return conn.execute(sa.text("SHOW server_version")).scalar().split()[0]
    return conn.execute(sa.text("SELECT sqlite_version()")).scalar()


def files_in(folder: Path) -> list[Path]:
    """Every file under `folder` (sorted), none when it does not exist."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def what_is_not_empty(instance: Instance, conn) -> list[tuple[str, str]]:
    """(zh, en) of each part of the instance that holds something: the database's
    tables, the files folder. The secret key file alone does not count (every start
    writes one)."""
    found = []
    names = tables(conn)
    if names:
        shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
        found.append((f"数据库 {shown_url(instance.url)} 已有 {len(names)} 张表({shown})",
                      f"the database {shown_url(instance.url)} already has {len(names)} tables ({shown})"))
    held = files_in(instance.files)
    if held:
        found.append((f"文件目录 {instance.files} 已有 {len(held)} 个文件",
                      f"the files folder {instance.files} already holds {len(held)} files"))
    return found
