"""What `trellis backup` and `trellis restore` refuse, each with a bilingual message (on
the command line: one "中文 / English" line on stderr, exit code 1, no traceback) and
without touching the target: a missing or corrupt archive, a member changed after the
backup (named), a backup of the other kind of database, pg_dump missing or older than
the server, an existing backup path, an unreachable database. The refusals are checked
by calling provision/ in this process (no web app is built), one of them through the
command."""
from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from ops_env import cli, counts, instance, refusal
from trellis.provision.backup import backup
from trellis.provision.migrate_db import migrate_db
from trellis.provision.restore import restore

NOWHERE = "postgresql://postgres@127.0.0.1:1/nowhere"


@pytest.fixture(scope="module")
def archive(sqlite_source, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("archives") / "crm.tar"
    backup(instance(sqlite_source["home"]), path, progress=lambda *_: None)
    return path


def _empty(home: Path) -> bool:
    return not (home / "trellis.db").exists() or not counts(home)


def _rewritten(src: Path, dest: Path, member: str, change) -> None:
    with tarfile.open(src) as tin, tarfile.open(dest, "w") as tout:
        for info in tin:
            data = tin.extractfile(info).read() if info.isfile() else None
            if info.name == member:
                data = change(data)
                info.size = len(data)
            tout.addfile(info, io.BytesIO(data) if data is not None else None)


def test_a_changed_member_is_named_and_nothing_is_restored(archive, tmp_path):
    member = "definitions/futures_crm/forms/client.json"
    tampered = tmp_path / "tampered.tar"
    _rewritten(archive, tampered, member, lambda b: b.replace(b'"client"', b'"klient"', 1))
    home = tmp_path / "target"
    proc = cli(["restore", str(tampered)], home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    assert " / " in line and member in line and "校验和不符" in line and "does not match its checksum" in line
    assert _empty(home)
    db = tmp_path / "db-tampered.tar"
    _rewritten(archive, db, "database/trellis.sqlite.gz", lambda b: b[:-10] + b"0123456789")
    assert "database/trellis.sqlite.gz" in refusal(restore, instance(home), db)
    assert _empty(home)


def test_missing_corrupt_and_foreign_archives(archive, tmp_path):
    target = instance(tmp_path / "target")
    assert "not found" in refusal(restore, target, tmp_path / "nope.tar")
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"this is not a tar archive" * 100)
    assert "cannot be read" in refusal(restore, target, junk)
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "cannot be read" in refusal(restore, target, truncated)
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w") as tar:
        tar.addfile(tarfile.TarInfo("readme.txt"), io.BytesIO(b""))
    assert "manifest.json" in refusal(restore, target, other)
    extra = tmp_path / "extra.tar"
    with tarfile.open(archive) as tin, tarfile.open(extra, "w") as tout:
        for info in tin:
            tout.addfile(info, tin.extractfile(info) if info.isfile() else None)
        info = tarfile.TarInfo("files/zz/planted")
        info.size = 3
        tout.addfile(info, io.BytesIO(b"bad"))
    assert "files/zz/planted" in refusal(restore, target, extra)
    assert _empty(target.home)


def test_kind_mismatch_and_unreachable_database(archive, tmp_path, pg_target):
    message = refusal(restore, instance(tmp_path / "pg", pg_target), archive)
    assert "SQLite" in message and "migrate-db" in message
    assert "cannot connect to the database" in refusal(backup, instance(tmp_path / "far", NOWHERE), tmp_path / "x.tar")
    assert "cannot connect to the database" in refusal(migrate_db, instance(tmp_path / "m"), NOWHERE)


def test_pg_dump_missing_or_too_old(pg_source, tmp_path, monkeypatch):
    source = instance(pg_source["home"], pg_source["url"])
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("TRELLIS_PG_BINDIR", str(empty))
    message = refusal(backup, source, tmp_path / "a.tar")
    assert "pg_dump not found" in message and "postgresql-client-" in message
    old = tmp_path / "old"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    (old / "pg_dump").chmod(0o755)
    monkeypatch.setenv("TRELLIS_PG_BINDIR", str(old))
    message = refusal(backup, source, tmp_path / "b.tar")
    assert "older than the database server" in message and "9.6" in message
    assert not (tmp_path / "a.tar").exists() and not (tmp_path / "b.tar").exists()


def test_backup_path_taken_and_nothing_to_back_up(archive, sqlite_source, tmp_path):
    assert "already exists" in refusal(backup, instance(sqlite_source["home"]), archive)
    assert "nothing to back up" in refusal(backup, instance(tmp_path / "blank"), tmp_path / "n.tar")
