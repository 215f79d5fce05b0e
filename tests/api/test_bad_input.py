"""Bad input never gives a 500: each case below once did (or was silently accepted) and
must now be a 4xx whose bilingual message names the parameter or field at fault."""
from __future__ import annotations

import base64
import io
import json
import logging

import pytest

from api_client import ensure_user, sign_in
from samples import ensure_published

BASE = "/api/v1/apps/demo/forms/client/records"
EXPORT = "/api/v1/apps/demo/forms/client/export"
BIG = 9223372036854775808  # 2**63: one past what a BIGINT holds


def cursor(names, values) -> str:
    raw = json.dumps([names, values]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def nested(op: str, depth: int) -> str:
    """{op: [{op: [... leaf ...], leaf]}, leaf]} as text (json.dumps would recurse)."""
    leaf = '{"==": [{"var": "name"}, "b"]}'
    return ('{"%s": [' % op) * depth + leaf + (", " + leaf + "]}") * depth


def nots(depth: int) -> str:
    return '{"!": [' * depth + '{"==": [{"var": "name"}, "a"]}' + "]}" * depth


DEEP_BODY = "[" * 100_000 + "]" * 100_000

# (id, method, path, request keywords, status, the name the message must mention)
CASES = [
    # bulk items that are not what they must be
    ("bulk-update-empty", "post", BASE + "/bulk", {"json": {"update": [{}]}}, 400, "update[0].id"),
    ("bulk-update-number", "post", BASE + "/bulk", {"json": {"update": [0]}}, 400, "update[0]"),
    ("bulk-update-not-list", "post", BASE + "/bulk", {"json": {"update": "x"}}, 400, "update"),
    ("bulk-update-bad-version", "post", BASE + "/bulk", {"json": {"update": [{"id": "{rid}", "version": "x"}]}},
     400, "update[0].version"),
    ("bulk-update-bool-id", "post", BASE + "/bulk", {"json": {"update": [{"id": True}]}}, 400, "update[0].id"),
    ("bulk-update-huge-id", "post", BASE + "/bulk", {"json": {"update": [{"id": 2**70}]}}, 400, "update[0].id"),
    ("bulk-delete-null", "post", BASE + "/bulk", {"json": {"delete": [None]}}, 400, "delete[0]"),
    ("bulk-delete-text", "post", BASE + "/bulk", {"json": {"delete": ["abc"]}}, 400, "delete[0]"),
    ("bulk-delete-list", "post", BASE + "/bulk", {"json": {"delete": [[1]]}}, 400, "delete[0]"),
    ("bulk-delete-fraction", "post", BASE + "/bulk", {"json": {"delete": [1.5]}}, 400, "delete[0]"),
    ("bulk-delete-huge", "post", BASE + "/bulk", {"json": {"delete": [2**70]}}, 400, "delete[0]"),
    ("bulk-delete-not-list", "post", BASE + "/bulk", {"json": {"delete": 5}}, 400, "delete"),
    # integers beyond 64 bits
    ("get-huge-id", "get", f"{BASE}/{BIG}", {}, 404, str(BIG)),
    ("get-5000-digit-id", "get", f"{BASE}/{'9' * 5000}", {}, 404, "out of range"),
    ("patch-huge-id", "patch", f"{BASE}/{BIG}", {"json": {"name": "x"}}, 404, str(BIG)),
    ("delete-huge-id", "delete", f"{BASE}/{BIG}", {}, 404, str(BIG)),
    ("restore-huge-id", "post", f"{BASE}/{BIG}/restore", {}, 404, str(BIG)),
    ("history-huge-id", "get", f"{BASE}/{BIG}/history", {}, 404, str(BIG)),
    ("department-2**40", "get", f"/api/v1/departments/{2**40}", {}, 404, str(2**40)),
    ("user-context-2**40", "get", f"/api/v1/users/{2**40}/context", {}, 404, str(2**40)),
    ("token-2**40", "delete", f"/api/v1/tokens/{2**40}", {}, 404, str(2**40)),
    ("import-batch-2**40", "get", f"/api/v1/apps/demo/forms/client/imports/{2**40}", {}, 404, str(2**40)),
    ("form-version-2**40", "get", f"/api/v1/apps/demo/forms/client/versions/{2**40}", {}, 404, str(2**40)),
    ("audit-user-2**40", "get", "/api/v1/audit", {"query_string": {"user_id": str(2**40)}}, 400, "user_id"),
    ("access-user-2**40", "get", BASE + "/{rid}/access", {"query_string": {"user": str(2**40)}}, 400, "user"),
    ("page-20-digits", "get", BASE, {"query_string": {"page": "9" * 20}}, 400, "page"),
    ("relation-2**70", "post", BASE, {"json": {"name": "x", "broker": 2**70}}, 422, "broker"),
    ("relation-text-huge", "post", BASE, {"json": {"name": "x", "broker": "9" * 23}}, 422, "broker"),
    ("user-2**70", "post", BASE, {"json": {"name": "x", "manager": 2**70}}, 422, "manager"),
    ("user-2**40", "post", BASE, {"json": {"name": "x", "manager": 2**40}}, 422, "manager"),
    ("cursor-huge", "get", BASE, {"query_string": {"cursor": cursor(["id"], [["v", 2**70]])}}, 400, "cursor"),
    ("cursor-huge-money", "get", BASE, {"query_string": {"sort": "equity",
                                                         "cursor": cursor(["equity", "id"], [["v", 2**70], ["v", 1]])}},
     400, "cursor"),
    # deep or large filters and searches, on the list and the export
    ("filter-not-50", "get", BASE, {"query_string": {"filter": nots(50)}}, 400, "filter"),
    ("filter-and-500", "get", BASE, {"query_string": {"filter": nested("and", 500)}}, 400, "filter"),
    ("filter-or-500", "get", BASE, {"query_string": {"filter": nested("or", 500)}}, 400, "filter"),
    ("filter-wide", "get", BASE, {"query_string": {"filter": json.dumps({"or": [{"var": "active"}] * 2000})}},
     400, "filter"),
    ("q-50000", "get", BASE, {"query_string": {"q": "x" * 50_000}}, 400, "q"),
    ("export-filter-not-50", "get", EXPORT, {"query_string": {"filter": nots(50)}}, 400, "filter"),
    ("export-filter-and-500", "get", EXPORT, {"query_string": {"filter": nested("and", 500)}}, 400, "filter"),
    ("export-q-50000", "get", EXPORT, {"query_string": {"q": "x" * 50_000}}, 400, "q"),
    ("export-filter-number", "get", EXPORT, {"query_string": {"filter": "123"}}, 400, "filter"),
    ("view-filter-too-large", "put", "/api/v1/apps/demo/views/huge", {"json": {
        "schema_version": 1, "id": "huge", "form": "client", "label": {"zh": "大", "en": "Huge"}, "type": "grid",
        "shared": True, "filter": {"or": [{"var": "active"}] * 2000}}}, 422, "/filter"),
    # JSON bodies nested 100,000 deep
    ("post-deep-body", "post", BASE, {"data": DEEP_BODY, "content_type": "application/json"}, 400, "request body"),
    ("patch-deep-body", "patch", BASE + "/{rid}", {"data": DEEP_BODY, "content_type": "application/json"},
     400, "request body"),
    ("bulk-deep-body", "post", BASE + "/bulk", {"data": DEEP_BODY, "content_type": "application/json"},
     400, "request body"),
    ("view-deep-body", "put", "/api/v1/apps/demo/views/deep", {"data": DEEP_BODY, "content_type": "application/json"},
     400, "request body"),
    ("definition-deep-body", "put", "/api/v1/apps/demo/forms/client/definition",
     {"data": DEEP_BODY, "content_type": "application/json"}, 400, "request body"),
    ("post-infinity", "post", BASE, {"data": '{"name": Infinity}', "content_type": "application/json"},
     400, "Infinity"),
    ("bulk-nan", "post", BASE + "/bulk", {"data": '{"create": [{"name": "x", "note": NaN}]}',
                                          "content_type": "application/json"}, 400, "NaN"),
    ("filter-nan", "get", BASE, {"query_string": {"filter": '{">": [{"var": "margin"}, NaN]}'}}, 400, "filter"),
    # versions and cursors that are not whole numbers
    ("delete-version-5000-digits", "delete", BASE + "/{rid}", {"query_string": {"version": "9" * 5000}}, 400, "version"),
    ("bulk-delete-5000-digits", "post", BASE + "/bulk", {"json": {"delete": ["9" * 5000]}}, 400, "delete[0]"),
    ("delete-version-text", "delete", BASE + "/{rid}", {"query_string": {"version": "abc"}}, 400, "version"),
    ("delete-if-match-text", "delete", BASE + "/{rid}", {"headers": {"If-Match": '"abc"'}}, 400, "If-Match"),
    ("patch-version-list", "patch", BASE + "/{rid}", {"json": {"version": [1]}}, 400, "version"),
    ("patch-version-fraction", "patch", BASE + "/{rid}", {"json": {"version": 1.5}}, 400, "version"),
    ("patch-version-bool", "patch", BASE + "/{rid}", {"json": {"version": True}}, 400, "version"),
    ("cursor-null-id", "get", BASE, {"query_string": {"cursor": cursor(["id"], [["v", None]])}}, 400, "cursor"),
    ("cursor-no-values", "get", BASE, {"query_string": {"cursor": cursor(["id"], [])}}, 400, "cursor"),
    ("cursor-list-value", "get", BASE, {"query_string": {"cursor": cursor(["id"], [["v", [1]]])}}, 400, "cursor"),
    ("cursor-text-for-date", "get", BASE, {"query_string": {"sort": "opened_at", "cursor": cursor(
        ["opened_at", "id"], [["v", "abc"], ["v", 1]])}}, 400, "cursor"),
    # silently accepted before
    ("filter-null", "get", BASE, {"query_string": {"filter": "null"}}, 400, "filter"),
    ("filter-text", "get", BASE, {"query_string": {"filter": '"x"'}}, 400, "filter"),
    ("filter-number", "get", BASE, {"query_string": {"filter": "123"}}, 400, "filter"),
    ("filter-list", "get", BASE, {"query_string": {"filter": "[]"}}, 400, "filter"),
    ("long-text-1mb", "post", BASE, {"json": {"name": "x", "note": "长" * 400_000}}, 422, "note"),
    ("money-1e308", "post", BASE, {"json": {"name": "x", "equity": 1e308}}, 422, "equity"),
    ("percent-1e308", "post", BASE, {"json": {"name": "x", "margin": 1e308}}, 422, "margin"),
    ("percent-text-1e30", "post", BASE, {"json": {"name": "x", "margin": "1e30"}}, 422, "margin"),
    # files: ids that are not the store's name no file
    ("file-long-id", "get", "/api/v1/files/" + "a" * 5000, {}, 404, "file"),
    ("file-unknown-id", "get", "/api/v1/files/" + "0" * 32, {}, 404, "file"),
    # werkzeug's own errors in the API's shape
    ("method-not-allowed", "put", BASE, {}, 405, "method"),
    ("no-such-endpoint", "get", "/api/v1/no-such-thing", {}, 404, "endpoint"),
    ("view-form-object", "put", "/api/v1/apps/demo/views/v_bad", {"json": {"form": {"x": 1}}}, 400, "form"),
    # Flask-AppBuilder's JSON login reads a provider it never checked was sent
    ("login-without-provider", "post", "/api/v1/security/login", {"json": {"username": "x", "password": "y"}},
     400, "provider"),
    ("login-unknown-provider", "post", "/api/v1/security/login",
     {"json": {"username": "x", "password": "y", "provider": "oauth"}}, 400, "provider"),
]


@pytest.fixture(scope="module")
def rid(app, token):
    ensure_published(app.extensions["trellis"])
    r = app.test_client().post(BASE, json={"name": "坏输入"}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.get_json()
    return r.get_json()["id"]


def _fill(value, rid):
    if isinstance(value, str):
        return value.replace("{rid}", str(rid))
    if isinstance(value, dict):
        return {k: _fill(v, rid) if not (k == "id" and v == "{rid}") else rid for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, rid) for v in value]
    return value


def _message_names(body: dict, name: str) -> bool:
    texts = [body["message"]["zh"], body["message"]["en"], json.dumps(body.get("details") or {})]
    texts += [e.get("field") or e.get("pointer") or "" for e in body.get("errors") or []]
    return any(name in t for t in texts)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_4xx_naming_the_culprit(api, rid, case):
    _id, method, path, kw, status, name = case
    kw = {k: (_fill(v, rid) if k in ("json", "data") else v) for k, v in kw.items()}
    r = getattr(api, method)(_fill(path, rid), **kw)
    body = r.get_json()
    assert r.status_code == status, (r.status_code, body)
    assert body["message"]["zh"] and body["message"]["en"], body
    assert _message_names(body, name), body


def test_a_role_scope_past_the_rule_limits_is_not_published(api, rid):
    role = {"schema_version": 1, "id": "huge_scope", "label": {"zh": "大范围", "en": "Huge scope"},
            "forms": {"client": {"actions": ["read"], "scope": {"or": [{"var": "active"}] * 2000}}}}
    assert api.put("/api/v1/apps/demo/roles/huge_scope", json=role).status_code == 200  # a draft
    r = api.post("/api/v1/apps/demo/roles/huge_scope/publish")
    body = r.get_json()
    assert r.status_code == 422 and body["errors"][0]["pointer"] == "/forms/client/scope", body
    assert "1000" in body["errors"][0]["message"]["zh"] and body["errors"][0]["code"] == "rule_too_large"


def test_record_untouched_by_refused_writes(api, rid):
    before = api.get(f"{BASE}/{rid}").get_json()
    assert api.patch(f"{BASE}/{rid}", json={"name": "改", "version": 1.5}).status_code == 400
    assert api.post(f"{BASE}/bulk", json={"update": [{"id": rid, "name": "改"}], "delete": ["abc"]}).status_code == 400
    assert api.get(f"{BASE}/{rid}").get_json() == before


def test_limits_still_let_ordinary_input_through(api, rid):
    flt = {"and": [{"or": [{"==": [{"var": "risk_level"}, "C1"]}, {"!": {"in": [{"var": "name"}, ["a", "b"]]}}]},
                   {">=": [{"var": "equity"}, 0]}]}
    assert api.get(BASE, query_string={"filter": json.dumps(flt), "q": "坏" * 200, "page": 1000000}).status_code == 200
    assert api.get(BASE, query_string={"filter": "{}"}).status_code == 200
    assert api.delete(f"{BASE}/{rid}", headers={"If-Match": 'W/"999"'}).status_code == 409  # a stale version
    assert api.post(BASE, json={"name": "长备注", "note": "长" * 300_000, "margin": 0.5}).status_code == 201
    page = api.get(BASE, query_string={"limit": 1, "sort": "-opened_at"}).get_json()
    if page["next"]:
        assert api.get(BASE, query_string={"limit": 1, "sort": "-opened_at", "cursor": page["next"]}).status_code == 200


def test_text_limit_is_configurable(api, monkeypatch):
    monkeypatch.setenv("TRELLIS_TEXT_MAX_BYTES", "100")
    r = api.post(BASE, json={"name": "x", "note": "备" * 34})  # 102 bytes
    assert r.status_code == 422 and r.get_json()["errors"][0]["field"] == "note"
    assert "100" in r.get_json()["errors"][0]["message"]["zh"]
    assert api.post(BASE, json={"name": "x", "note": "备" * 33}).status_code == 201


def test_too_large_and_unsupported_bodies_are_json(app, api, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 1000)
    r = api.post(BASE, data=json.dumps({"name": "x" * 2000}), content_type="application/json")
    assert r.status_code == 413 and r.get_json()["message"]["en"] == "request too large"
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024 * 1024)
    r = api.post("/api/v1/files", data={"file": (io.BytesIO(b"x"), "a.txt")}, content_type="text/plain")
    assert 400 <= r.status_code < 500 and r.get_json()["message"]["zh"]


def test_an_unexpected_error_is_logged_and_answered_as_json(api, rid, monkeypatch, caplog):
    from trellis.records.service import RecordService

    def broken(self, *a, **kw):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(RecordService, "get", broken)
    with caplog.at_level(logging.ERROR, logger="trellis.api"):
        r = api.get(f"{BASE}/{rid}")
    assert r.status_code == 500 and r.get_json()["code"] == "internal" and r.get_json()["message"]["zh"]
    assert any("disk on fire" in (rec.exc_text or "") or rec.exc_info for rec in caplog.records)


def test_files_are_downloaded_by_record_readers_or_their_uploader(app, api, rid):
    """A user with no role on the form cannot fetch a file attached to one of its records,
    nor someone else's file not attached yet: 404, as for an id that does not exist."""
    def upload(who):
        r = who.post("/api/v1/files?app=demo&form=doc&field=files", data={"file": (io.BytesIO(b"hello"), "a.txt")},
                     content_type="multipart/form-data")
        assert r.status_code == 201, r.get_json()
        return r.get_json()

    rt = app.extensions["trellis"]
    form = {"schema_version": 1, "id": "doc", "label": {"zh": "文档", "en": "Doc"},
            "fields": [{"id": "title", "type": "text", "label": {"zh": "标题", "en": "Title"}},
                       {"id": "files", "type": "attachment", "label": {"zh": "附件", "en": "Files"}}]}
    if rt.store.published("demo", "form", "doc") is None:
        rt.store.save_draft("demo", "form", "doc", form)
        rt.publish("demo", "form", "doc")
    ensure_user(app, "file_stranger", "stranger-pass-2026")
    stranger = sign_in(app, "file_stranger", "stranger-pass-2026")
    attached = upload(api)
    r = api.post("/api/v1/apps/demo/forms/doc/records", json={"title": "合同", "files": [attached]})
    assert r.status_code == 201, r.get_json()

    assert api.get(f"/api/v1/files/{attached['id']}").status_code == 200
    r = stranger.get(f"/api/v1/files/{attached['id']}")
    assert r.status_code == 404 and r.get_json()["message"]["en"] == f"file {attached['id']} not found"
    loose = upload(api)  # not attached: the admin's own
    assert stranger.get(f"/api/v1/files/{loose['id']}").status_code == 404
    mine = upload(stranger)
    assert stranger.get(f"/api/v1/files/{mine['id']}").get_data() == b"hello"


@pytest.mark.parametrize("error, status", [("UnsupportedMediaType", 415), ("RequestURITooLarge", 414),
                                           ("RequestHeaderFieldsTooLarge", 431), ("ImATeapot", 418)])
def test_werkzeug_errors_are_bilingual_json_under_api(app, error, status):
    import werkzeug.exceptions as wz

    from trellis.api.handlers import http_error

    with app.test_request_context("/api/v1/anything"):
        resp = http_error(getattr(wz, error)())
    assert resp.status_code == status and resp.get_json()["code"] == str(status)
    assert resp.get_json()["message"]["zh"] and resp.get_json()["message"]["en"]
    with app.test_request_context("/admin/anything"):
        assert isinstance(http_error(getattr(wz, error)()), wz.HTTPException)  # other paths: werkzeug's page
