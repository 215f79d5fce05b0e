"""The record 360's endpoints as an account manager calls them (the session's seeded CRM):
key figures, related counts in one request, the timeline with its cursor, comments; and
the refusals, each a 4xx naming the parameter or field in both languages, never a 500."""
from __future__ import annotations

from crm_app import BASE


def _client(am) -> int:
    return am.get(f"{BASE}/client/records?limit=1&fields=name").get_json()["items"][0]["id"]


def test_record_360_endpoints(login):
    am, other = login("am0001"), login("am0002")
    cid = _client(am)
    url = f"{BASE}/client/records/{cid}"
    figures = am.get(f"{url}/summary").get_json()["items"]
    assert [f["key"] for f in figures] == ["equity", "month_pnl", "tier", "open_tickets", "last_contact"]
    counts = am.get(f"{url}/related-counts").get_json()["items"]
    assert {c["form"] for c in counts} == {"deposit", "trade_day", "ticket", "follow_up", "pnl_event", "survey"}
    for c in counts:
        listed = am.get(f"{BASE}/{c['form']}/records?limit=1&count=exact&filter="
                        f"%7B%22%3D%3D%22%3A%5B%7B%22var%22%3A%22client%22%7D%2C{cid}%5D%7D").get_json()
        assert listed["count"] == c["count"], c
    users = am.get("/api/v1/users?q=cs01").get_json()["items"]
    made = am.post(f"{url}/comments", json={"text": "请跟进", "mentions": [users[0]["id"]]})
    assert made.status_code == 201, made.get_data(as_text=True)
    page = am.get(f"{url}/timeline?limit=1&types=comment").get_json()
    assert page["items"][0]["data"]["text"] == "请跟进" and page["items"][0]["data"]["mentions"][0]["name"]
    listed = am.get(f"{url}/comments").get_json()["items"]
    assert listed[0]["id"] == made.get_json()["id"]
    edited = am.patch(f"{url}/comments/{listed[0]['id']}", json={"text": "请尽快跟进"})
    assert edited.status_code == 200 and edited.get_json()["text"] == "请尽快跟进"
    assert am.delete(f"{url}/comments/{listed[0]['id']}").status_code == 204

    def refused(resp, status, where, name):
        assert resp.status_code == status, resp.get_data(as_text=True)
        body = resp.get_json()
        assert body["details"][where] == name and body["message"]["zh"] and body["message"]["en"]
    refused(am.get(f"{url}/timeline?types=gossip"), 400, "param", "types")
    refused(am.get(f"{url}/timeline?before=x"), 400, "param", "before")
    refused(am.post(f"{url}/comments", json={"text": ""}), 400, "field", "text")
    refused(am.post(f"{url}/comments", json={"text": "x", "mentions": ["cs01"]}), 400, "field", "mentions")
    refused(am.post(f"{url}/comments", json={"text": "x", "mentions": [2_000_000_000]}), 400, "field", "mentions")
    for path in ("summary", "related-counts", "timeline", "comments"):
        assert other.get(f"{url}/{path}").status_code in (403, 404)
    assert other.post(f"{url}/comments", json={"text": "x"}).status_code in (403, 404)
    assert am.get(f"{BASE}/client/records/999999999/timeline").status_code == 404
