"""Rollup fields stay exact: after every kind of write to the related records (create,
bulk create, the lean path, updates of values and parents, soft deletes, restores, a
parent's delete cascading) every rollup equals a plain SQL aggregate over the live rows,
on SQLite and PostgreSQL. Also: publish-time problems, the daily window refresh job under
a simulated clock, the recompute job a publish enqueues and `trellis recompute`."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
import sqlalchemy as sa

from trellis.kernel.errors import DefinitionInvalid, NotFound
from trellis.kernel.simulated_clock import SimulatedClock
from trellis.records import rollups
from trellis.runtime import Runtime

APP = {"schema_version": 1, "id": "ru", "label": {"zh": "汇总", "en": "Rollups"}, "forms": ["acct", "tick"]}
KINDS = ("a", "b", "c")


def _f(fid, ftype, **extra):
    return {"id": fid, "type": ftype, "label": {"zh": fid, "en": fid}, **extra}


ACCT = {"schema_version": 1, "id": "acct", "label": {"zh": "账户", "en": "Account"}, "title_field": "name",
        "fields": [_f("name", "text")]}
TICK = {"schema_version": 1, "id": "tick", "label": {"zh": "成交", "en": "Tick"}, "fields": [
    _f("acct", "relation", target="acct", on_delete="cascade"),
    _f("amount", "money", precision=2),
    _f("qty", "integer"),
    _f("day", "date"),
    _f("at", "datetime"),
    _f("kind", "single_select", options=[{"value": k, "label": {"zh": k, "en": k}} for k in KINDS]),
    _f("rate", "percent", precision=1),
]}
ROLLUPS = [
    _f("n", "rollup", source="tick.acct", aggregate="count"),
    _f("n_qty", "rollup", source="tick.acct", aggregate="count", field="qty"),
    _f("n_a", "rollup", source="tick.acct", aggregate="count", filter={"==": [{"var": "kind"}, "a"]}),
    _f("kinds", "rollup", source="tick.acct", aggregate="count_distinct", field="kind"),
    _f("amt", "rollup", source="tick.acct", aggregate="sum", field="amount"),
    _f("amt_30d", "rollup", source="tick.acct", aggregate="sum", field="amount", window={"field": "day", "days": 30}),
    _f("amt_big_b", "rollup", source="tick.acct", aggregate="sum", field="amount",
       filter={"and": [{"==": [{"var": "kind"}, "b"]}, {">=": [{"var": "amount"}, 50]}]}),
    _f("qty_avg", "rollup", source="tick.acct", aggregate="avg", field="qty"),
    _f("amt_avg", "rollup", source="tick.acct", aggregate="avg", field="amount"),
    _f("amt_min", "rollup", source="tick.acct", aggregate="min", field="amount"),
    _f("amt_max", "rollup", source="tick.acct", aggregate="max", field="amount"),
    _f("day_max", "rollup", source="tick.acct", aggregate="max", field="day"),
    _f("at_min", "rollup", source="tick.acct", aggregate="min", field="at"),
    _f("kind_last", "rollup", source="tick.acct", aggregate="latest", field="kind", window={"field": "day", "days": 30}),
    _f("qty_last", "rollup", source="tick.acct", aggregate="latest", field="qty"),
    _f("n_7d_at", "rollup", source="tick.acct", aggregate="count", window={"field": "at", "days": 7}),
    _f("rate_sum", "rollup", source="tick.acct", aggregate="sum", field="rate"),
    _f("rate_avg", "rollup", source="tick.acct", aggregate="avg", field="rate"),
]
START = datetime(2026, 3, 10, 12, 0)


def install(rt, rollup_fields=ROLLUPS):
    st = rt.store
    st.save_draft("ru", "app", "ru", APP)
    rt.publish("ru", "app", "ru")
    st.save_draft("ru", "form", "acct", ACCT)
    st.save_draft("ru", "form", "tick", TICK)
    rt.publish("ru", "form", "acct")
    rt.publish("ru", "form", "tick")
    if rollup_fields:
        st.save_draft("ru", "form", "acct", dict(ACCT, fields=ACCT["fields"] + list(rollup_fields)))
        rt.publish("ru", "form", "acct")


@pytest.fixture
def rt(engine):
    runtime = Runtime(engine, ttl=0, secret="test-instance-secret", clock=SimulatedClock(START))
    install(runtime)
    return runtime


# -- the oracle: plain SQL over the live rows ---------------------------------------------------
def _today(rt) -> date:
    with rt.logic_time():
        return rollups.today()


def expected(rt) -> dict:
    """{acct id: {rollup id: value}} by plain SQL aggregates (GROUP BY) and, for `latest`,
    the rows ordered in Python."""
    today = _today(rt)
    first30, first7 = today - timedelta(days=29), today - timedelta(days=6)
    p = {"f30": first30, "t": today, "f7": datetime.combine(first7, datetime.min.time()),
         "t7": datetime.combine(today + timedelta(days=1), datetime.min.time())}
    live = "FROM ru__tick WHERE deleted_at IS NULL AND acct IS NOT NULL"
    queries = {
        "n": f"SELECT acct, COUNT(*) {live} GROUP BY acct",
        "n_qty": f"SELECT acct, COUNT(qty) {live} GROUP BY acct",
        "n_a": f"SELECT acct, COUNT(*) {live} AND kind = 'a' GROUP BY acct",
        "kinds": f"SELECT acct, COUNT(DISTINCT kind) {live} GROUP BY acct",
        "amt": f"SELECT acct, COALESCE(SUM(amount), 0) {live} GROUP BY acct",
        "amt_30d": f"SELECT acct, COALESCE(SUM(amount), 0) {live} AND day >= :f30 AND day <= :t GROUP BY acct",
        "amt_big_b": f"SELECT acct, COALESCE(SUM(amount), 0) {live} AND kind = 'b' AND amount >= 50 GROUP BY acct",
        "qty_avg": f"SELECT acct, AVG(qty) {live} GROUP BY acct",
        "amt_avg": f"SELECT acct, AVG(amount) {live} GROUP BY acct",
        "amt_min": f"SELECT acct, MIN(amount) {live} GROUP BY acct",
        "amt_max": f"SELECT acct, MAX(amount) {live} GROUP BY acct",
        "day_max": f"SELECT acct, MAX(day) {live} GROUP BY acct",
        "at_min": f"SELECT acct, MIN(at) {live} GROUP BY acct",
        "n_7d_at": f"SELECT acct, COUNT(*) {live} AND at >= :f7 AND at < :t7 GROUP BY acct",
        "rate_sum": f"SELECT acct, COALESCE(SUM(rate), 0) {live} GROUP BY acct",
        "rate_avg": f"SELECT acct, AVG(rate) {live} GROUP BY acct",
    }
    zero = {"n", "n_qty", "n_a", "kinds", "amt", "amt_30d", "amt_big_b", "n_7d_at", "rate_sum"}
    with rt.engine.connect() as conn:
        accts = list(conn.execute(sa.text("SELECT id FROM ru__acct")).scalars())
        out = {a: {k: (0 if k in zero else None) for k in list(queries) + ["kind_last", "qty_last"]} for a in accts}
        for key, sql in queries.items():
            for acct, value in conn.execute(sa.text(sql), {k: v for k, v in p.items() if ":" + k in sql}):
                if acct in out:
                    out[acct][key] = value
        rows = conn.execute(sa.text(f"SELECT id, acct, kind, qty, day {live}")).all()
    last_any, last_win = {}, {}
    for rid, acct, kind, qty, day in rows:
        if isinstance(day, str):
            day = date.fromisoformat(day)
        if acct not in last_any or rid > last_any[acct][0]:
            last_any[acct] = (rid, qty)
        if day is not None and first30 <= day <= today:
            if acct not in last_win or (day, rid) > last_win[acct][0]:
                last_win[acct] = ((day, rid), kind)
    for acct, (_rid, qty) in last_any.items():
        if acct in out:
            out[acct]["qty_last"] = qty
    for acct, (_k, kind) in last_win.items():
        if acct in out:
            out[acct]["kind_last"] = kind
    return out


SCALES = {"qty_avg": 4, "amt_avg": 6, "rate_sum": 3, "rate_avg": 7}


def _same(key: str, got, want) -> bool:
    if want is None or got is None:
        return got is None and want is None
    if key == "day_max":
        return str(got)[:10] == str(want)[:10]
    if key == "at_min":
        return str(got).replace("T", " ")[:19] == str(want).replace("T", " ")[:19]
    if isinstance(want, str) or isinstance(got, str):
        return got == want
    scale = SCALES.get(key, 2)  # an average keeps its source's precision + 4 digits
    exact = Decimal(str(want)).quantize(Decimal(1).scaleb(-scale), ROUND_HALF_UP)
    return Decimal(str(got)) == exact


def check(rt, step: str = "") -> None:
    want = expected(rt)
    svc = rt.records("ru", "acct")
    got = {}
    with rt.engine.connect() as conn:
        ids = list(conn.execute(sa.text("SELECT id FROM ru__acct")).scalars())
    for rid in ids:
        try:
            got[rid] = svc.get(rid)
        except NotFound:  # a deleted parent keeps its values too
            got[rid] = svc.get(rid, deleted=True)
    bad = [(rid, k, got[rid][k], v) for rid, vals in want.items() for k, v in vals.items()
           if not _same(k, got[rid][k], v)]
    assert not bad, f"after {step}: (acct, rollup, stored, expected) {bad[:8]}"


# -- randomized writes ----------------------------------------------------------------------------
def _tick(rnd, accts, today):
    day = today - timedelta(days=rnd.randint(-2, 45))
    return {"acct": rnd.choice(accts + [None]) if rnd.random() < 0.1 else rnd.choice(accts),
            "amount": round(rnd.uniform(-20, 200), 2) if rnd.random() > 0.1 else None,
            "qty": rnd.randint(-3, 40) if rnd.random() > 0.15 else None,
            "day": day.isoformat() if rnd.random() > 0.1 else None,
            "at": f"{(today - timedelta(days=rnd.randint(0, 10))).isoformat()}T{rnd.randint(0, 23):02d}:30:00",
            "kind": rnd.choice(KINDS + (None,)),
            "rate": round(rnd.uniform(-0.5, 1.5), 3) if rnd.random() > 0.2 else None}


def _live_ticks(rt, deleted=False):
    cond = "IS NOT NULL" if deleted else "IS NULL"
    with rt.engine.connect() as conn:
        return list(conn.execute(sa.text(f"SELECT id FROM ru__tick WHERE deleted_at {cond} ORDER BY id")).scalars())


def test_every_rollup_equals_a_plain_aggregate_after_each_write(rt):
    rnd = random.Random(20261206)
    accts_svc, ticks = rt.records("ru", "acct"), rt.records("ru", "tick")
    accts = [r["id"] for r in accts_svc.bulk_create([{"name": f"账户{i}"} for i in range(6)])]
    check(rt, "new parents")
    assert all(accts_svc.get(a)["n"] == 0 and accts_svc.get(a)["amt"] == 0 for a in accts)
    today = _today(rt)
    names = ["acct", "amount", "qty", "day", "at", "kind", "rate"]
    for step in range(36):
        op = step % 9
        live = _live_ticks(rt)
        if op == 0:
            ticks.create(_tick(rnd, accts, today))
        elif op == 1:
            ticks.bulk_create([_tick(rnd, accts, today) for _ in range(rnd.randint(5, 40))], return_records=False)
        elif op == 2:  # the lean path, as imports write
            rows = [_tick(rnd, accts, today) for _ in range(rnd.randint(20, 120))]
            res = ticks.create_rows(names, [[r[n] for n in names] for r in rows], audit="summary")
            assert not res.errors
        elif op == 3 and live:  # values change
            picks = rnd.sample(live, min(len(live), 8))
            ticks.bulk_update([{"id": i, **{k: v for k, v in _tick(rnd, accts, today).items()
                                            if k != "acct" and rnd.random() < 0.6}} for i in picks])
        elif op == 4 and live:  # parents change (moved to another account)
            picks = rnd.sample(live, min(len(live), 10))
            ticks.update_rows([{"id": i, "acct": rnd.choice(accts), "amount": round(rnd.uniform(0, 99), 2)}
                               for i in picks])
        elif op == 5 and live:
            ticks.delete_many(rnd.sample(live, min(len(live), 6)))
        elif op == 6:
            for rid in _live_ticks(rt, deleted=True)[:3]:
                ticks.restore(rid)
        elif op == 7 and live:  # one row: parent and value at once
            ticks.update(rnd.choice(live), {"acct": rnd.choice(accts), "qty": rnd.randint(0, 9), "kind": "a"})
        elif op == 8 and step == 17:  # a parent deleted: its ticks cascade; restored, they stay deleted
            victim = accts[0]
            accts_svc.delete(victim)
            check(rt, "parent delete cascading")
            accts_svc.restore(victim)
        check(rt, f"step {step} (op {op})")
    assert len(_live_ticks(rt)) > 100


def test_a_recompute_bumps_no_version_and_writes_no_audit(rt):
    accts, ticks = rt.records("ru", "acct"), rt.records("ru", "tick")
    a = accts.create({"name": "甲"})
    with rt.engine.connect() as conn:
        audits = conn.execute(sa.text("SELECT COUNT(*) FROM trellis_audit")).scalar()
    ticks.bulk_create([{"acct": a["id"], "amount": 10, "qty": 1} for _ in range(5)])
    now = accts.get(a["id"])
    assert now["version"] == 1 and now["n"] == 5 and now["amt"] == 50 and now["updated_at"] == a["updated_at"]
    with rt.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT COUNT(*) FROM trellis_audit")).scalar() == audits + 5
    assert accts.update(a["id"], {"name": "乙"}, version=1)["version"] == 2  # no conflict


def test_filters_and_sorts_read_the_stored_indexed_value(rt):
    accts, ticks = rt.records("ru", "acct"), rt.records("ru", "tick")
    ids = [r["id"] for r in accts.bulk_create([{"name": f"c{i}"} for i in range(3)])]
    ticks.bulk_create([{"acct": ids[i % 3], "amount": 10 * i} for i in range(7)])
    page = accts.list(filter={">": [{"var": "amt"}, 60]}, sort=["-amt"])
    assert [r["id"] for r in page["items"]] == [ids[0], ids[2]]  # 90 and 70; 50 is left out
    form = rt.form("ru", "acct")
    assert any(ix.column == "amt" for ix in form.indexes)


# -- publish-time problems -------------------------------------------------------------------------
@pytest.fixture
def plain(sqlite_engine):
    runtime = Runtime(sqlite_engine, ttl=0, clock=SimulatedClock(START))
    install(runtime, rollup_fields=())
    return runtime


@pytest.mark.parametrize("field, code, words", [
    (_f("r", "rollup", source="nope.acct", aggregate="count"), "unknown_form", "nope"),
    (_f("r", "rollup", source="tick.kind", aggregate="count"), "unknown_relation", "kind"),
    (_f("r", "rollup", source="acct.name", aggregate="count"), "self_source", "r"),
    (_f("r", "rollup", source="tick.acct", aggregate="sum"), "missing_field", "sum"),
    (_f("r", "rollup", source="tick.acct", aggregate="sum", field="kind"), "not_aggregatable", "kind"),
    (_f("r", "rollup", source="tick.acct", aggregate="max", field="ghost"), "unknown_field", "ghost"),
    (_f("r", "rollup", source="tick.acct", aggregate="count", window={"field": "qty", "days": 3}), "not_a_date", "qty"),
    (_f("r", "rollup", source="tick.acct", aggregate="count", filter={"==": [{"var": "ghost"}, 1]}),
     "invalid_filter", "ghost"),
])
def test_publish_names_the_problem(plain, field, code, words):
    plain.store.save_draft("ru", "form", "acct", dict(ACCT, fields=ACCT["fields"] + [field]))
    with pytest.raises(DefinitionInvalid) as e:
        plain.publish("ru", "form", "acct")
    problem = e.value.errors[0]
    assert problem["code"] == code
    assert "r" in problem["message"]["en"] and "汇总字段 r" in problem["message"]["zh"]
    assert words in problem["message"]["en"]


def test_publish_fills_the_value_type_and_the_column_follows_it(plain):
    plain.store.save_draft("ru", "form", "acct", dict(ACCT, fields=ACCT["fields"] + ROLLUPS))
    plain.publish("ru", "form", "acct")
    body = plain.store.published("ru", "form", "acct")[0]
    vt = {f["id"]: f.get("value_type") for f in body["fields"] if f["type"] == "rollup"}
    assert vt["amt"] == {"type": "money", "precision": 2} and vt["n"] is None
    assert vt["kind_last"]["type"] == "single_select" and vt["kind_last"]["options"]
    cols = {c["name"]: c["type"] for c in sa.inspect(plain.engine).get_columns("ru__acct")}
    assert "BIGINT" in str(cols["n"]).upper() and "NUMERIC" in str(cols["amt"]).upper()
    assert "DATE" in str(cols["day_max"]).upper() and "VARCHAR" in str(cols["kind_last"]).upper()


# -- time and recomputes ---------------------------------------------------------------------------
def test_windows_move_with_the_daily_refresh_job(sqlite_engine):
    clock = SimulatedClock(START)
    rt = Runtime(sqlite_engine, ttl=0, clock=clock)
    install(rt)
    a = rt.records("ru", "acct").create({"name": "窗"})
    today = _today(rt)
    rt.records("ru", "tick").bulk_create([
        {"acct": a["id"], "amount": 1, "day": (today - timedelta(days=29)).isoformat()},
        {"acct": a["id"], "amount": 2, "day": (today - timedelta(days=28)).isoformat()},
        {"acct": a["id"], "amount": 4, "day": (today + timedelta(days=1)).isoformat()},
    ])
    acct = rt.records("ru", "acct")
    assert acct.get(a["id"])["amt_30d"] == 3  # the first day of the window counts, tomorrow does not
    with rt.engine.connect() as conn:
        jobs = conn.execute(sa.text("SELECT run_at, key FROM trellis_jobs WHERE name = 'rollups.refresh'")).all()
    assert len(jobs) == 1 and jobs[0].key == f"rollups.refresh:ru:{(today + timedelta(days=1)).isoformat()}"
    rt.jobs.run_due()
    assert acct.get(a["id"])["amt_30d"] == 3  # not due yet
    for days, want in ((1, 6), (2, 4), (30, 4), (31, 0)):
        clock.set(datetime.combine(today + timedelta(days=days), datetime.min.time()) + timedelta(hours=1))
        rt.jobs.run_due()
        assert acct.get(a["id"])["amt_30d"] == want, days
        check(rt, f"day +{days}")
    assert _queued_refreshes(rt) == []  # every row has aged out: the daily chain stops (a simulation ends)
    now = _today(rt)
    rt.records("ru", "tick").create({"acct": a["id"], "amount": 8, "day": now.isoformat()})
    assert acct.get(a["id"])["amt_30d"] == 8
    assert _queued_refreshes(rt) == [f"rollups.refresh:ru:{(now + timedelta(days=1)).isoformat()}"]  # restarted
    clock.set(datetime.combine(now + timedelta(days=30), datetime.min.time()) + timedelta(hours=1))
    rt.jobs.run_due()
    assert acct.get(a["id"])["amt_30d"] == 0 and _queued_refreshes(rt) == []


def _queued_refreshes(rt) -> list:
    with rt.engine.connect() as conn:
        return list(conn.execute(sa.text("SELECT key FROM trellis_jobs WHERE name = 'rollups.refresh' "
                                         "AND state = 'queued'")).scalars())


def test_a_new_rollup_gets_values_from_the_job_its_publish_enqueues(sqlite_engine):
    rt = Runtime(sqlite_engine, ttl=0, clock=SimulatedClock(START))
    install(rt, rollup_fields=())
    a = rt.records("ru", "acct").create({"name": "旧"})
    rt.records("ru", "tick").bulk_create([{"acct": a["id"], "amount": 5, "day": "2026-03-01"} for _ in range(4)])
    rt.store.save_draft("ru", "form", "acct", dict(ACCT, fields=ACCT["fields"] + ROLLUPS))
    rt.publish("ru", "form", "acct")
    assert rt.records("ru", "acct").get(a["id"])["n"] is None
    rt.jobs.run_due()
    check(rt, "the recompute job")
    assert rt.records("ru", "acct").get(a["id"])["amt"] == 20
    changed = [dict(f, filter={"==": [{"var": "kind"}, "b"]}) if f["id"] == "n" else f for f in ROLLUPS]
    rt.store.save_draft("ru", "form", "acct", dict(ACCT, fields=ACCT["fields"] + changed))
    rt.publish("ru", "form", "acct")
    rt.jobs.run_due()
    assert rt.records("ru", "acct").get(a["id"])["n"] == 0


def test_recompute_command(app):
    from flask.cli import ScriptInfo  # noqa: F401  (the runner below provides the app)

    from trellis.cli.recompute import recompute_cmd

    rt = app.extensions["trellis"]
    if rt.store.published("ru", "form", "acct") is None:
        install(rt)
    a = rt.records("ru", "acct").create({"name": "命令"})
    rt.records("ru", "tick").bulk_create([{"acct": a["id"], "amount": 1.5, "qty": 2} for _ in range(3)])
    with rt.transaction() as conn:  # only n: a job of the shared app may set amt right meanwhile
        conn.execute(sa.text("UPDATE ru__acct SET n = 99"))
    runner = app.test_cli_runner(mix_stderr=False) if _mixes() else app.test_cli_runner()
    result = runner.invoke(recompute_cmd, ["ru", "acct", "n"])
    assert result.exit_code == 0, result.output
    assert "100%" in (result.stderr if hasattr(result, "stderr") else result.output)
    got = rt.records("ru", "acct").get(a["id"])
    assert got["n"] == 3
    result = runner.invoke(recompute_cmd, ["ru", "acct"])
    assert result.exit_code == 0 and rt.records("ru", "acct").get(a["id"])["amt"] == 4.5
    bad = runner.invoke(recompute_cmd, ["ru", "acct", "name"])
    assert bad.exit_code != 0 and "no rollup or indexed formula name" in bad.output


def _mixes() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


# -- a rollup over a rollup, a set-null rule ---------------------------------------------------------
GRP = {"schema_version": 1, "id": "grp", "label": {"zh": "组", "en": "Group"}, "title_field": "name",
       "fields": [_f("name", "text")]}
GRP_ROLLUPS = [_f("total", "rollup", source="acct.grp", aggregate="sum", field="amt"),
               _f("members", "rollup", source="acct.grp", aggregate="count")]


def test_a_rollup_over_a_rollup_and_a_set_null_rule(sqlite_engine):
    rt = Runtime(sqlite_engine, ttl=0, clock=SimulatedClock(START))
    install(rt)
    rt.store.save_draft("ru", "form", "grp", GRP)
    rt.publish("ru", "form", "grp")
    acct_fields = ACCT["fields"] + ROLLUPS + [_f("grp", "relation", target="grp", on_delete="set_null")]
    rt.store.save_draft("ru", "form", "acct", dict(ACCT, fields=acct_fields))
    rt.publish("ru", "form", "acct")
    problems = dict(GRP, fields=GRP["fields"] + [dict(GRP_ROLLUPS[0], source="acct.amt")])
    rt.store.save_draft("ru", "form", "grp", problems)
    with pytest.raises(DefinitionInvalid) as e:  # "acct.amt" is not a relation to grp
        rt.publish("ru", "form", "grp")
    assert e.value.errors[0]["code"] == "unknown_relation"
    rt.store.save_draft("ru", "form", "grp", dict(GRP, fields=GRP["fields"] + GRP_ROLLUPS))
    rt.publish("ru", "form", "grp")
    groups, accts, ticks = rt.records("ru", "grp"), rt.records("ru", "acct"), rt.records("ru", "tick")
    g1, g2 = (r["id"] for r in groups.bulk_create([{"name": "一"}, {"name": "二"}]))
    a1, a2 = (r["id"] for r in accts.bulk_create([{"name": "甲", "grp": g1}, {"name": "乙", "grp": g1}]))

    def sums():
        with rt.engine.connect() as conn:
            want = dict(conn.execute(sa.text(
                "SELECT a.grp, SUM(t.amount) FROM ru__acct a JOIN ru__tick t ON t.acct = a.id "
                "WHERE a.deleted_at IS NULL AND t.deleted_at IS NULL GROUP BY a.grp")).all())
        return {g: (groups.get(g, deleted=g == g2 and gone[0])["total"], float(want.get(g) or 0)) for g in (g1, g2)}

    gone = [False]
    ticks.bulk_create([{"acct": a1, "amount": 10}, {"acct": a2, "amount": 5.5}])
    assert all(got == want for got, want in sums().values()) and groups.get(g1)["total"] == 15.5
    ticks.create_rows(["acct", "amount"], [[a2, 1.25], [a1, 2]])
    assert groups.get(g1)["total"] == 18.75
    accts.update(a2, {"grp": g2})  # the account moves: both groups follow
    assert all(got == want for got, want in sums().values())
    assert groups.get(g2)["members"] == 1 and groups.get(g1)["members"] == 1
    groups.delete(g2)  # set_null: the account leaves the group through the record service
    gone[0] = True
    assert accts.get(a2)["grp"] is None and groups.get(g2, deleted=True)["members"] == 0
    assert groups.get(g2, deleted=True)["total"] == 0


def test_a_rollup_over_a_deleted_source_field_keeps_its_values(sqlite_engine):
    rt = Runtime(sqlite_engine, ttl=0, clock=SimulatedClock(START))
    install(rt)
    a = rt.records("ru", "acct").create({"name": "留"})
    rt.records("ru", "tick").bulk_create([{"acct": a["id"], "kind": "a", "amount": 3}] * 2)
    rt.store.save_draft("ru", "form", "tick", dict(TICK, fields=[f for f in TICK["fields"] if f["id"] != "kind"]))
    rt.publish("ru", "form", "tick")  # kind is kept as a deleted field
    rt.records("ru", "tick").create({"acct": a["id"], "amount": 4})  # the write goes through
    got = rt.records("ru", "acct").get(a["id"])
    assert got["n"] == 3 and got["amt"] == 10 and got["n_a"] == 2 and got["kinds"] == 1


def test_an_import_and_its_rollback_keep_rollups_exact(engine, tmp_path):
    import csv

    from trellis.imports import batches
    from trellis.imports.job import ImportJob
    from trellis.imports.rollback import rollback
    from trellis.kernel.actor import SYSTEM
    from trellis.storage.files import FileStore

    rt = Runtime(engine, ttl=0, clock=SimulatedClock(START), files_dir=str(tmp_path / "files"))
    install(rt)
    names = [f"账户{i}" for i in range(4)]
    rt.records("ru", "acct").bulk_create([{"name": n} for n in names])
    today = _today(rt)
    rnd = random.Random(3)
    path = tmp_path / "ticks.csv"
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(["账户", "金额", "日期", "类别", "手数"])
        for _ in range(300):
            writer.writerow([rnd.choice(names), f"{rnd.uniform(0, 500):,.2f}",
                             (today - timedelta(days=rnd.randint(0, 60))).isoformat(), rnd.choice(KINDS),
                             rnd.randint(0, 9)])
    with open(path, "rb") as f:
        meta = FileStore(rt.files_dir).save(f, path.name, None)
    with rt.engine.begin() as conn:
        batch_id = batches.create(conn, app="ru", form="tick", actor=SYSTEM, filename=path.name, upload=meta["id"],
                                  sheet=None, header_row=None, mode="insert", keys=[], dry_run=False, on_error="all",
                                  mapping={0: "acct", 1: "amount", 2: "day", 3: "kind", 4: "qty"}, options={},
                                  total=None)
    out = ImportJob(rt, batch_id, chunk_size=120).run()
    assert out["inserted"] == 300, out
    check(rt, "the import")
    rollback(rt, batch_id, SYSTEM)
    check(rt, "its rollback")
    assert all(r["n"] == 0 for r in rt.records("ru", "acct").list()["items"])
