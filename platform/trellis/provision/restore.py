"""`trellis restore PATH`: an archive of `trellis backup` into the configured instance.

The archive is checked first (every member's checksum, archive.py), then the target must
be empty: its database without tables, its files folder without files (`--force`
empties both first, naming what it drops). The database comes back through its own
tool: `pg_restore` in one transaction on PostgreSQL, SQLite's online backup API on
SQLite (across kinds: restore into SQLite, then `trellis migrate-db`). Then the files
and the secret key, and the result is checked against the manifest: the row count of
every table and the audit log's hash chain, ending at the archived entry."""
from __future__ import annotations

import gzip
import os
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from ..security.audit import verify as verify_audit
from ..storage import models as m
from ..storage.database import writing
from . import pgtools
from .archive import read_manifest, unpack
from .backup import DUMP_PG, DUMP_SQLITE, SECRET_MEMBER, STATE_KEY
from .instance import Instance, OperationFailed, files_in, row_counts, shown_url, tables, what_is_not_empty

KIND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def restore(instance: Instance, path: Path, *, force: bool = False, progress=print) -> dict:
    """Restore the archive at `path`; returns what was restored and checked."""
    path = Path(path).resolve()
    started = time.monotonic()
    manifest = read_manifest(path)
    kind = (manifest.get("database") or {}).get("kind")
    if kind != instance.kind:
        raise OperationFailed(
            f"备份来自 {KIND_NAMES.get(kind, kind)} 数据库,而配置的数据库 {shown_url(instance.url)} 是 "
            f"{KIND_NAMES[instance.kind]}:请恢复到同类数据库(SQLite 的实例可再用 trellis migrate-db 迁到 PostgreSQL)",
            f"the backup is of a {KIND_NAMES.get(kind, kind)} database but the configured database "
            f"{shown_url(instance.url)} is {KIND_NAMES[instance.kind]}: restore into the same kind (a SQLite "
            f"instance moves to PostgreSQL with trellis migrate-db)", code="kind_mismatch")
    engine = instance.engine()
    try:
        with engine.connect() as conn:
            held = what_is_not_empty(instance, conn)
            tool = _pg_restore(conn, manifest) if kind == "postgresql" else None
        if held and not force:
            raise OperationFailed("目标实例不是空的:" + ";".join(zh for zh, _ in held) + "。请换一个空实例,或加 --force 覆盖",
                                  "the target instance is not empty: " + "; ".join(en for _, en in held)
                                  + ". Use an empty instance, or --force to overwrite it", code="target_not_empty")
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=instance.home))
        try:
            manifest, root = unpack(path, staging)
            member = manifest["database"].get("member") or (DUMP_PG if kind == "postgresql" else DUMP_SQLITE)
            if member not in manifest["members"]:
                raise OperationFailed(f"备份 {path} 缺少数据库成员 {member}", f"the backup {path} lacks the database member "
                                      f"{member}", code="member_missing")
            progress(f"校验和均正确 / every checksum matches ({len(manifest['members'])} members)")
            if held:
                _empty_database(engine)
                shutil.rmtree(instance.files, ignore_errors=True)
                progress("已清空目标实例 / target instance emptied (--force): "
                         + "; ".join(en for _, en in held))
            engine.dispose()
            if kind == "postgresql":
                dbname, env = pgtools.connection(instance.url)
                pgtools.run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                             f"--dbname={dbname}", str(root / member)], env, ("恢复数据库", "restoring the database"))
            else:
                _sqlite_restore(root / member, instance.sqlite_path, staging)
            progress("数据库已恢复 / database restored")
            restored_files = _files(root, instance.files, move=root == staging)
            warnings = _secret(instance, root)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        result = check(engine, manifest)
        _record(engine, manifest)
        return {**result, "files": restored_files, "warnings": warnings,
                "seconds": round(time.monotonic() - started, 2)}
    finally:
        engine.dispose()


def _pg_restore(conn, manifest: dict) -> str:
    """A pg_restore able to read the archive's dump into this server."""
    tool_text = (manifest.get("database") or {}).get("tool") or "pg_dump 0"
    try:
        dumped = int(tool_text.split()[-1].split(".")[0])
    except ValueError:
        dumped = 0
    return pgtools.find_tool("pg_restore", max(pgtools.server_major(conn), dumped))[0]


def _empty_database(engine: sa.Engine) -> None:
    """Drop every table, view, sequence and function of the schema (--force)."""
    if engine.dialect.name != "postgresql":
        return  # SQLite's backup API replaces the whole file's content
    with engine.begin() as conn:
        q = conn.dialect.identifier_preparer.quote
        schema = conn.execute(sa.text("SELECT current_schema()")).scalar()
        for name in conn.execute(sa.text("SELECT viewname FROM pg_views WHERE schemaname = :s"), {"s": schema}).scalars():
            conn.exec_driver_sql(f"DROP VIEW IF EXISTS {q(name)} CASCADE")
        for name in tables(conn):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {q(name)} CASCADE")
        for name in conn.execute(sa.text("SELECT sequence_name FROM information_schema.sequences "
                                         "WHERE sequence_schema = :s"), {"s": schema}).scalars():
            conn.exec_driver_sql(f"DROP SEQUENCE IF EXISTS {q(name)} CASCADE")
        functions = conn.execute(sa.text(
            "SELECT p.proname, pg_get_function_identity_arguments(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = :s"), {"s": schema}).all()
        for name, args in functions:
            conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {q(name)}({args}) CASCADE")
        for name in conn.execute(sa.text(
                "SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                "WHERE n.nspname = :s AND t.typtype IN ('e', 'd')"), {"s": schema}).scalars():
            conn.exec_driver_sql(f"DROP TYPE IF EXISTS {q(name)} CASCADE")


def _sqlite_restore(dump: Path, target: Path, scratch: Path) -> None:
    """SQLite's online backup API from the archived copy into the configured file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if dump.suffix == ".gz":
        plain = scratch / "trellis.sqlite"
        try:
            with gzip.open(dump, "rb") as src, open(plain, "wb") as out:
                shutil.copyfileobj(src, out, 1 << 20)
        except (OSError, EOFError) as e:
            raise OperationFailed(f"SQLite 备份无法解压:{e}", f"the SQLite copy does not decompress: {e}",
                                  code="restore_failed") from None
        dump = plain
    src = sqlite3.connect(str(dump))
    try:
        dst = sqlite3.connect(str(target))
        try:
            # straight into the file: through a WAL every page would be written twice (the copy
            # keeps the archived database's own journal mode, WAL, once it is opened again)
            dst.execute("PRAGMA journal_mode=DELETE")
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.DatabaseError as e:
        raise OperationFailed(f"SQLite 恢复失败:{e}", f"the SQLite restore failed: {e}", code="restore_failed") from None
    finally:
        src.close()


def _files(root: Path, files: Path, move: bool) -> int:
    source = root / "files"
    count = 0
    files.mkdir(parents=True, exist_ok=True)
    for p in files_in(source):
        dest = files / p.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if move:
            shutil.move(p, dest)
        else:
            shutil.copy2(p, dest)
        count += 1
    return count


def _secret(instance: Instance, root: Path) -> list[dict]:
    member = root / SECRET_MEMBER
    if not member.exists():
        return [{"zh": "备份中没有实例密钥:已加密的渠道凭据需要重新填写",
                 "en": "the backup holds no instance secret: sealed channel credentials must be entered again"}]
    key = member.read_text().strip()
    instance.secret_path.write_text(key)
    try:
        instance.secret_path.chmod(0o600)
    except OSError:
        pass
    if instance.secret_env and os.environ.get("TRELLIS_SECRET_KEY", key) != key:
        return [{"zh": "已写入备份的 secret_key 文件,但 TRELLIS_SECRET_KEY 设置了另一个密钥并会优先使用:"
                       "请将其改为备份中的密钥,否则渠道凭据无法解密",
                 "en": "the backup's secret_key file was written, but TRELLIS_SECRET_KEY holds another key and wins: "
                       "set it to the backup's key, or the channel credentials cannot be unsealed"}]
    return []


def check(engine: sa.Engine, manifest: dict) -> dict:
    """The restored database against the manifest: every table's rows, the audit chain."""
    want = manifest.get("row_counts") or {}
    with engine.connect() as conn:
        have = row_counts(conn)
    differ = {t: (want.get(t), have.get(t)) for t in sorted(set(want) | set(have)) if want.get(t) != have.get(t)}
    if differ:
        t, (a, b) = next(iter(differ.items()))
        raise OperationFailed(f"恢复后的行数与备份清单不符:表 {t} 应有 {a} 行,实有 {b} 行(共 {len(differ)} 张表不符)",
                              f"the restored row counts differ from the manifest: table {t} should hold {a} rows, "
                              f"holds {b} ({len(differ)} tables differ)", code="counts_differ")
    audit = verify_audit(engine)
    if not audit["ok"]:
        reason = audit["first_broken"]["reason"]
        raise OperationFailed(f"恢复后的审计日志校验失败:{reason['zh']}",
                              f"the restored audit log does not verify: {reason['en']}", code="audit_broken")
    last = (manifest.get("audit") or {}).get("last_hash")
    if last:
        with engine.connect() as conn:
            got = conn.execute(sa.select(m.audit.c.hash).order_by(m.audit.c.id.desc()).limit(1)).scalar()
        if got != last:
            raise OperationFailed("恢复后的审计日志末条与备份不符", "the restored audit log does not end with the archived entry",
                                  code="audit_broken")
    return {"tables": len(have), "rows": sum(have.values()), "audit_checked": audit["checked"]}


def _record(engine: sa.Engine, manifest: dict) -> None:
    """The restored instance has this backup: its time is the newest backup's."""
    stamp = int(datetime.fromisoformat(manifest["created_at"]).timestamp())
    s = m.state
    with writing(engine) as conn:
        if not conn.execute(s.update().where(s.c.key == STATE_KEY).values(value=stamp)).rowcount:
            conn.execute(s.insert().values(key=STATE_KEY, value=stamp))
