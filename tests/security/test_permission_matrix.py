"""The permission matrix: every seed role of the futures CRM against every read and write
path of the record service, on SQLite and PostgreSQL. Records and fields beyond a role's
scope are never returned, counted or accepted. The expected rows come from plain SQL
written here, not from the code under test."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.kernel.actor import Actor
from trellis.api.openapi import build as build_openapi
from trellis.kernel.errors import BadRequest, Forbidden, NotFound, ValidationFailed
from trellis.provision.seed import seed_app
from seeded_users import actor_of

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CS_HIDDEN = {"equity", "first_deposit_amount", "max_drawdown", "avg_margin_usage", "margin_ratio", "avg_open_interest"}
RISK_VISIBLE = {"client_code", "name", "risk_level", "investor_type", "experience_years", "equity", "margin_ratio",
                "avg_margin_usage", "max_drawdown", "status", "tier", "account_manager", "branch", "last_trade_date"}
FIN_VISIBLE = {"client_code", "name", "mobile", "branch", "account_manager", "status"}
SYSTEM = {"id", "version", "created_at", "updated_at", "created_by", "updated_by"}


@pytest.fixture
def crm(runtime):
    fab_models.User.metadata.create_all(runtime.engine)
    seed_app(runtime, str(SEEDS), "futures_crm", 400, progress=lambda *a: None, chunk=200)
    return runtime


def actor(rt, username: str) -> Actor:
    return actor_of(rt, username)


def sql_ids(rt, sql: str, **params) -> set[int]:
    with rt.engine.connect() as conn:
        return set(conn.execute(sa.text(sql), params).scalars())


def dept_ids(rt, code: str) -> set[int]:
    """The department and everything below it, walked here with plain SQL."""
    found = sql_ids(rt, "select id from trellis_department where code = :c", c=code)
    frontier = set(found)
    while frontier:
        kids = set()
        for d in frontier:
            kids |= sql_ids(rt, "select id from trellis_department where parent_id = :p", p=d)
        frontier = kids - found
        found |= kids
    return found


def all_rows(svc) -> list[dict]:
    out, cursor = [], None
    while True:
        page = svc.list(limit=1000, cursor=cursor, count="none")
        out += page["items"]
        cursor = page["next"]
        if not cursor:
            return out


def expected_clients(rt, role: str, who: Actor) -> set[int]:
    if role == "account_manager":
        return sql_ids(rt, "select id from futures_crm__client where deleted_at is null and account_manager = :u", u=who.id)
    if role == "branch_head":
        ids = dept_ids(rt, "sh")
        return {i for i in sql_ids(rt, "select id from futures_crm__client where deleted_at is null and branch in "
                                        f"({','.join(map(str, ids))})")}
    return sql_ids(rt, "select id from futures_crm__client where deleted_at is null")


USERS = {"account_manager": "am0001", "branch_head": "bh_sh", "customer_service": "cs01", "risk_control": "risk01",
         "finance": "fin01", "management": "exec01", "system_admin": "sysadmin"}
VISIBLE = {"customer_service": lambda f: f - CS_HIDDEN, "risk_control": lambda f: RISK_VISIBLE,
           "finance": lambda f: FIN_VISIBLE}


def test_reads_are_scoped_and_fields_hidden(crm):
    rt = crm
    fields = rt.form("futures_crm", "client").active_ids
    every = sql_ids(rt, "select id from futures_crm__client where deleted_at is null")
    for role, username in USERS.items():
        who = actor(rt, username)
        svc = rt.records("futures_crm", "client", who)
        want = expected_clients(rt, role, who)
        assert want and (want != every or role not in ("account_manager", "branch_head")), role
        rows = all_rows(svc)
        assert {r["id"] for r in rows} == want, role                             # list
        assert svc.list(count="exact", limit=1)["count"] == len(want), role       # count
        assert svc.list(limit=5)["count"] == len(want), role                      # default (estimated) count
        visible = VISIBLE.get(role, lambda f: f)(fields)
        for r in rows[:50]:
            assert set(r) - SYSTEM <= visible, (role, set(r) - SYSTEM - visible)  # fields
        outside = sorted(every - want)[:3]
        for rid in outside:                                                       # get
            with pytest.raises(NotFound):
                svc.get(rid)
        if want:
            svc.get(min(want))
        for hidden in sorted(fields - visible)[:3]:                               # filter / sort / fields
            with pytest.raises(BadRequest):
                svc.list(filter={">": [{"var": hidden}, 0]})
            with pytest.raises(BadRequest):
                svc.list(sort=f"-{hidden}")
            with pytest.raises(BadRequest):
                svc.list(fields=[hidden])
        page = svc.list(q="有限公司", limit=1000, count="exact")                  # search stays in scope
        assert {r["id"] for r in page["items"]} <= want and page["count"] <= len(want)


def test_related_forms_follow_the_client_scope(crm):
    rt = crm
    am = actor(rt, "am0001")
    deposits = rt.records("futures_crm", "deposit", am)
    mine = sql_ids(rt, "select d.id from futures_crm__deposit d join futures_crm__client c on c.id = d.client "
                       "where d.deleted_at is null and c.account_manager = :u", u=am.id)
    rows = all_rows(deposits)
    assert {r["id"] for r in rows} == mine
    page = deposits.list(expand=["client"], limit=20, count="none")               # expansion
    own = expected_clients(rt, "account_manager", am)
    assert all(r["client"]["id"] in own and r["client"]["title"] for r in page["items"])
    with pytest.raises(Forbidden):
        deposits.create({"client": min(own), "direction": "in", "amount": 1000})   # no create on deposits
    bh = actor(rt, "bh_sh")
    ids = dept_ids(rt, "sh")
    want = sql_ids(rt, "select t.id from futures_crm__ticket t join futures_crm__client c on c.id = t.client "
                       f"where t.deleted_at is null and c.branch in ({','.join(map(str, ids))})")
    assert {r["id"] for r in all_rows(rt.records("futures_crm", "ticket", bh))} == want
    with pytest.raises(Forbidden):
        rt.records("futures_crm", "trade_day", actor(rt, "cs01")).list()           # a form the role lacks
    fin = rt.records("futures_crm", "deposit", actor(rt, "fin01"))
    item = fin.list(expand=["client"], limit=1, count="none")["items"][0]
    assert set(item["client"]) == {"id", "title"}


def test_writes_are_scoped(crm):
    rt = crm
    am = actor(rt, "am0001")
    other = actor(rt, "am0002")
    clients = rt.records("futures_crm", "client", am)
    mine = sorted(expected_clients(rt, "account_manager", am))
    theirs = sorted(expected_clients(rt, "account_manager", other))
    rec = clients.get(mine[0])
    updated = clients.update(mine[0], {"remark": "电话回访完成"}, version=rec["version"])
    assert updated["remark"] == "电话回访完成"
    with pytest.raises(NotFound):                                                  # update beyond scope
        clients.update(theirs[0], {"remark": "x"})
    with pytest.raises(ValidationFailed) as e:                                     # read-only field
        clients.update(mine[0], {"account_manager": other.id})
    assert e.value.errors[0]["code"] == "readonly"
    with pytest.raises(Forbidden):                                                 # delete not granted
        clients.delete(mine[0])
    base = {"name": "新开户客户", "client_type": "individual", "risk_level": "C2", "investor_type": "ordinary",
            "opened_at": "2026-07-01", "status": "prospect"}
    with pytest.raises(ValidationFailed):                                          # cannot set the manager
        clients.create(dict(base, mobile="13900000001", account_manager=other.id))
    created = clients.create(dict(base, mobile="13900000002"))                     # defaults to its creator
    assert created["account_manager"] == am.id and clients.get(created["id"])
    with pytest.raises(NotFound):
        clients.bulk_update([{"id": mine[1], "remark": "a"}, {"id": theirs[1], "remark": "b"}])
    assert clients.get(mine[1]).get("remark") != "a"                               # nothing half-written
    follow = rt.records("futures_crm", "follow_up", am)
    with pytest.raises(ValidationFailed) as e:                                     # reference beyond scope
        follow.create({"client": theirs[0], "at": "2026-07-01T10:00:00", "method": "phone", "purpose": "routine",
                       "summary": "回访"})
    assert e.value.errors[0]["field"] == "client" and e.value.errors[0]["code"] == "not_found"
    cs = rt.records("futures_crm", "client", actor(rt, "cs01"))
    with pytest.raises(Forbidden):
        cs.update(mine[0], {"remark": "x"})
    risk = rt.records("futures_crm", "client", actor(rt, "risk01"))
    with pytest.raises(Forbidden):
        risk.update(mine[0], {"risk_level": "C5"})
    bh = rt.records("futures_crm", "client", actor(rt, "bh_sh"))
    sh = expected_clients(rt, "branch_head", actor(rt, "bh_sh"))
    outside = sorted(set(expected_clients(rt, "management", None)) - sh)
    with pytest.raises(NotFound):
        bh.update(outside[0], {"remark": "x"})
    bj = sql_ids(rt, "select id from trellis_department where code = 'bj'").pop()
    with pytest.raises(Forbidden):                                                 # row would fall outside
        bh.update(sorted(sh)[0], {"branch": bj})
    assert rt.records("futures_crm", "client").get(sorted(sh)[0])["branch"] != bj


def test_unique_errors_do_not_reveal_other_rows(crm):
    rt = crm
    am = actor(rt, "am0001")
    other = sorted(expected_clients(rt, "account_manager", actor(rt, "am0002")))[0]
    taken = rt.records("futures_crm", "client").get(other)["mobile"]
    mine = sorted(expected_clients(rt, "account_manager", am))[0]
    with pytest.raises(ValidationFailed) as e:
        rt.records("futures_crm", "client", am).update(mine, {"mobile": taken})
    message = e.value.errors[0]["message"]
    assert "记录" not in message["zh"] and "record" not in message["en"]
    assert e.value.errors[0]["code"] == "unique"


def test_openapi_shows_only_what_the_user_may_use(crm):
    rt = crm
    doc = build_openapi(rt, actor(rt, "cs01"))
    client = doc["components"]["schemas"]["futures_crm__client"]["properties"]
    assert "equity" not in client and "name" in client
    assert "/api/v1/apps/futures_crm/forms/trade_day/records" not in doc["paths"]
    assert "/api/v1/apps/futures_crm/forms/ticket/records" in doc["paths"]
    nobody = Actor(id=None, username="nobody", roles=())
    assert not [p for p in build_openapi(rt, nobody)["paths"] if p.startswith("/api/v1/apps/futures_crm/")]


def test_no_role_grants_nothing(crm):
    rt = crm
    stranger = Actor(id=99999, username="stranger", roles=("Public",))
    with pytest.raises(Forbidden):
        rt.records("futures_crm", "client", stranger).list()
    with pytest.raises(Forbidden):
        rt.records("futures_crm", "client", stranger).create({"name": "x"})
