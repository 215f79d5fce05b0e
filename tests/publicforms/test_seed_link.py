"""The futures CRM's 开户预约 link as seeded: published with a token of its own, its page
shows the five fields of an appointment, and a prospect's submission lands as a pending
request stamped 外链 that customer service can see."""
from __future__ import annotations

import sqlalchemy as sa

from trellis.records import public_tokens
from trellis.storage.models import public_captcha


def test_seed_opening_request_link(crm, login):
    rt = crm.extensions["trellis"]
    link = rt.store.published("futures_crm", "public_link", "account_opening_request")[0]
    assert "token" not in link and link["captcha"] is True
    token = public_tokens.current(rt.engine, "futures_crm", "account_opening_request")
    anon = crm.test_client(use_cookies=False)
    page = anon.get(f"/api/v1/public/forms/{token}").get_json()
    assert [f["id"] for f in page["fields"]] == ["name", "mobile", "branch", "appointment_at", "remark"]
    assert page["title"] == {"zh": "预约开户", "en": "Book an account opening"}
    branches = next(f for f in page["fields"] if f["id"] == "branch")["options"]
    assert {"value": "sh", "label": {"zh": "上海营业部", "en": "Shanghai branch"}} in branches
    cid = anon.get(f"/api/v1/public/forms/{token}/captcha").get_json()["id"]
    with rt.engine.connect() as conn:
        answer = conn.execute(sa.select(public_captcha.c.answer).where(public_captcha.c.id == cid)).scalar_one()
    data = {"name": "王小明", "mobile": "13912345678", "branch": "sh", "appointment_at": "2026-12-09T10:00:00"}
    r = anon.post(f"/api/v1/public/forms/{token}/records", json={"data": data, "captcha": {"id": cid, "answer": answer}})
    assert r.status_code == 201, r.get_data(as_text=True)
    items = login("cs01").get("/api/v1/apps/futures_crm/forms/account_opening_request/records",
                              query_string={"filter": '{"==": [{"var": "mobile"}, "13912345678"]}'}).get_json()["items"]
    assert len(items) == 1 and items[0]["source"] == "public" and items[0]["status"] == "pending"
