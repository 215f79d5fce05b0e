"""Departments and the user context: the tree, moves that would make a cycle, deletes
refused while a department is in use, memberships with one primary department, on SQLite
and PostgreSQL; then the organization API (admins write, users read their own context)."""
from __future__ import annotations

import secrets

import pytest
import sqlalchemy as sa

from api_client import ensure_user, sign_in
from trellis.kernel.errors import BadRequest, Conflict, NotFound
from trellis.security import org


@pytest.fixture
def conn(runtime):
    """A write connection on a database that also has a minimal FAB user table."""
    users = sa.Table("ab_user", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("username", sa.String(64)))
    with runtime.transaction() as c:
        users.create(c)
        c.execute(users.insert(), [{"id": i, "username": n} for i, n in
                                   [(1, "zhang"), (2, "li"), (3, "wang"), (4, "zhao"), (5, "qian")]])
        yield c


def _org(conn):
    """HQ > {Sales > {East, South}, IT}; returns {code: id}."""
    ids = {}
    ids["hq"] = org.create(conn, code="hq", name="总部", name_en="HQ")["id"]
    ids["sales"] = org.create(conn, code="sales", name="销售部", parent_id=ids["hq"], sort=1)["id"]
    ids["it"] = org.create(conn, code="it", name="信息技术部", parent_id=ids["hq"], sort=2)["id"]
    ids["south"] = org.create(conn, code="south", name="华南组", parent_id=ids["sales"], sort=2)["id"]
    ids["east"] = org.create(conn, code="east", name="华东组", parent_id=ids["sales"], sort=1)["id"]
    return ids


def _shape(nodes):
    return [(n["code"], _shape(n["children"])) for n in nodes]


def test_tree_nests_and_orders(conn):
    _org(conn)
    assert _shape(org.tree(conn)) == [("hq", [("sales", [("east", []), ("south", [])]), ("it", [])])]
    node = org.tree(conn)[0]
    assert node["name"] == "总部" and node["name_en"] == "HQ" and node["parent_id"] is None


def test_create_validates(conn):
    ids = _org(conn)
    with pytest.raises(Conflict) as e:
        org.create(conn, code="hq", name="另一个")
    assert "hq" in e.value.message["zh"] and "hq" in e.value.message["en"]
    with pytest.raises(BadRequest):
        org.create(conn, code="x", name="  ")
    with pytest.raises(NotFound):
        org.create(conn, code="x", name="X", parent_id=ids["hq"] + 999)
    with pytest.raises(BadRequest) as e:
        org.create(conn, code="x", name="X", manager_id=99)
    assert e.value.details == {"user_id": 99}


def test_move_rename_and_cycles(conn):
    ids = _org(conn)
    org.move(conn, ids["east"], ids["it"])
    assert _shape(org.tree(conn)) == [("hq", [("sales", [("south", [])]), ("it", [("east", [])])])]
    for target in ("east", "it", "hq"):  # under itself, or under one of its own descendants
        with pytest.raises(Conflict) as e:
            org.move(conn, ids["hq"], ids[target])
        assert e.value.code == "cycle" and "总部" in e.value.message["zh"] and "HQ" not in e.value.message["zh"]
    org.move(conn, ids["sales"], None)
    assert [n["code"] for n in org.tree(conn)] == ["hq", "sales"]
    renamed = org.update(conn, ids["sales"], {"name": "营销中心", "name_en": "Marketing", "code": "mkt"})
    assert (renamed["name"], renamed["name_en"], renamed["code"]) == ("营销中心", "Marketing", "mkt")
    with pytest.raises(Conflict):
        org.update(conn, ids["sales"], {"code": "it"})
    with pytest.raises(BadRequest):
        org.update(conn, ids["sales"], {"colour": "red"})
    assert org.rename(conn, ids["it"], "科技部")["name"] == "科技部"


def test_delete_refused_while_in_use(conn):
    ids = _org(conn)
    with pytest.raises(Conflict) as e:
        org.delete(conn, ids["sales"])
    msg = e.value.message
    assert "华东组" in msg["zh"] and "华南组" in msg["zh"] and "华东组" in msg["en"]
    assert e.value.code == "in_use"
    org.set_members(conn, ids["east"], [{"user_id": 2, "is_primary": True}, {"user_id": 3}])
    with pytest.raises(Conflict) as e:
        org.delete(conn, ids["east"])
    assert "li、wang" in e.value.message["zh"] and "members: li, wang" in e.value.message["en"]
    org.set_members(conn, ids["east"], [])
    org.delete(conn, ids["east"])
    org.delete(conn, ids["south"])
    org.delete(conn, ids["sales"])
    assert _shape(org.tree(conn)) == [("hq", [("it", [])])]
    with pytest.raises(NotFound):
        org.delete(conn, ids["sales"])


def test_user_departments_have_exactly_one_primary(conn):
    ids = _org(conn)
    with pytest.raises(BadRequest) as e:
        org.set_user_departments(conn, 1, [ids["east"], ids["it"]])
    assert e.value.code == "primary"
    with pytest.raises(BadRequest):
        org.set_user_departments(conn, 1, [ids["east"], ids["it"]], primary=ids["hq"])
    with pytest.raises(NotFound):
        org.set_user_departments(conn, 1, [ids["east"] + 999])
    got = org.set_user_departments(conn, 1, [ids["east"], ids["it"]], primary=ids["it"])
    assert [(d["code"], d["is_primary"]) for d in got] == [("it", True), ("east", False)]
    assert [d["code"] for d in org.set_user_departments(conn, 1, [ids["south"]]) if d["is_primary"]] == ["south"]
    assert org.set_user_departments(conn, 1, []) == []


def test_members_keep_one_primary_each(conn):
    ids = _org(conn)
    org.set_user_departments(conn, 2, [ids["it"]])
    # 2 joins east, not as primary: IT stays primary; 3 has nothing else: east becomes primary
    members = org.set_members(conn, ids["east"], [{"user_id": 2, "is_primary": False}, {"user_id": 3}])
    assert [(m["username"], m["is_primary"]) for m in members] == [("li", False), ("wang", True)]
    # 2 joins east as primary: IT is no longer primary
    org.set_members(conn, ids["east"], [{"user_id": 2, "is_primary": True}, {"user_id": 3}])
    assert {d["code"]: d["is_primary"] for d in org.user_departments(conn, 2)} == {"it": False, "east": True}
    # 2 leaves east: IT becomes primary again
    org.set_members(conn, ids["east"], [{"user_id": 3}])
    assert {d["code"]: d["is_primary"] for d in org.user_departments(conn, 2)} == {"it": True}
    for bad in ([{"user_id": 3}, {"user_id": 3}], [{"user": 3}], [{"user_id": "3"}], {"user_id": 3},
                [{"user_id": 3, "is_primary": "yes"}], [{"user_id": 42}]):
        with pytest.raises(BadRequest):
            org.set_members(conn, ids["east"], bad)


def test_user_context(conn):
    ids = _org(conn)
    org.set_user_departments(conn, 1, [ids["sales"], ids["it"]], primary=ids["sales"])
    org.set_user_departments(conn, 2, [ids["east"]])
    org.set_user_departments(conn, 3, [ids["south"], ids["it"]], primary=ids["south"])
    org.set_user_departments(conn, 4, [ids["hq"]])
    org.set_manager(conn, ids["sales"], 1)
    ctx = org.user_context(conn, 1)
    assert ctx == {"id": 1, "username": "zhang", "department": ids["sales"], "department_code": "sales",
                   "departments": sorted([ids["sales"], ids["it"]]),
                   "department_tree": sorted([ids["sales"], ids["it"], ids["east"], ids["south"]]),
                   "subordinates": [2, 3]}
    org.set_manager(conn, ids["hq"], 4)
    assert org.user_context(conn, 4)["subordinates"] == [1, 2, 3]
    assert org.user_context(conn, 4, username="given")["username"] == "given"
    assert org.user_context(conn, 5) == {"id": 5, "username": "qian", "department": None, "department_code": None,
                                         "departments": [], "department_tree": [], "subordinates": []}
    org.set_manager(conn, ids["hq"], None)
    assert org.user_context(conn, 4)["subordinates"] == []
    with pytest.raises(BadRequest):
        org.set_manager(conn, ids["hq"], 77)


def test_user_context_without_fab_tables(runtime):
    with runtime.transaction() as conn:
        dept = org.create(conn, code="solo", name="独立部门")
        org.set_user_departments(conn, 9, [dept["id"]])  # no ab_user table: ids are not checked
        ctx = org.user_context(conn, 9)
    assert ctx["username"] is None and ctx["department_code"] == "solo"


# -- the API --------------------------------------------------------------------------------

def _user(app, username: str, password: str = "Sesame-2024-x") -> int:
    return ensure_user(app, username, password)


def _client_as(app, username: str, password: str = "Sesame-2024-x"):
    return sign_in(app, username, password)


def test_org_api(app, api):
    tag = secrets.token_hex(3)
    uid = _user(app, f"clerk_{tag}")
    boss = _user(app, f"boss_{tag}")
    clerk = _client_as(app, f"clerk_{tag}")

    refused = clerk.post("/api/v1/departments", json={"code": f"x{tag}", "name": "X"})
    assert refused.status_code == 403 and refused.get_json()["message"]["en"]

    r = api.post("/api/v1/departments", json={"code": f"hq{tag}", "name": "总部"})
    assert r.status_code == 201, r.get_json()
    hq = r.get_json()["id"]
    r = api.post("/api/v1/departments", json={"code": f"br{tag}", "name": "营业部", "parent_id": hq,
                                               "manager_id": boss})
    br = r.get_json()["id"]
    assert api.post("/api/v1/departments", json={"name": "缺编码"}).status_code == 400
    assert api.post("/api/v1/departments", json={"code": f"q{tag}", "name": "Q", "x": 1}).status_code == 400
    assert api.post("/api/v1/departments", json={"code": f"hq{tag}", "name": "重复"}).status_code == 409

    tree = clerk.get("/api/v1/departments").get_json()["items"]
    node = next(n for n in tree if n["id"] == hq)
    assert [c["id"] for c in node["children"]] == [br]

    cycle = api.patch(f"/api/v1/departments/{hq}", json={"parent_id": br})
    assert cycle.status_code == 409 and cycle.get_json()["code"] == "cycle"
    assert clerk.patch(f"/api/v1/departments/{br}", json={"name": "改名"}).status_code == 403
    assert api.patch(f"/api/v1/departments/{br}", json={"name": "一营业部"}).get_json()["name"] == "一营业部"

    assert clerk.put(f"/api/v1/departments/{br}/members", json=[{"user_id": uid}]).status_code == 403
    r = api.put(f"/api/v1/departments/{br}/members", json=[{"user_id": uid, "is_primary": True}])
    assert r.status_code == 200 and r.get_json()["items"] == [
        {"user_id": uid, "username": f"clerk_{tag}", "is_primary": True, "name": "姓名"}]
    assert api.put(f"/api/v1/departments/{br}/members", json=[{"user_id": 10 ** 6}]).status_code == 400
    assert clerk.get(f"/api/v1/departments/{br}/members").status_code == 200

    busy = api.delete(f"/api/v1/departments/{br}")
    assert busy.status_code == 409 and f"clerk_{tag}" in busy.get_json()["message"]["zh"]
    assert api.delete(f"/api/v1/departments/{hq}").status_code == 409

    ctx = clerk.get(f"/api/v1/users/{uid}/context")
    assert ctx.status_code == 200
    assert ctx.get_json() == {"id": uid, "username": f"clerk_{tag}", "department": br, "department_code": f"br{tag}",
                              "departments": [br], "department_tree": [br], "subordinates": []}
    assert clerk.get(f"/api/v1/users/{boss}/context").status_code == 403
    assert api.get(f"/api/v1/users/{boss}/context").get_json()["subordinates"] == [uid]

    r = api.put(f"/api/v1/users/{uid}/departments", json={"departments": [hq, br], "primary": hq})
    assert [(d["id"], d["is_primary"]) for d in r.get_json()["items"]] == [(hq, True), (br, False)]
    assert api.put(f"/api/v1/users/{uid}/departments", json={"departments": [hq, br]}).status_code == 400
    assert clerk.get(f"/api/v1/users/{uid}/departments").status_code == 200
    assert api.put(f"/api/v1/users/{uid}/departments", json={"departments": []}).status_code == 200
    assert api.delete(f"/api/v1/departments/{br}").status_code == 204
    assert api.delete(f"/api/v1/departments/{hq}").status_code == 204
    assert api.get(f"/api/v1/departments/{hq}").status_code == 404
    assert app.test_client().get("/api/v1/departments").status_code == 401
