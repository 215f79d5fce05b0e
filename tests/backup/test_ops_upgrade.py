"""`trellis upgrade`: refused without a backup of the last day (or with a stale one), allowed
with a fresh one or --force; it runs the migrations and brings stored definitions to the
current schema_version, publishing a new version only where an upgrader changed a body."""
from __future__ import annotations

import time

import sqlalchemy as sa

from ops_env import cli, definitions, engine_of, instance, make_instance, ok, refusal
from trellis.provision.backup import backup
from trellis.provision.upgrade import check_backup, upgrade

# a first upgrader, as a later Trellis would ship it: views move to schema_version 2
PRELUDE = ("import trellis.meta.upgrade as u, trellis.meta.schemas as s; "
           "s._schemas()['view.schema.json']['properties']['schema_version'] = {'enum': [1, 2]}; "
           "u.CURRENT['view'] = 2; u.STEPS[('view', 1)] = lambda b: {**b, 'schema_version': 2}; ")


def _backup_at(home, seconds_ago: int) -> None:
    eng = engine_of(home)
    with eng.begin() as conn:
        conn.execute(sa.text("UPDATE trellis_state SET value = :v WHERE key = 'backup_at'"),
                     {"v": int(time.time()) - seconds_ago})
    eng.dispose()


def test_upgrade_needs_a_recent_backup_and_upgrades_definitions(tmp_path):
    home = tmp_path / "inst"
    make_instance(home, clients=0)  # the futures CRM's definitions, no data
    message = refusal(upgrade, instance(home))
    assert "拒绝升级" in message and "no backup recorded" in message and "--force" in message
    backup(instance(home), tmp_path / "b1.tar", progress=lambda *_: None)
    before = definitions(home)
    out = ok(cli(["upgrade"], home, prelude=PRELUDE))
    assert "database schema current" in out
    after = definitions(home)
    views = {(a, k, key) for a, k, key, _v, _b in before if k == "view"}
    assert views, "the seed ships views"
    added = [row for row in after if row not in before]
    assert {(a, k, key) for a, k, key, _v, _b in added} == views  # one new version per view, nothing else
    assert all(b["schema_version"] == 2 for *_, b in added)
    assert out.count("definition upgraded: ") == len(views)

    _backup_at(home, 2 * 86400)
    eng = engine_of(home)
    with eng.connect() as conn:
        message = refusal(lambda *a, progress: check_backup(*a), instance(home), conn)
    eng.dispose()
    assert "48 hours old" in message and "b1.tar" in message
    again = ok(cli(["upgrade", "--force"], home, prelude=PRELUDE))  # forced past the stale backup
    assert "every definition is at its current schema_version" in again and definitions(home) == after


def test_upgrade_of_an_empty_database_points_to_init(tmp_path):
    assert "trellis init" in refusal(upgrade, instance(tmp_path), force=True)
