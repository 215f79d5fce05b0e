"""Opening a grid page asks for what it needs in two requests side by side: `GET /bootstrap`
(the caller, apps, departments, the app's forms and views, the form's definition) and, for an
address opened before, the first page of rows, sent without waiting for the definition; the
grid takes that reply instead of asking again. A remembered first page that no longer fits the
grid (the definition changed) is asked for again with the grid's own parameters."""
from __future__ import annotations

import json
import re

from e2e_ui import APP, grid_rows, wait_grid_loaded
from playwright.sync_api import expect

API = re.compile(r"/api/v1/(.*)$")
REPLACED = re.compile(r"^(me|apps|departments|apps/[^/]+/(forms|views)(/[^/?]+)?)(\?.*)?$")


def _api_log(page) -> list[tuple[str, str]]:
    """(event, API path) as they happen: "send" when a request leaves, "done" when its answer is in."""
    log: list[tuple[str, str]] = []

    def add(event, url):
        m = API.search(url)
        if m:
            log.append((event, m.group(1)))
    page.on("request", lambda r: add("send", r.url))
    page.on("requestfinished", lambda r: add("done", r.url))
    return log


def _records(log, event="send") -> list[str]:
    return [p for e, p in log if e == event and "/forms/client/records?" in p]


def test_a_grid_seen_before_asks_for_its_rows_with_the_bootstrap(admin_page, admin_api):
    page = admin_page
    url = f"/apps/{APP}/forms/client?q=%E5%BC%A0"
    page.goto(url)
    wait_grid_loaded(page)
    first_names = grid_rows(page).all_inner_texts()

    log = _api_log(page)
    page.goto(url)
    wait_grid_loaded(page)
    sent = [p for e, p in log if e == "send"]
    boots = [p for p in sent if p.startswith("bootstrap")]
    assert boots == [f"bootstrap?app={APP}&form=client"], sent
    assert not [p for p in sent if REPLACED.match(p)], sent          # no separate me / apps / definition / views
    assert len(_records(log)) == 1, sent                                # the grid took the early reply
    # the rows were asked for before the bootstrap answered (not after the definition came)
    assert log.index(("send", _records(log)[0])) < log.index(("done", boots[0])), log
    assert grid_rows(page).all_inner_texts() == first_names
    want = admin_api.records("client", q="张", limit=1, count="exact")["count"]
    expect(page.get_by_test_id("record-count")).to_contain_text(f"{want:,}" if want >= 1000 else str(want))


def test_a_remembered_first_page_that_no_longer_fits_is_asked_for_again(admin_page):
    page = admin_page
    url = f"/apps/{APP}/forms/client"
    page.goto(url)
    wait_grid_loaded(page)
    expected = grid_rows(page).count()
    # as if the form had other list columns when the address was last opened
    page.evaluate("""() => {
        const memo = JSON.parse(localStorage.getItem('trellis.firstPages') || '{}');
        for (const k of Object.keys(memo)) if (k.endsWith('/client')) memo[k] = {...memo[k], fields: ['name']};
        localStorage.setItem('trellis.firstPages', JSON.stringify(memo));
    }""")
    log = _api_log(page)
    page.goto(url)
    wait_grid_loaded(page)
    asked = _records(log)
    assert len(asked) == 2 and "fields=name&" in asked[0] + "&" and asked[1] != asked[0], asked
    expect(grid_rows(page)).to_have_count(expected)
    memo = json.loads(page.evaluate("localStorage.getItem('trellis.firstPages')"))
    assert any(k.endswith("/client") and v["fields"] != ["name"] for k, v in memo.items()), memo
