"""`trellis migrate-db --to postgresql://...`: the SQLite instance copied into an empty
PostgreSQL database, row counts of every table (ab_* and the forms' tables included) and
the audit chain verified; the instance then serves from PostgreSQL (a record read, a file,
a new record whose id follows the copied ones); a non-empty target, a target that is not
PostgreSQL and a source that is not SQLite are refused."""
from __future__ import annotations

import base64

from instance_probe import CONTENT
from ops_env import audit_ok, cli, counts, definitions, instance, ok, probe, refusal
from trellis.provision.migrate_db import migrate_db


def test_sqlite_to_postgresql(sqlite_source, pg_target):
    home = sqlite_source["home"]
    out = ok(cli(["migrate-db", "--to", pg_target], home))
    assert "migrated and checked" in out and f"TRELLIS_DATABASE_URL={pg_target}" in out
    source, target = counts(home), counts(home, pg_target)
    assert source == target
    assert target["futures_crm__client"] >= 100 and target["ab_user"] > 1 and target["futures_crm__ticket__steps"] > 0
    assert definitions(home) == definitions(home, pg_target)
    chain = audit_ok(home, pg_target)
    assert chain["ok"] and chain["checked"] == source["trellis_audit"]

    seen = probe("read", home, pg_target)
    assert seen["ticket"] == sqlite_source["ticket"] and base64.b64decode(seen["content"]) == CONTENT
    assert seen["create_status"] == 201 and seen["created"] > source["futures_crm__follow_up"], seen

    assert "not empty" in refusal(migrate_db, instance(home), pg_target)
    assert "postgresql://" in refusal(migrate_db, instance(home), "mysql://root@127.0.0.1/x")
    assert "not the embedded SQLite" in refusal(migrate_db, instance(home, pg_target), pg_target)
