"""The guarded query (records/guarded.py), on SQLite and PostgreSQL: a restricted role (an
account manager: own clients, one field hidden) gets only its rows through list, count,
export and group-by / measures; a hidden field named in a filter, a group-by, a measure,
a sort or a relation path is refused naming it; relation paths read only related rows the
actor may read. And, on the source: no module outside the guarded query adds a row scope
or a soft-delete condition to a read. Expected rows come from plain SQL written here."""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from samples import install
from trellis.kernel.actor import Actor
from trellis.kernel.errors import BadRequest
from trellis.sheets.export import prepare

PKG = Path(__file__).resolve().parents[2] / "platform" / "trellis"
ME, OTHER = 5, 6
AM_ROLE = {"schema_version": 1, "id": "am", "label": {"zh": "客户经理", "en": "Account manager"},
           "forms": {"client": {"actions": ["read", "export"], "fields": {"note": "hidden"},
                                "scope": {"==": [{"var": "manager"}, {"var": "$user.id"}]}},
                     "deal": {"actions": ["read"]}}}


@pytest.fixture
def rt(runtime):
    install(runtime)
    runtime.store.save_draft("demo", "role", "am", AM_ROLE)
    runtime.publish("demo", "role", "am")
    clients = runtime.records("demo", "client")
    rows = [{"name": f"客户{i:02d}", "manager": (ME, OTHER, None)[i % 3], "risk_level": ("C1", "C2", "C3")[i % 4 % 3],
             "equity": 1000 * (i + 1), "note": f"备注{i}"} for i in range(40)]
    ids = clients.bulk_create(rows, return_records=False)
    clients.delete(ids[0])  # one of mine, soft-deleted
    runtime.records("demo", "deal").bulk_create([{"client": cid, "lots": i + 1} for i, cid in enumerate(ids[1:])],
                                                return_records=False)
    return runtime


def me():
    return Actor(id=ME, username="am", roles=("demo.am",))


def sql(rt, text: str) -> list:
    with rt.engine.connect() as conn:
        return conn.execute(sa.text(text)).all()


def mine(rt) -> set[int]:
    return {r[0] for r in sql(rt, f"select id from demo__client where deleted_at is null and manager = {ME}")}


def test_list_count_and_export_give_only_the_actors_rows(rt):
    svc = rt.records("demo", "client", me())
    want = mine(rt)
    page = svc.list(limit=1000, count="exact")
    assert {r["id"] for r in page["items"]} == want and page["count"] == len(want) > 0
    assert all("note" not in r for r in page["items"])
    with rt.engine.connect() as conn:
        assert svc.query().count(conn)["count"] == len(want)
        assert {r["id"] for r in svc.query().rows(conn)} == want
    export = prepare(rt, "demo", "client", me(), fmt="csv", fields=["id", "name"]).start()
    text = b"".join(export.csv_chunks()).decode("utf-8-sig")
    got = {int(r[0]) for r in list(csv.reader(io.StringIO(text)))[1:]}
    assert got == want


def test_group_by_and_measures_count_only_the_actors_rows(rt):
    q = rt.records("demo", "client", me()).query().group_by("risk_level").measure("count").measure("sum", "equity")
    with rt.engine.connect() as conn:
        got = {r["risk_level"]: (r["count"], float(r["sum_equity"])) for r in q.rows(conn)}
    want = {}
    for level, n, total in sql(rt, "select risk_level, count(*), sum(equity) from demo__client "
                                   f"where deleted_at is null and manager = {ME} group by risk_level"):
        want[level] = (n, float(total))
    assert got == want and sum(n for n, _ in got.values()) == len(mine(rt))


@pytest.mark.parametrize("build, param", [
    (lambda q: q.where({"==": [{"var": "note"}, "x"]}), "filter"),
    (lambda q: q.group_by("note"), "group_by"),
    (lambda q: q.measure("count_distinct", "note"), "measure"),
    (lambda q: q.order_by("-note"), "sort"),
    (lambda q: q.select(["note"]), "fields"),
])
def test_a_hidden_field_is_refused_naming_it(rt, build, param):
    with pytest.raises(BadRequest) as e:
        build(rt.records("demo", "client", me()).query())
    assert e.value.status == 400 and e.value.details == {"field": "note", "param": param}
    assert "note" in e.value.message["zh"] and "note" in e.value.message["en"]


@pytest.mark.parametrize("build, param", [
    (lambda q: q.where({"==": [{"var": "client.note"}, "x"]}), "filter"),
    (lambda q: q.group_by("client.note"), "group_by"),
    (lambda q: q.measure("max", "client.note"), "measure"),
    (lambda q: q.select(["client.note"]), "fields"),
    (lambda q: q.where({"==": [{"var": "client.broker.name"}, "x"]}), "filter"),  # one hop only
])
def test_a_relation_path_needs_the_target_field_visible(rt, build, param):
    with pytest.raises(BadRequest) as e:
        build(rt.records("demo", "deal", me()).query())
    assert e.value.details["param"] == param and e.value.details["field"].startswith("client.")


def test_a_relation_path_reads_only_related_rows_the_actor_may_read(rt):
    deals = rt.records("demo", "deal", me()).query()
    with rt.engine.connect() as conn:
        rows = deals.select(["lots", "client.name"]).order_by("id").rows(conn)
        by_level = {r["client.risk_level"]: r["n"] for r in
                    deals.group_by("client.risk_level").measure("count", label="n").rows(conn)}
        filtered = {r["id"] for r in deals.where({"==": [{"var": "client.risk_level"}, "C2"]}).rows(conn)}
    owner = {cid: m for cid, m in sql(rt, "select id, manager from demo__client")}
    client_of = {did: cid for did, cid in sql(rt, "select id, client from demo__deal")}
    assert len(rows) == len(client_of)  # every deal: the deal form has no scope for this role
    for r in rows:
        assert (r["client.name"] is not None) == (owner[client_of[r["id"]]] == ME)
    assert by_level[None] == sum(1 for cid in client_of.values() if owner[cid] != ME)
    want = {did for did, level in sql(rt, "select d.id, c.risk_level from demo__deal d join demo__client c "
                                          f"on c.id = d.client where c.manager = {ME}") if level == "C2"}
    assert filtered == want and want


def test_measures_refuse_what_cannot_be_added(rt):
    q = rt.records("demo", "client", me()).query()
    for build, code in ((lambda: q.measure("sum", "name"), "not_aggregatable"),
                        (lambda: q.measure("mode", "equity"), "malformed"),
                        (lambda: q.measure("percentile", "equity"), "malformed"),
                        (lambda: q.measure("percentile", "equity", p=1.5), "malformed"),
                        (lambda: q.measure("median", "name"), "not_aggregatable"),
                        (lambda: q.measure("sum"), "malformed")):
        with pytest.raises(BadRequest) as e:
            build()
        assert e.value.code == code


# -- the source: nothing outside the guarded query scopes or soft-deletes a read -------------
PATTERNS = re.compile(r"deleted_at\.is_(?:not)?\(|\.scope\(|compile_scope\(|deleted_at\s+is\s+(?:not\s+)?null",
                      re.IGNORECASE)
ALLOWED = {
    "records/guarded.py": "the guarded query itself",
    "security/access.py": "defines Access.scope / compile_scope (builds the condition, applies it nowhere)",
    "security/explain.py": "explains each role's scope for one record, grant by grant (admin debugging)",
    "records/service.py": "the write path: a soft delete / restore statement's own WHERE",
    "records/updating.py": "the write path: the version-guarded UPDATE of live rows",
    "forms/model.py": "DDL: a unique index covers live rows only",
    "activity/comments.py": "a comment's own soft delete (trellis_comments; the record is read through the guarded query first)",
    "activity/timeline_sources.py": "comments' own soft delete (the record and related records go through the guarded query)",
    "forms/sync.py": "schema sync: live duplicates checked before a unique index is created",
    "forms/computed.py": "a lookup's value is the live related row's field, as the record shows it to anyone "
                         "who may see the lookup field (designed so, like a stored copy)",
    "records/rollups.py": "a rollup's stored value aggregates every live source row, whoever reads it",
}


def test_no_module_outside_the_guarded_query_scopes_a_read():
    found = {}
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG).as_posix()
        if rel.startswith("storage/migrations/") or rel in ALLOWED:
            continue
        hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if PATTERNS.search(line) and not line.lstrip().startswith("#")]
        if hits:
            found[rel] = hits
    assert not found, f"row scope / soft delete applied outside records/guarded.py: {found}"
    for rel in ALLOWED:
        assert (PKG / rel).is_file(), f"allow-listed {rel} no longer exists"


def test_the_source_check_sees_a_scope():
    assert PATTERNS.search("q = q.where(t.c.deleted_at.is_(None))")
    assert PATTERNS.search("cond = access.scope('read')")
    assert not PATTERNS.search("q = GuardedQuery.of(rt, form, access).scoped('read')")
