"""The futures CRM seed: its definitions hang together and its data generator emits valid,
deterministic, streaming data."""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import importlib.util
import json
import re
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "futures_crm"

FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
SYSTEM_FIELDS = {"id", "created_at", "updated_at", "created_by", "updated_by", "version",
                 "deleted_at"}
TYPES = {"text", "long_text", "integer", "decimal", "money", "percent", "boolean", "date",
         "datetime", "single_select", "multi_select", "email", "mobile", "url", "auto_number",
         "user", "department", "relation", "sub_table", "attachment", "json",
         "formula", "lookup", "rollup",
         "rating"}  # the first-party plugin plugins/trellis_rating (survey.csat)
DEPARTMENT_CODES = {d["code"] for d in json.loads((Path(__file__).resolve().parents[2] / "seeds" / "futures_crm"
                                                   / "org.json").read_text(encoding="utf-8"))["departments"]}
COLORS = {"green", "blue", "orange", "red", "purple", "gold", "cyan", "magenta", "volcano",
          "geekblue", "lime", "default"}
SELECTS = {"single_select", "multi_select"}
COMPUTED = {"formula", "lookup", "rollup"}  # the platform computes them: never in a generated row
MOBILE = re.compile(r"^1[3-9]\d{9}$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _gen_module():
    spec = importlib.util.spec_from_file_location("futures_crm_generate", SEED / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def gen():
    return _gen_module()


@pytest.fixture(scope="module")
def app():
    return _load(SEED / "app.json")


@pytest.fixture(scope="module")
def forms(app):
    return {fid: _load(SEED / "forms" / f"{fid}.json") for fid in app["forms"]}


@pytest.fixture(scope="module")
def views():
    return {p.stem: _load(p) for p in sorted((SEED / "views").glob("*.json"))}


def _bilingual(label):
    return isinstance(label, dict) and set(label) == {"zh", "en"} and all(
        isinstance(v, str) and v.strip() for v in label.values())


# -- definitions --------------------------------------------------------------------------

def test_every_json_file_parses_and_is_canonical():
    files = sorted(SEED.rglob("*.json"))
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        obj = json.loads(text)
        assert obj["schema_version"] == 1, path
        assert text == json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n", path


def test_app_lists_existing_forms(app):
    assert app["id"] == "futures_crm"
    assert app["label"] == {"zh": "期货客户管理", "en": "Futures CRM"}
    assert _bilingual(app["description"])
    assert isinstance(app["icon"], str) and app["icon"]
    on_disk = {p.stem for p in (SEED / "forms").glob("*.json")}
    assert set(app["forms"]) == on_disk
    assert len(app["forms"]) == len(set(app["forms"]))
    assert set(app["forms"]) == {"client", "introducing_broker", "deposit", "trade_day",
                                 "pnl_event", "ticket", "survey", "content", "follow_up", "account_opening_request"}


def _check_field(form_id, f, forms, top_level=True):
    where = f"{form_id}.{f.get('id')}"
    assert FIELD_ID.match(f["id"]), where
    assert f["id"] not in SYSTEM_FIELDS, where
    assert f["type"] in TYPES, where
    assert _bilingual(f["label"]), where
    if "help" in f:
        assert _bilingual(f["help"]), where
    for key in ("required", "unique", "indexed", "readonly"):
        if key in f:
            assert f[key] is True, f"{where}: write only non-default keys ({key})"
    if f["type"] in SELECTS:
        values = [o["value"] for o in f["options"]]
        assert values and len(values) == len(set(values)), where
        for o in f["options"]:
            assert re.match(r"^[A-Za-z][A-Za-z0-9_]{0,40}$", o["value"]), (where, o["value"])
            assert _bilingual(o["label"]), (where, o["value"])
            assert o.get("color", "default") in COLORS, (where, o)
        if "default" in f:
            assert f["default"] in values, where
    if f["type"] == "relation":
        assert f["target"] in forms, where
        target_fields = {x["id"] for x in forms[f["target"]]["fields"]}
        assert f["display_field"] in target_fields, where
        assert f["on_delete"] in {"restrict", "set_null", "cascade"}, where
        assert "indexed" not in f, where
        if f["on_delete"] == "set_null":
            assert not f.get("required"), where
    if f["type"] == "auto_number":
        assert "{seq:" in f["pattern"], where
        assert f.get("reset", "never") in {"never", "daily", "monthly", "yearly"}, where
    if f["type"] == "sub_table":
        assert top_level, where
        ids = [c["id"] for c in f["fields"]]
        assert len(ids) == len(set(ids)), where
        for c in f["fields"]:
            assert c["type"] not in {"sub_table", "relation", "auto_number"}, where
            _check_field(form_id, c, forms, top_level=False)
    if f["type"] == "rollup":
        source, _, rel = f["source"].partition(".")
        relation = {x["id"]: x for x in forms[source]["fields"]}[rel]
        assert relation["type"] == "relation" and relation["target"] == form_id, where
        assert f.get("field") is None or f["field"] in {x["id"] for x in forms[source]["fields"]}, where
    if f["type"] == "formula":
        assert f["expression"].strip(), where
    if f["type"] in {"integer", "decimal"} and "min" in f and "max" in f:
        assert f["min"] <= f["max"], where


def test_forms_are_well_formed(forms):
    for fid, form in forms.items():
        assert form["id"] == fid
        assert _bilingual(form["label"]) and _bilingual(form["description"])
        ids = [f["id"] for f in form["fields"]]
        assert len(ids) == len(set(ids)), fid
        assert form["title_field"] in ids, fid
        for f in form["fields"]:
            _check_field(fid, f, forms)
        laid_out = [x for sec in form["layout"] for x in sec["fields"]]
        assert sorted(laid_out) == sorted(ids), f"{fid}: layout must place every field once"
        for sec in form["layout"]:
            assert _bilingual(sec["section"]) and sec["columns"] in (1, 2, 3, 4)


def test_client_form_covers_the_360_view(forms):
    client = {f["id"]: f for f in forms["client"]["fields"]}
    for fid in ["name", "mobile", "client_type", "source_channel", "risk_level", "investor_type",
                "experience_years", "intended_funds", "opened_at", "first_deposit_amount",
                "first_deposit_date", "first_trade_date", "first_product", "first_lots",
                "trade_frequency", "avg_open_interest", "preferred_products", "avg_margin_usage",
                "max_drawdown", "equity", "margin_ratio", "last_trade_date", "status", "tier",
                "account_manager", "branch", "introducing_broker", "tags", "channel_preference",
                "lifecycle_stage", "client_code", "remark"]:
        assert fid in client, fid
    assert client["mobile"]["unique"] is True
    for fid in ["risk_level", "equity", "status", "account_manager", "branch", "opened_at"]:
        assert client[fid].get("indexed") is True, fid
    # the 360 view's computed figures: rollups over trade days, P&L events and tickets, formulas over them
    for fid in ["first_trade_date", "last_trade_date", "trade_days_90", "commission_90", "avg_open_interest",
                "max_drawdown", "complaints"]:
        assert client[fid]["type"] == "rollup", fid
    for fid in ["days_to_first_trade", "trade_frequency", "recency_days", "tier"]:
        assert client[fid]["type"] == "formula", fid
    assert 'DECIDE("客户分层"' in client["tier"]["expression"]
    assert [o["value"] for o in client["risk_level"]["options"]] == ["C1", "C2", "C3", "C4", "C5"]
    assert {o["value"] for o in client["status"]["options"]} == {
        "prospect", "active", "dormant", "at_risk", "closed"}
    products = {o["value"] for o in client["first_product"]["options"]}
    assert {"rb", "cu", "au", "m", "i", "SR", "TA", "IF", "IM", "T", "sc", "lc", "si"} <= products
    assert client["introducing_broker"]["on_delete"] == "set_null"
    assert client["client_code"]["pattern"] == "KH{YYYY}{seq:7}"
    ticket = {f["id"]: f for f in forms["ticket"]["fields"]}
    assert ticket["number"]["pattern"] == "GD{YYYY}{MM}{DD}{seq:4}"
    assert ticket["number"]["reset"] == "daily"
    assert ticket["client"]["on_delete"] == "restrict"


def _filter_vars(node, out):
    if isinstance(node, dict):
        for op, arg in node.items():
            if op == "var":
                out.add(arg if isinstance(arg, str) else arg[0])
            else:
                _filter_vars(arg, out)
    elif isinstance(node, list):
        for x in node:
            _filter_vars(x, out)
    return out


def test_views_reference_existing_fields(views, forms):
    assert len(views) >= 5
    kinds = Counter(v["type"] for v in views.values())
    assert kinds["grid"] and kinds["kanban"] and kinds["calendar"]
    for vid, v in views.items():
        assert v["id"] == vid and _bilingual(v["label"])
        assert v["form"] in forms, vid
        fields = {f["id"]: f for f in forms[v["form"]]["fields"]}
        known = set(fields) | SYSTEM_FIELDS
        for col in v.get("columns", []):
            assert col in known, (vid, col)
        for s in v.get("sort", []):
            assert s.lstrip("-") in known, (vid, s)
        for var in _filter_vars(v.get("filter", {}), set()):
            assert var in known, (vid, var)
        if v["type"] == "kanban":
            assert fields[v["group_by"]]["type"] == "single_select", vid
        if v["type"] == "calendar":
            assert fields[v["date_field"]]["type"] in {"date", "datetime"}, vid


# -- generator ----------------------------------------------------------------------------

def _run(gen, n, manager_ids, **kw):
    out = {}
    order = []
    for form, rows in gen.generate(n, manager_ids=manager_ids, **kw):
        order.append(form)
        out.setdefault(form, []).extend(rows)
    return out, order


@pytest.fixture(scope="module")
def sample(gen):
    mgr = gen.managers(500)
    ids = [1000 + 3 * k for k in range(len(mgr))]
    offsets = {"client": 100, "ticket": 7}
    out, order = _run(gen, 500, ids, id_offsets=offsets, chunk=200)
    return mgr, ids, offsets, out, order


def _digest(out):
    h = hashlib.sha256()
    for form in sorted(out):
        for row in out[form]:
            h.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())
    return h.hexdigest()


def test_managers(gen):
    for n, expect in [(10, 3), (500, 3), (1000, 5), (100_000, 500), (1_000_000, 2000)]:
        assert len(gen.managers(n)) == expect
    mgr = gen.managers(20_000)
    assert mgr == gen.managers(20_000)
    branches = {b[0] for b in gen.BRANCHES}
    assert {m["branch"] for m in mgr} == branches
    assert len({m["username"] for m in mgr}) == len(mgr)
    for m in mgr:
        assert set(m) == {"username", "first_name", "last_name", "email", "branch"}
        assert re.match(r"^am\d{4}$", m["username"]) and m["email"] == m["username"] + "@example.com"
        assert re.match(r"^[\u4e00-\u9fff]{1,2}$", m["first_name"])
        assert re.match(r"^[\u4e00-\u9fff]{1,2}$", m["last_name"])


def test_generate_is_deterministic(gen, sample):
    _, ids, offsets, out, _ = sample
    again, _ = _run(gen, 500, ids, id_offsets=offsets, chunk=200)
    assert _digest(again) == _digest(out)
    # the chunk size only changes the grouping
    one_chunk, _ = _run(gen, 500, ids, id_offsets=offsets, chunk=5000)
    assert _digest(one_chunk) == _digest(out)
    other, _ = _run(gen, 500, ids, id_offsets=offsets, seed=8)
    assert _digest(other) != _digest(out)


def test_generate_order_and_ids(sample):
    _, _, offsets, out, order = sample
    assert order[:2] == ["introducing_broker", "content"]
    assert order[2] == "client"
    assert order.count("client") == 3  # 500 clients in chunks of 200
    assert len(out["client"]) == 500
    assert len(out["content"]) == 200
    assert len(out["introducing_broker"]) >= 2
    for form, rows in out.items():
        first = offsets.get(form, 0) + 1
        assert [r["id"] for r in rows] == list(range(first, first + len(rows))), form
        keys = set(rows[0])
        assert all(set(r) == keys for r in rows), f"{form}: every row has the same keys"


def test_generated_values_match_the_forms(gen, forms, sample):
    _, manager_ids, _, out, _ = sample
    users = set(manager_ids)
    seen: dict[str, set] = {f: set() for f in forms}
    # replay in emission order so that a relation must point at an already emitted row
    emitted_counts = Counter()
    for form, rows in gen.generate(500, manager_ids=manager_ids,
                                   id_offsets={"client": 100, "ticket": 7}, chunk=200):
        emitted_counts[form] += len(rows)
        fields = {f["id"]: f for f in forms[form]["fields"]}
        for row in rows:
            extra = set(row) - set(fields) - {"id"}
            assert not extra, (form, extra)
            for fid, f in fields.items():
                v = row.get(fid)
                where = (form, row["id"], fid, v)
                if f["type"] in {"auto_number", "attachment"} | COMPUTED:
                    assert fid not in row, where
                    continue
                if f.get("required"):
                    assert v is not None and v != "" and v != [], where
                if v is None:
                    continue
                _check_value(f, v, where, users, seen)
            seen[form].add(row["id"])
    assert sum(emitted_counts.values()) == sum(len(r) for r in out.values())


def _check_value(f, v, where, users, seen):
    t = f["type"]
    if t == "department":  # the generator names departments by code; the loader maps them to ids
        assert v in DEPARTMENT_CODES, where
    elif t == "single_select":
        assert v in {o["value"] for o in f["options"]}, where
    elif t == "multi_select":
        assert isinstance(v, list) and len(v) == len(set(v)), where
        assert set(v) <= {o["value"] for o in f["options"]}, where
    elif t == "integer":
        assert isinstance(v, int) and not isinstance(v, bool), where
        assert f.get("min", v) <= v <= f.get("max", v), where
    elif t == "rating":
        assert isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= f.get("max", 5), where
    elif t == "decimal":
        assert isinstance(v, (int, float)), where
        assert f.get("min", v) <= v <= f.get("max", v), where
        assert round(v, f.get("precision", 10)) == v, where
    elif t == "money":
        assert isinstance(v, float) and round(v, 2) == v, where
    elif t == "percent":
        assert isinstance(v, float) and 0.0 <= v <= 1.0, where
    elif t == "boolean":
        assert isinstance(v, bool), where
    elif t == "date":
        assert DATE.match(v), where
        dt.date.fromisoformat(v)
    elif t == "datetime":
        assert DATETIME.match(v), where
        dt.datetime.fromisoformat(v)
    elif t == "mobile":
        assert MOBILE.match(v), where
    elif t in {"text", "long_text"}:
        assert isinstance(v, str) and v.strip(), where
        if t == "text":
            assert len(v) <= f.get("max_length", 200), where
    elif t == "url":
        assert v.startswith("https://"), where
    elif t == "email":
        assert isinstance(v, str) and v.count("@") == 1 and v.endswith("@example.com"), where  # never a real one
    elif t == "user":
        assert v in users, where
    elif t == "relation":
        assert v in seen[f["target"]], where
    elif t == "sub_table":
        children = {c["id"]: c for c in f["fields"]}
        assert isinstance(v, list) and v, where
        for item in v:
            assert set(item) <= set(children), where
            for cid, c in children.items():
                cv = item.get(cid)
                if c.get("required"):
                    assert cv is not None, where
                if cv is not None:
                    _check_value(c, cv, where + (cid,), users, seen)
    else:  # pragma: no cover - a type the generator does not emit
        raise AssertionError(where)


def test_generated_data_is_coherent(gen, sample):
    mgr, manager_ids, _, out, _ = sample
    clients = {c["id"]: c for c in out["client"]}
    mobiles = [c["mobile"] for c in clients.values()]
    assert len(set(mobiles)) == len(mobiles)
    branch_of = {uid: m["branch"] for uid, m in zip(manager_ids, mgr)}
    ref = gen.REF_DATE.isoformat()
    days_of: dict[int, list] = {}
    for row in out["trade_day"]:
        days_of.setdefault(row["client"], []).append(row)
    for c in clients.values():
        assert c["branch"] == branch_of[c["account_manager"]]
        assert c["opened_at"] <= ref
        rows = sorted(days_of.get(c["id"], []), key=lambda r: r["trade_date"])
        if rows:  # the rollups' first and last trade
            first, last = rows[0], rows[-1]
            assert c["opened_at"] <= c["first_deposit_date"] <= first["trade_date"] <= last["trade_date"] <= ref
            assert first["product"] == c["first_product"] and first["lots"] == c["first_lots"]
            assert c["first_product"] in c["preferred_products"]
        idle = (gen.REF_DATE - dt.date.fromisoformat(rows[-1]["trade_date"])).days if rows else None
        if c["status"] == "active":
            assert idle <= 30 and len(rows) >= 1
        if c["status"] in ("dormant", "at_risk"):
            assert idle > 30
        if c["status"] in ("prospect", "closed"):
            assert c["equity"] == 0
        if c["source_channel"] == "ib":
            assert c["introducing_broker"] is not None
        else:
            assert c["introducing_broker"] is None
    for row in out["trade_day"]:
        assert clients[row["client"]]["status"] != "prospect"
    pairs = [(r["client"], r["trade_date"], r["product"]) for r in out["trade_day"]]
    assert len(pairs) == len(set(pairs))
    tickets = {t["id"]: t for t in out["ticket"]}
    for s in out["survey"]:
        if s["ticket"] is not None:
            t = tickets[s["ticket"]]
            assert t["client"] == s["client"] and t["status"] == "closed"
    for t in tickets.values():
        assert (t["resolved_at"] is not None) == (t["status"] in ("resolved", "closed"))
        if t["resolved_at"]:
            assert t["opened_at"] <= t["resolved_at"]
        assert (t["complaint_reason"] is not None) == (t["category"] == "complaint")
    related = sum(len(out[f]) for f in ("deposit", "pnl_event", "ticket", "survey", "follow_up"))
    assert 2.5 <= related / len(clients) <= 5.5
    active = sum(1 for c in clients.values() if c["status"] == "active")
    assert 8 <= len(out["trade_day"]) / active <= 40  # the trading days of 90 days, first and last


def test_distributions_are_plausible(gen):
    n = 4000
    mgr = gen.managers(n)
    clients = [r for form, rows in gen.generate(n, manager_ids=list(range(1, len(mgr) + 1)))
               if form == "client" for r in rows]
    status = Counter(c["status"] for c in clients)
    assert 0.2 <= (status["dormant"] + status["at_risk"]) / n <= 0.3
    assert 0.55 <= status["active"] / n <= 0.75
    risk = Counter(c["risk_level"] for c in clients)
    assert risk.most_common(1)[0][0] == "C3"
    funded = sorted(c["equity"] for c in clients if c["status"] == "active")
    median = funded[len(funded) // 2]
    assert 50_000 <= median <= 500_000
    total = sum(c["equity"] for c in clients)
    via_ib = sum(c["equity"] for c in clients if c["source_channel"] == "ib")
    assert 0.3 <= via_ib / total <= 0.7
    over_80 = sum(c["margin_ratio"] > 0.8 for c in clients) / n
    assert 0.005 <= over_80 <= 0.1
    prefixes = Counter(c["mobile"][:3] for c in clients)
    assert len(prefixes) > 20


# -- memory -------------------------------------------------------------------------------

def _peak(gen, n):
    ids = list(range(1, len(gen.managers(n)) + 1))
    gc.collect()
    tracemalloc.start()
    try:
        count = 0
        for _form, rows in gen.generate(n, manager_ids=ids, chunk=2000):
            count += len(rows)
        return tracemalloc.get_traced_memory()[1], count
    finally:
        tracemalloc.stop()


def test_generation_streams_in_constant_memory(gen):
    small, n_small = _peak(gen, 5_000)
    large, n_large = _peak(gen, 20_000)
    assert n_large > 3.5 * n_small
    assert large < 1.5 * small, (small, large)
    assert large < 100 * 2**20
