"""Public form links on SQLite and PostgreSQL, with CSRF protection on: the page shows the
listed fields only; disabled and unknown links are 404s; the captcha is required, checked
once and refused when wrong, missing or reused; fields the page does not show are refused
by name; the limits answer 429 with Retry-After; a submission lands with its source, an
anonymous audit entry caused by the link, and the form's create-triggered flow runs; a new
token stops the old link; nothing needs a cookie and nothing else opens up."""
from __future__ import annotations

import time

import sqlalchemy as sa

from conftest import APP, LINK, publish

GOOD = {"name": "李雷", "mobile": "13800138000", "city": "sh", "seats": 2}


def _codes(reply) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in reply.get_json().get("errors", [])]


def test_page_shows_listed_fields_only(site):
    r = site.anon.get(f"/api/v1/public/forms/{site.token()}")
    assert r.status_code == 200
    page = r.get_json()
    assert [f["id"] for f in page["fields"]] == ["name", "mobile", "city", "seats", "note"]
    city = page["fields"][2]
    assert city["label"] == {"zh": "城市", "en": "City"} and [o["value"] for o in city["options"]] == ["sh", "bj"]
    assert page["title"]["en"] == "Spring meetup signup" and page["captcha"] is True
    text = r.get_data(as_text=True)
    assert "secret" not in text and "shout" not in text and "owner" not in text and "created_by" not in text
    assert r.headers["Cache-Control"] == "no-store" and "Set-Cookie" not in r.headers


def test_unknown_and_disabled_links_are_404(site):
    assert site.anon.get("/api/v1/public/forms/not-a-real-token-at-all").status_code == 404
    assert site.anon.get("/api/v1/public/forms/x").status_code == 404
    r = site.anon.post("/api/v1/public/forms/not-a-real-token-at-all/records", json={"data": GOOD})
    assert r.status_code == 404 and r.get_json()["message"]["zh"]
    token = site.token()
    with site.app.app_context():
        publish(site.rt, "public_link", dict(LINK, enabled=False))
    try:
        for url in ("", "/captcha"):
            assert site.anon.get(f"/api/v1/public/forms/{token}{url}").status_code == 404
        assert site.anon.post(f"/api/v1/public/forms/{token}/records", json={"data": GOOD}).status_code == 404
    finally:
        with site.app.app_context():
            publish(site.rt, "public_link", LINK)
    assert site.anon.get(f"/api/v1/public/forms/{token}").status_code == 200


def test_fields_not_on_the_page_are_refused_by_name(site):
    before = len(site.records())
    for extra in ({"secret": "A+"}, {"owner": 1}, {"source": "desk"}, {"status": "seen"}, {"nope": 1}):
        r = site.submit(dict(GOOD, **extra))
        assert r.status_code == 422, r.get_data(as_text=True)
        field = next(iter(extra))
        assert _codes(r) == [(field, "unknown_field")]
        assert field in r.get_json()["errors"][0]["message"]["en"]
    r = site.submit({"name": "", "mobile": "12", "seats": 9})
    assert r.status_code == 422
    fields = {f for f, _ in _codes(r)}
    assert {"name", "mobile", "seats"} <= fields
    assert len(site.records()) == before


def test_captcha_missing_wrong_and_reused(site):
    token, before = site.token(), len(site.records())
    r = site.submit(GOOD, captcha={})
    assert r.status_code == 400 and r.get_json()["details"] == {"field": "captcha"}
    assert r.get_json()["code"] == "captcha_required"
    wrong = site.solved()
    wrong["answer"] = "zzzzz"
    r = site.submit(GOOD, captcha=wrong)
    assert r.status_code == 400 and r.get_json()["code"] == "captcha_wrong"
    right = site.solved()
    assert site.submit(GOOD, captcha=right).status_code == 201
    r = site.submit(GOOD, captcha=right)  # the same captcha again
    assert r.status_code == 400 and r.get_json()["code"] == "captcha_expired"
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]
    again = site.solved(token)
    r = site.submit(GOOD, captcha=dict(again, answer=again["answer"]), token=token)
    assert r.status_code == 201
    assert len(site.records()) == before + 2


def test_captcha_picture_does_not_spell_its_answer(site):
    r = site.anon.get(f"/api/v1/public/forms/{site.token()}/captcha")
    body = r.get_json()
    assert body["image"].startswith("data:image/svg+xml;base64,") and body["expires_in"] == 300
    import base64

    svg = base64.b64decode(body["image"].split(",", 1)[1]).decode()
    answer = site.answer(body["id"])
    assert "<text" not in svg and answer not in svg and svg.count("<path") > 8


def test_record_lands_with_source_audit_and_flow(site):
    r = site.submit(dict(GOOD, name="韩梅梅"), headers={"X-Forwarded-For": "10.9.9.9"})
    assert r.status_code == 201
    assert r.get_json() == {"ok": True, "message": {"zh": "报名成功", "en": "You are in"}}
    record = next(x for x in site.records() if x["name"] == "韩梅梅")
    assert record["source"] == "public" and record["created_by"] is None and record["shout"] == "韩梅梅"
    from trellis.storage.models import audit

    with site.rt.engine.connect() as conn:
        entry = conn.execute(sa.select(audit).where(audit.c.app == APP, audit.c.target == "signup",
                                                    audit.c.record_id == record["id"], audit.c.action == "create")).one()
    assert entry.username == "anonymous" and entry.user_id is None
    cause = entry.cause if isinstance(entry.cause, list) else __import__("json").loads(entry.cause)
    assert cause == [{"kind": "public", "id": "signup_page", "label": "报名页"}]
    history = site.admin.get(f"/api/v1/apps/{APP}/forms/signup/records/{record['id']}/history")
    assert history.status_code == 200
    assert "外链 报名页" in history.get_data(as_text=True) and "public link 报名页" in history.get_data(as_text=True)
    deadline = time.time() + 20
    while time.time() < deadline:  # the flow's run is a job: run what is due, as the scheduler would
        site.rt.jobs.dispatcher.run_due()
        seen = next(x for x in site.records() if x["id"] == record["id"])
        if seen["status"] == "seen":
            break
        time.sleep(0.2)
    assert seen["status"] == "seen"
    filtered = site.admin.get(f"/api/v1/apps/{APP}/forms/signup/records",
                              query_string={"filter": '{"==": [{"var": "source"}, "public"]}'})
    assert filtered.status_code == 200 and record["id"] in [x["id"] for x in filtered.get_json()["items"]]


def test_rate_limit_per_address_and_link(site):
    with site.app.app_context():
        publish(site.rt, "public_link", dict(LINK, id="tight", rate_limit_per_hour=2, link_limit_per_hour=3, captcha=False))
    token = site.token("tight")
    sent = [site.anon.post(f"/api/v1/public/forms/{token}/records", json={"data": GOOD},
                           environ_base={"REMOTE_ADDR": "10.1.1.1"}) for _ in range(3)]
    assert [r.status_code for r in sent] == [201, 201, 429]
    refused = sent[-1]
    assert int(refused.headers["Retry-After"]) >= 1 and refused.get_json()["code"] == "rate_limited"
    assert "每小时最多 2 次" in refused.get_json()["message"]["zh"] and "at most 2 an hour" in refused.get_json()["message"]["en"]
    other = site.anon.post(f"/api/v1/public/forms/{token}/records", json={"data": GOOD},
                           environ_base={"REMOTE_ADDR": "10.1.1.2"})
    assert other.status_code == 201  # another address, the link's third
    last = site.anon.post(f"/api/v1/public/forms/{token}/records", json={"data": GOOD},
                          environ_base={"REMOTE_ADDR": "10.1.1.3"})
    assert last.status_code == 429 and "此链接" in last.get_json()["message"]["zh"]


def test_new_token_stops_the_old_link(site):
    with site.app.app_context():
        publish(site.rt, "public_link", dict(LINK, id="rotating"))
    old = site.token("rotating")
    listed = site.admin.get(f"/api/v1/apps/{APP}/forms/signup/public-links").get_json()["items"]
    assert {"id": "rotating", "token": old, "path": f"/p/{old}"}.items() <= next(
        i for i in listed if i["id"] == "rotating").items()
    r = site.admin.post(f"/api/v1/apps/{APP}/public-links/rotating/token")
    assert r.status_code == 200
    new = r.get_json()["token"]
    assert new != old and len(new) >= 20 and r.get_json()["path"] == f"/p/{new}"
    assert site.anon.get(f"/api/v1/public/forms/{old}").status_code == 404
    assert site.anon.get(f"/api/v1/public/forms/{new}").status_code == 200
    assert site.anon.post(f"/api/v1/apps/{APP}/public-links/rotating/token").status_code == 401
    assert site.admin.post(f"/api/v1/apps/{APP}/public-links/none_such/token").status_code == 404


def test_no_cookie_needed_and_nothing_else_opens(site):
    token = site.token()
    r = site.submit(dict(GOOD, name="无会话"))
    assert r.status_code == 201 and "Set-Cookie" not in r.headers
    assert "frame-ancestors 'none'" in r.headers["Content-Security-Policy"]
    for method, url in (("get", f"/api/v1/apps/{APP}/forms/signup/records"),
                        ("post", f"/api/v1/apps/{APP}/forms/signup/records"),
                        ("get", f"/api/v1/apps/{APP}/forms/signup/public-links"),
                        ("get", f"/api/v1/apps/{APP}/definitions/public_link/signup_page"),
                        ("put", f"/api/v1/apps/{APP}/definitions/public_link/signup_page")):
        assert getattr(site.anon, method)(url, json={}).status_code == 401, url
    # a signed-in browser session still needs its CSRF token for every other write
    browser = site.app.test_client()
    login = browser.post("/api/v1/security/login", json={"username": "admin", "password": "admin-pass-1",
                                                         "provider": "db"})
    assert login.status_code == 200
    # the public endpoints take no JWT or session either way: the same answer signed in or not
    assert browser.get(f"/api/v1/public/forms/{token}").status_code == 200


def test_oversized_and_malformed_bodies(site):
    token = site.token()
    big = site.anon.post(f"/api/v1/public/forms/{token}/records", data="{" + " " * (70 * 1024) + "}",
                         content_type="application/json")
    assert big.status_code == 413
    for raw in ("[]", "not json", '{"data": [1]}'):
        r = site.anon.post(f"/api/v1/public/forms/{token}/records", data=raw, content_type="application/json")
        assert r.status_code in (400, 422), (raw, r.status_code)
        assert r.get_json()["message"]["en"]


def test_link_definition_is_checked_against_its_form(site):
    base = f"/api/v1/apps/{APP}/definitions/public_link/broken"
    bad = dict(LINK, id="broken", fields=["name", "secret", "shout", "owner", "ghost"],
               source={"field": "source", "value": "nowhere"})
    assert site.admin.put(base, json=bad).status_code == 200
    r = site.admin.post(f"{base}/publish")
    assert r.status_code == 422
    problems = {(p["pointer"], p["code"]) for p in r.get_json()["errors"]}
    assert {("/fields/1", "not_public"), ("/fields/2", "not_public"), ("/fields/3", "not_public"),
            ("/fields/4", "unknown_field"), ("/source/value", "invalid_value"),
            ("/fields", "required_missing")} <= problems
    site.admin.delete(base)
