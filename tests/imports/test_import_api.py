"""The import endpoints end to end through Flask: inspect (multipart and re-read), start
(202, run in a background thread, polled), the error workbook, list / get / cancel /
rollback, saved mappings, every 422 of a bad request, permissions and visibility."""
from __future__ import annotations

import io
import json
import secrets
import time

import openpyxl
import pytest

from api_client import ensure_user, sign_in
from import_helpers import write_xlsx
from samples import ensure_published

BASE = "/api/v1/apps/demo/forms/client/imports"
ROLE = {"schema_version": 1, "id": "importer", "label": {"zh": "导入员", "en": "Importer"},
        "forms": {"client": {"actions": ["read", "create"], "fields": {"note": "readonly"}}}}


@pytest.fixture(scope="module")
def demo(app, token):
    rt = app.extensions["trellis"]
    ensure_published(rt)
    users = {name: ensure_user(app, name, "import-pass-2026") for name in ("importer_a", "nobody_b")}
    client = app.test_client()
    h = {"Authorization": f"Bearer {token}"}
    assert client.put("/api/v1/apps/demo/roles/importer", json=ROLE, headers=h).status_code == 200
    assert client.post("/api/v1/apps/demo/roles/importer/publish", headers=h).status_code == 200
    assert client.put("/api/v1/apps/demo/roles/importer/members", json=[users["importer_a"]], headers=h).status_code == 200
    return users


def _as(app, username):
    return sign_in(app, username, "import-pass-2026")


def _book(tmp_path, rows, name="clients.xlsx") -> bytes:
    return write_xlsx(tmp_path / name, rows).read_bytes()


def _mobiles(n: int) -> list[str]:
    base = 13000000000 + secrets.randbelow(10 ** 8) * 10
    return [str(base + i) for i in range(n)]


def _inspect(api, data: bytes, name="clients.xlsx", **form):
    return api.post(f"{BASE}/inspect", data={"file": (io.BytesIO(data), name), **form},
                    content_type="multipart/form-data")


def _wait(api, batch_id, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        b = api.get(f"{BASE}/{batch_id}").get_json()
        if b["status"] not in ("queued", "running"):
            return b
        time.sleep(0.1)
    raise AssertionError(f"batch {batch_id} did not finish")


def test_inspect_start_poll_rollback(api, demo, tmp_path):
    m = _mobiles(3)
    rows = [["客户导入"], ["姓名", "手机号 *", "风险等级", "权益", "开户日期", "其他"],
            ["张三", m[0], "C1", "1,000", "2024年1月5日", "x"], ["李四", m[1], "C9", "2万", "2024/1/6", None],
            ["王五", m[2], "C2", "3%", "2024-01-07", None]]
    r = _inspect(api, _book(tmp_path, rows))
    assert r.status_code == 200, r.get_json()
    info = r.get_json()
    assert info["kind"] == "xlsx" and info["header_row"] == 1 and info["total"] == 3
    assert info["headers"] == rows[1] and info["preview"][0][:2] == ["张三", m[0]]
    assert info["sheets"][0]["name"] == "Sheet" or info["sheets"][0]["rows"] >= 5
    mapping = {c["column"]: c["field"] for c in info["mapping"]}
    assert mapping == {0: "name", 1: "mobile", 2: "risk_level", 3: "equity", 4: "opened_at", 5: None}
    assert {f["id"] for f in info["fields"]} >= {"name", "mobile", "broker", "manager"}
    again = api.post(f"{BASE}/inspect", json={"upload": info["upload"], "header_row": 1, "sheet": info["sheet"]})
    assert again.status_code == 200 and again.get_json()["headers"] == info["headers"]

    body = {"upload": info["upload"], "sheet": info["sheet"], "header_row": 1,
            "mapping": {str(k): v for k, v in mapping.items() if v}, "mode": "insert", "keys": [],
            "dry_run": True, "on_error": "all", "save_mapping": None}
    r = api.post(BASE, json=body)
    assert r.status_code == 202, r.get_json()
    dry = _wait(api, r.get_json()["id"])
    assert dry["status"] == "done" and dry["dry_run"] and dry["failed"] == 2 and dry["inserted"] == 1
    assert dry["errors_url"] and dry["can_rollback"] is False
    resp = api.get(dry["errors_url"])
    assert resp.status_code == 200 and "attachment" in resp.headers["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(resp.data)).worksheets[0]
    got = [[c.value for c in row] for row in sheet.iter_rows()]
    assert got[0][0] == "行号 / Row" and got[0][-1] == "错误 / Error"
    assert [g[0] for g in got[1:]] == [4, 5] and "风险等级" in got[1][-1] and "[D]" in got[2][-1]
    # the same problems on screen: one per cell, the row and column as in the file, no "row N" prefix
    problems = dry["problems"]
    assert [(p["row"], p["column"], p["header"], p["field"]) for p in problems] == [
        (4, "C", "风险等级", "risk_level"), (5, "D", "权益", "equity")]
    assert problems[0]["message"]["zh"].startswith("风险等级") and not problems[0]["message"]["en"].startswith("row")
    assert "problems" not in api.get(BASE).get_json()[0]

    rows[3][2], rows[4][3] = "C3", "3,000"
    info2 = _inspect(api, _book(tmp_path, rows, "fixed.xlsx")).get_json()
    r = api.post(BASE, json=dict(body, upload=info2["upload"], dry_run=False, save_mapping="API导入"))
    assert r.status_code == 202
    done = _wait(api, r.get_json()["id"])
    assert done["status"] == "done" and done["inserted"] == 3 and done["errors_url"] is None, done
    assert done["problems"] == []
    assert done["can_rollback"] and done["user"]["username"] == "admin" and done["finished_at"]
    assert done["rows_per_second"] and done["done"] == done["total"] == 3
    listed = api.get(BASE).get_json()
    assert [b["id"] for b in listed[:2]] == [done["id"], dry["id"]]
    saved = api.get(f"{BASE}/mappings").get_json()["items"]
    assert any(s["name"] == "API导入" and s["mapping"]["手机号 *"] == "mobile" for s in saved)

    r = api.post(f"{BASE}/{done['id']}/rollback")
    assert r.status_code == 200 and r.get_json()["status"] == "rolled_back", r.get_json()
    assert api.post(f"{BASE}/{done['id']}/rollback").status_code == 409
    assert api.post(f"{BASE}/{done['id']}/cancel").status_code == 409


def test_every_bad_request_is_named(api, demo, tmp_path):
    info = _inspect(api, _book(tmp_path, [["姓名", "手机号", "标签"], ["a", "13800000000", "vip"]])).get_json()
    base = {"upload": info["upload"], "sheet": info["sheet"], "header_row": 0, "mode": "insert", "dry_run": True}

    def post(**kw):
        return api.post(BASE, json={**base, **kw})

    raw = json.dumps({**base, "mapping": {"0": "name"}})[:-1] + ', "mapping": {"0": "name", "1": "mobile", "1": "note"}}'
    r = api.post(BASE, data=raw, content_type="application/json")
    assert r.status_code == 422
    errs = r.get_json()["errors"]
    assert errs[0]["code"] == "column_twice" and errs[0]["column"] == 1 and "第 B 列「手机号」" in errs[0]["message"]["zh"]
    cases = [
        (dict(mapping={"0": "name", "1": "name"}), "field_twice"),
        (dict(mapping={"0": "name", "1": "ghost"}), "unknown_field"),
        (dict(mapping={"1": "mobile"}), "required_unmapped"),
        (dict(mapping={"0": "name", "7": "mobile"}), "bad_column"),
        (dict(mapping={"0": "name", "1": "code"}), "not_importable"),
        (dict(mapping={"0": "name"}, mode="update"), "keys_missing"),
        (dict(mapping={"0": "name"}, mode="upsert", keys=["mobile"]), "key_unmapped"),
        (dict(mapping={"0": "name", "2": "tags"}, mode="upsert", keys=["tags"]), "bad_key"),
        (dict(mapping={"0": "name"}, mode="merge"), "bad_mode"),
        (dict(mapping={"0": "name"}, on_error="maybe"), "bad_on_error"),
        (dict(mapping={}), "nothing_mapped"),
    ]
    for extra, code in cases:
        r = post(**extra)
        assert r.status_code == 422, (extra, r.get_json())
        body = r.get_json()
        assert code in {e["code"] for e in body["errors"]}, (code, body)
        assert all(e["message"]["zh"] and e["message"]["en"] for e in body["errors"])
    assert post(upload="", mapping={"0": "name"}).status_code == 400
    assert post(upload="abcdef0123456789", mapping={"0": "name"}).status_code == 404
    assert api.post(BASE, data="not json", content_type="application/json").status_code == 400
    r = post(mapping={"0": "name"}, sheet="没有这个表")
    assert r.status_code == 400 and r.get_json()["message"]["zh"]
    r = api.post(f"{BASE}/inspect", data={"file": (io.BytesIO(b"MZ\x90\x00"), "x.xlsx")},
                 content_type="multipart/form-data")
    assert r.status_code == 415
    r = api.post(f"{BASE}/inspect", data={"file": (io.BytesIO(b"a,b\n1,2\n"), "x.pdf")},
                 content_type="multipart/form-data")
    assert r.status_code == 415
    assert api.get(f"{BASE}/999999").status_code == 404
    assert api.get("/api/v1/apps/demo/forms/nope/imports").status_code == 404


def test_saved_mappings(api, demo, tmp_path):
    r = api.post(f"{BASE}/mappings", json={"name": "老格式", "mapping": {"客户全称": "name", "联系电话": "mobile"}})
    assert r.status_code == 201, r.get_json()
    mid = r.get_json()["id"]
    r = api.post(f"{BASE}/mappings", json={"name": "坏的", "mapping": {"x": "code"}})
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "code"
    info = _inspect(api, _book(tmp_path, [["客户全称", "联系电话"], ["a", "13800000000"]])).get_json()
    assert [(c["field"], c["by"]) for c in info["mapping"]] == [("name", "saved"), ("mobile", "saved")]
    assert any(s["id"] == mid for s in info["saved_mappings"])
    assert api.delete(f"{BASE}/mappings/{mid}").status_code == 204
    assert api.delete(f"{BASE}/mappings/{mid}").status_code == 404


def test_permissions_and_visibility(app, api, demo, tmp_path):
    importer, nobody = _as(app, "importer_a"), _as(app, "nobody_b")
    data = _book(tmp_path, [["姓名", "手机号", "备注"], ["甲", _mobiles(1)[0], "n"]])
    assert _inspect(nobody, data).status_code == 403
    r = _inspect(importer, data)
    assert r.status_code == 200
    info = r.get_json()
    assert "note" not in {f["id"] for f in info["fields"]}
    body = {"upload": info["upload"], "sheet": info["sheet"], "header_row": 0, "mapping": {"0": "name", "1": "mobile"},
            "mode": "insert", "dry_run": False, "on_error": "all"}
    assert importer.post(BASE, json=dict(body, mode="upsert", keys=["mobile"])).status_code == 403  # no update
    r = importer.post(BASE, json=dict(body, mapping={"0": "name", "1": "mobile", "2": "note"}))
    assert r.status_code == 422 and r.get_json()["errors"][0]["code"] == "readonly"
    r = importer.post(BASE, json=body)
    assert r.status_code == 202, r.get_json()
    mine = _wait(importer, r.get_json()["id"])
    assert mine["status"] == "done" and mine["inserted"] == 1
    admin_batches = [b["id"] for b in api.get(BASE).get_json()]
    assert mine["id"] in admin_batches
    seen = [b["id"] for b in importer.get(BASE).get_json()]
    assert seen == [mine["id"]]
    other = next(b for b in admin_batches if b != mine["id"])
    assert importer.get(f"{BASE}/{other}").status_code == 404
    assert importer.post(f"{BASE}/{other}/rollback").status_code == 404
    assert api.get(f"{BASE}/{mine['id']}").status_code == 200


def test_cancel_a_queued_batch(app, api, demo, tmp_path):
    from trellis.imports import batches
    from trellis.imports.job import ImportJob

    rt = app.extensions["trellis"]
    info = _inspect(api, _book(tmp_path, [["姓名"], ["甲"]])).get_json()
    with app.app_context(), rt.engine.begin() as conn:
        from trellis.kernel.actor import Actor
        admin = Actor(id=1, username="admin", is_admin=True)
        batch_id = batches.create(conn, app="demo", form="client", actor=admin, filename="x.xlsx",
                                  upload=info["upload"], sheet=None, header_row=None, mode="insert", keys=[],
                                  mapping={0: "name"}, options={}, dry_run=False, on_error="all", total=1)
    r = api.post(f"{BASE}/{batch_id}/cancel")
    assert r.status_code == 200 and r.get_json()["status"] == "queued" and r.get_json()["can_cancel"]
    assert ImportJob(rt, batch_id).run()["status"] == "cancelled"
    assert api.get(f"{BASE}/{batch_id}").get_json()["status"] == "cancelled"
