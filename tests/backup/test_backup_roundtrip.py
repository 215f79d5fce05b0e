"""`trellis backup` then `trellis restore` into a fresh, empty instance, on SQLite and on
PostgreSQL: every table's rows, the definitions, the files' bytes and the audit chain come
back, the admin signs in to the restored instance, reads the ticket's attachment and
creates a record; a second restore over it is refused unless --force."""
from __future__ import annotations

import base64
import json
import tarfile

import pytest

from instance_probe import CONTENT
from ops_env import audit_ok, cli, counts, create_db, definitions, drop_db, file_bytes, ok, probe


@pytest.fixture(params=["sqlite", "pg"])
def source(request):
    return request.getfixturevalue(f"{request.param}_source")


def test_round_trip_and_refusing_a_non_empty_target(source, tmp_path):
    home, url = source["home"], source["url"]
    archive = tmp_path / "crm-backup.tar"
    out = ok(cli(["backup", str(archive)], home, url))
    assert "backup written" in out
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    kind = "sqlite" if url is None else "postgresql"
    assert manifest["database"]["kind"] == kind and manifest["database"]["server_version"]
    assert manifest["database"]["member"] in names and "secret_key" in names
    assert manifest["alembic_revision"] and manifest["trellis_version"] and manifest["created_at"]
    assert manifest["row_counts"]["futures_crm__client"] >= 100
    assert "secret" in manifest["warning"]["en"] and "secret_key" in manifest["secret_key"]["member"]
    assert "definitions/futures_crm/forms/client.json" in names
    assert set(manifest["members"]) == names - {"manifest.json"}
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())
    assert manifest["files"]["count"] == 2  # the attachment and its sidecar

    target_home = tmp_path / "restored"
    target_url = create_db() if url else None
    try:
        out = ok(cli(["restore", str(archive)], target_home, target_url))
        assert "restored and checked" in out
        assert counts(target_home, target_url) == counts(home, url)
        assert definitions(target_home, target_url) == definitions(home, url)
        assert file_bytes(target_home / "files") == file_bytes(home / "files")
        assert (target_home / "secret_key").read_text() == (home / "secret_key").read_text()
        chain = audit_ok(target_home, target_url)
        assert chain["ok"] and chain["checked"] == manifest["audit"]["entries"] > 0

        seen = probe("read", target_home, target_url)
        assert seen["ticket"] == source["ticket"]
        assert base64.b64decode(seen["content"]) == CONTENT
        assert seen["create_status"] == 201 and seen["created"] > manifest["row_counts"]["futures_crm__follow_up"], seen

        again = cli(["restore", str(archive)], target_home, target_url)
        assert again.returncode == 1 and "Traceback" not in again.stderr
        assert "目标实例不是空的" in again.stderr and "the target instance is not empty" in again.stderr
        assert "tables" in again.stderr and "files folder" in again.stderr and "--force" in again.stderr
        forced = ok(cli(["restore", "--force", str(archive)], target_home, target_url))
        assert "emptied" in forced and "restored and checked" in forced
        assert counts(target_home, target_url) == counts(home, url)  # the record made above is gone again
        assert audit_ok(target_home, target_url)["ok"]
    finally:
        if target_url:
            drop_db(target_url)


def test_a_folder_archive_restores_the_same(sqlite_source, tmp_path):
    """`trellis backup --folder`: the same members as files, read in place (provision/, no web app)."""
    from ops_env import instance
    from trellis.provision.backup import backup
    from trellis.provision.restore import restore

    folder = tmp_path / "crm-backup"
    manifest = backup(instance(sqlite_source["home"]), folder, folder=True, progress=lambda *_: None)
    assert (folder / "manifest.json").is_file() and (folder / manifest["database"]["member"]).is_file()
    result = restore(instance(tmp_path / "restored"), folder, progress=lambda *_: None)
    assert result["rows"] == sum(manifest["row_counts"].values()) and result["files"] == 2
    assert file_bytes(tmp_path / "restored" / "files") == file_bytes(sqlite_source["home"] / "files")
    assert (folder / manifest["database"]["member"]).is_file()  # the archive is left as it was
