"""`trellis backup PATH`: one archive (archive.py) of an instance, consistent at one moment.

Members: `database/trellis.pgdump` (PostgreSQL: `pg_dump` custom format, taken in a
snapshot exported by the transaction that also counts the rows, so the manifest's counts
are the dump's) or `database/trellis.sqlite.gz` (SQLite: a copy made by SQLite's online
backup API, counted, then gzipped); `definitions/<app>/...` (every app exported as files,
readable without restoring, as `trellis app export` writes them); `files/...` (the
attachments and import files under TRELLIS_FILES); `secret_key` (the instance secret:
it seals the channels' credentials, so the archive is secret); `manifest.json`.
The backup's time is recorded in the database (`trellis_state.backup_at`) and in
TRELLIS_HOME/last_backup.json: `trellis upgrade` asks for a recent one."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from .. import __version__
from ..meta.io import dumps as definition_text, folders
from ..meta.upgrade import upgrade as upgrade_definition
from ..storage import models as m
from ..storage.database import make_engine, writing
from . import pgtools
from .archive import FORMAT, ArchiveWriter
from .instance import Instance, OperationFailed, revision, row_counts, server_version, shown_url, tables, files_in

DUMP_PG = "database/trellis.pgdump"
DUMP_SQLITE = "database/trellis.sqlite.gz"
SECRET_MEMBER = "secret_key"
STATE_KEY = "backup_at"
LAST_FILE = "last_backup.json"
WARNING = {"zh": "本备份含实例密钥(secret_key,用于加密通知渠道的凭据)和全部业务数据:请像保管密码一样保管它,只存放在受控位置。",
           "en": "This backup holds the instance secret (secret_key, which seals the notification channels' "
                 "credentials) and all business data: keep it as secret as a password, in a controlled place only."}


def backup(instance: Instance, path: Path, *, folder: bool = False, compress: bool = True, progress=print) -> dict:
    """Write the archive at `path` (a folder with `folder`); returns its manifest. `compress`:
    gzip the SQLite copy (pg_dump's custom format is compressed by pg_dump itself)."""
    path = Path(path).resolve()
    if path.exists():
        raise OperationFailed(f"{path} 已存在:请指定新的备份路径", f"{path} already exists: give a new backup path",
                              code="archive_exists")
    engine = instance.engine()
    try:
        with engine.connect() as conn:
            if "trellis_definition" not in tables(conn):
                raise OperationFailed(f"数据库 {shown_url(instance.url)} 中没有 Trellis 实例,无可备份",
                                      f"the database {shown_url(instance.url)} holds no Trellis instance: nothing to back up",
                                      code="nothing_to_back_up")
        started = time.monotonic()
        writer = ArchiveWriter(path, folder)
        try:
            scratch = path.parent / f".{path.name}.db.part"
            dump = _dump_postgresql if instance.kind == "postgresql" else _dump_sqlite
            with dump(instance, engine, scratch, compress) as (db_info, conn):
                progress(f"数据库已导出 / database dumped: {db_info['member']}")
                info = _describe(conn)
                definitions = _definitions(conn, writer)
            if db_info.get("compression") == "gzip":
                _gzip(scratch)
            writer.add_file(scratch, db_info["member"], 0o600)
            scratch.unlink(missing_ok=True)
            held = [p for p in files_in(instance.files) if not p.name.endswith(".part")]
            for p in held:
                writer.add_file(p, "files/" + p.relative_to(instance.files).as_posix())
            progress(f"文件 / files: {len(held)}")
            secret, source = _secret(instance)
            if secret is not None:
                writer.add_bytes(secret.encode(), SECRET_MEMBER, 0o600)
            created = datetime.now(timezone.utc).replace(microsecond=0)
            manifest = writer.close({
                "format": FORMAT, "format_version": 1,
                "trellis_version": __version__,
                "created_at": created.isoformat(),
                "warning": WARNING,
                "database": db_info,
                "alembic_revision": info["revision"],
                "row_counts": info["counts"],
                "audit": info["audit"],
                "definitions": definitions,
                "files": {"count": len(held), "bytes": sum(writer.members["files/" + p.relative_to(instance.files)
                                                                         .as_posix()]["size"] for p in held)},
                "secret_key": {"member": SECRET_MEMBER if secret is not None else None, "source": source,
                               "note": {"zh": "实例密钥加密了通知渠道的凭据;恢复后须使用同一密钥",
                                        "en": "the instance secret seals the channels' credentials; "
                                              "the restored instance must use the same key"}},
                "source": {"home": str(instance.home), "database_url": shown_url(instance.url)},
            })
        except BaseException:
            writer.abort()
            (path.parent / f".{path.name}.db.part").unlink(missing_ok=True)
            raise
        _record(instance, engine, path, created, manifest)
        manifest["seconds"] = round(time.monotonic() - started, 2)
        return manifest
    finally:
        engine.dispose()


@contextmanager
def _dump_sqlite(instance: Instance, engine: sa.Engine, scratch: Path, compress: bool):
    """SQLite's online backup API into `scratch`; the copy is what gets counted."""
    scratch.unlink(missing_ok=True)
    src = sqlite3.connect(str(instance.sqlite_path))
    try:
        dst = sqlite3.connect(str(scratch))
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    copy = make_engine(f"sqlite:///{scratch}")
    try:
        with copy.connect() as conn:
            yield {"kind": "sqlite", "server_version": server_version(conn),
                   "member": DUMP_SQLITE if compress else DUMP_SQLITE[:-3],
                   "tool": f"sqlite3 online backup API (SQLite {sqlite3.sqlite_version})",
                   "compression": "gzip" if compress else None}, conn
    finally:
        copy.dispose()


@contextmanager
def _dump_postgresql(instance: Instance, engine: sa.Engine, scratch: Path, _compress: bool):
    """pg_dump -Fc in a snapshot exported by the transaction that counts the rows."""
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as conn:
        with conn.begin():
            snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
            major = pgtools.server_major(conn)
            tool, version = pgtools.find_tool("pg_dump", major)
            dbname, env = pgtools.connection(instance.url)
            scratch.unlink(missing_ok=True)
            pgtools.run([tool, "--format=custom", f"--snapshot={snapshot}", "--no-owner", "--no-privileges",
                         f"--file={scratch}", f"--dbname={dbname}"], env,
                        ("导出数据库", "dumping the database"))
            yield {"kind": "postgresql", "server_version": server_version(conn), "member": DUMP_PG,
                   "tool": f"pg_dump {version[0]}.{version[1]}", "dump_format": "custom"}, conn


def _gzip(path: Path) -> None:
    """Compress the SQLite copy in place (gzip level 1: a third of the size, fast)."""
    packed = path.with_name(path.name + ".gz")
    with open(path, "rb") as src, gzip.open(packed, "wb", compresslevel=1) as out:
        shutil.copyfileobj(src, out, 1 << 20)
    os.replace(packed, path)


def _describe(conn) -> dict:
    a = m.audit
    last = conn.execute(sa.select(a.c.id, a.c.hash).order_by(a.c.id.desc()).limit(1)).first()
    return {"revision": revision(conn), "counts": row_counts(conn),
            "audit": {"entries": conn.execute(sa.select(sa.func.count()).select_from(a)).scalar(),
                      "last_id": last.id if last else None, "last_hash": last.hash if last else None}}


def _definitions(conn, writer: ArchiveWriter) -> dict:
    """Every definition (published version, else the draft) as the files of an app export."""
    d, v = m.definition, m.definition_version
    q = (sa.select(d.c.app, d.c.kind, d.c.key, d.c.draft, v.c.body)
         .select_from(d.outerjoin(v, sa.and_(v.c.definition_id == d.c.id, v.c.version == d.c.published_version)))
         .order_by(d.c.app, d.c.kind, d.c.key))
    rows = conn.execute(q).all()
    subfolders = folders({r.kind for r in rows})
    apps: dict[str, int] = {}
    for r in rows:
        body = upgrade_definition(r.kind, r.body if r.body is not None else r.draft)
        name = "app.json" if r.kind == "app" else f"{subfolders.get(r.kind, r.kind + 's')}/{r.key}.json"
        writer.add_bytes(definition_text(body).encode("utf-8"), f"definitions/{r.app}/{name}")
        apps[r.app] = apps.get(r.app, 0) + 1
    return {"count": len(rows), "apps": apps}


def _secret(instance: Instance) -> tuple[str | None, str]:
    if os.environ.get("TRELLIS_SECRET_KEY"):
        return os.environ["TRELLIS_SECRET_KEY"], "TRELLIS_SECRET_KEY"
    if instance.secret_path.exists():
        return instance.secret_path.read_text().strip(), "secret_key file"
    return None, "none"


def _record(instance: Instance, engine: sa.Engine, path: Path, created: datetime, manifest: dict) -> None:
    """The backup's time in the database (what `trellis upgrade` checks) and in the home folder."""
    s = m.state
    stamp = int(created.timestamp())
    with writing(engine) as conn:
        if not conn.execute(s.update().where(s.c.key == STATE_KEY).values(value=stamp)).rowcount:
            conn.execute(s.insert().values(key=STATE_KEY, value=stamp))
    size = sum(x["size"] for x in manifest["members"].values())
    (instance.home / LAST_FILE).write_text(json.dumps(
        {"path": str(path), "created_at": manifest["created_at"], "bytes": size}, ensure_ascii=False) + "\n")


def last_backup(conn) -> datetime | None:
    """When the newest backup of this instance was taken (None: never)."""
    stamp = conn.execute(sa.select(m.state.c.value).where(m.state.c.key == STATE_KEY)).scalar()
    return datetime.fromtimestamp(stamp, timezone.utc) if stamp else None
