"""The phone-sized layout (390 × 844, an account manager's phone) in the browser, in Chinese and
English, signed in as am0001 (客户经理) and as the administrator: the workbench, the client grid
as cards, a client's record page and each of its tabs, the new-record drawer, the inbox, the
message center, a task, the reports list, a dashboard, the personal settings, the users page and
the login page. Every page fails the test when anything sticks out to the right: the document
scrolling sideways, the page's own scroller scrolling sideways, or a visible element reaching
past the viewport's right edge (one inside a container that scrolls or clips sideways by design,
such as a table body or a tab bar, is fine); the message names the elements. The menu opens in
a drawer and closes once an entry is chosen, and a card opens its record.

Screenshots of every page go to tests/e2e/artifacts/phone__<user>_<lang>__<page>.png."""
from __future__ import annotations

import json
import re
import time

import pytest
from e2e_ui import APP, DEMO_PASSWORD, Api, exactly, login, screen, settle, shot
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SCENARIO = "phone"

# What sticks out to the right, described by tag, id, classes, test id and text. An element is
# fine when an ancestor inside the viewport scrolls or clips sideways (a table body, a tab bar, an
# ellipsis), except the frame's own scrollers, which must not need to; hidden elements and closed
# drawers do not count. Only the outermost offenders are named.
OVERFLOW_JS = """() => {
  const W = window.innerWidth, out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > W) out.push(`the page scrolls sideways: scrollWidth ${doc.scrollWidth} > ${W}`);
  for (const main of document.querySelectorAll('.trellis-content')) {
    if (main.scrollWidth > main.clientWidth + 1)
      out.push(`the page's content scrolls sideways: scrollWidth ${main.scrollWidth} > ${main.clientWidth}`);
  }
  const frame = (el) => el === document.body || el === doc || el.id === 'root'
    || el.classList.contains('trellis-content') || el.classList.contains('ant-layout');
  const describe = (el) => {
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '';
    const id = el.id ? '#' + el.id : '', test = el.dataset && el.dataset.testid ? `[data-testid=${el.dataset.testid}]` : '';
    const text = (el.innerText || el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const r = el.getBoundingClientRect();
    return `<${el.tagName.toLowerCase()}${id}${cls ? '.' + cls : ''}${test}> "${text}" right=${Math.round(r.right)}`;
  };
  const contained = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (frame(a)) continue;
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible' && a.getBoundingClientRect().right <= W + 1) return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= W + 1 || r.width === 0 || r.height === 0) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    if (el.closest('.ant-drawer:not(.ant-drawer-open), .ant-tooltip, [aria-hidden=true]')) continue;
    if (contained(el)) continue;
    if (offenders.some((o) => o.contains(el))) continue;
    offenders.push(el);
  }
  return out.concat(offenders.slice(0, 6).map(describe));
}"""


def overflow(page) -> list[str]:
    """What sticks out to the right on the page as it is now (empty when it fits)."""
    settle(page)
    page.wait_for_timeout(350)   # drawers and tabs finish moving
    return page.evaluate(OVERFLOW_JS)


def check(page, name: str, tag: str) -> None:
    """The page fits the phone's width: screenshot it, and fail naming what sticks out."""
    problems = overflow(page)
    shot(page, SCENARIO, f"{tag}__{name}")
    assert not problems, f"{name} ({tag}) sticks out of the 390 px screen:\n" + "\n".join(problems)


def is_zh(page) -> bool:
    return page.evaluate("localStorage.getItem('trellis.lang')") != "en"


def texts(page, zh: str, en: str) -> str:
    return zh if is_zh(page) else en


@pytest.fixture(scope="module")
def task_id(server) -> int:
    """A pending account-opening review: am0001 submits one of their prospects, and the task
    waits for customer service (am0001 and the administrator may open it)."""
    am = Api(server.base, "am0001", DEMO_PASSWORD)
    prospects = am.records("client", limit=5, filter=json.dumps({"==": [{"var": "status"}, "prospect"]}))["items"]
    assert prospects, "am0001 has no prospect to submit"
    record = prospects[-1]["id"]
    am.call("POST", f"/api/v1/apps/{APP}/forms/client/records/{record}/submit", {})
    cs = Api(server.base, "cs01", DEMO_PASSWORD)
    deadline = time.time() + 30   # the flow's first step is reached by the server's jobs
    while True:
        pending = cs.get("/api/v1/inbox", state="pending", limit=50)["items"]
        mine = [t for t in pending if t["record"] == record]
        if mine:
            return mine[0]["id"]
        assert time.time() < deadline, f"no review task for client {record}: {pending}"
        time.sleep(0.5)


def content(page):
    """The page's first heading, form, card, table, tab bar or result: it has drawn."""
    return page.locator(".trellis-content").locator("h2, h3, form, .ant-card, .ant-result, .ant-table, .ant-tabs, .ant-list").first


def visit(page, path: str, ready, name: str, tag: str) -> None:
    """Open `path`, wait until `ready` (a locator) shows, and check that the page fits."""
    page.goto(path)
    expect(ready).to_be_visible(timeout=20_000)
    check(page, name, tag)


def menu_drawer_navigates(page, tag: str) -> None:
    """The header's menu button opens the side menu in a drawer; choosing the reports entry
    goes there and closes the drawer."""
    page.get_by_test_id("menu-button").click()
    drawer = page.get_by_role("dialog", name=texts(page, "菜单", "Menu"))
    expect(drawer).to_be_visible()
    reports = drawer.get_by_role("menuitem", name=re.compile(texts(page, "报表", "Reports")))
    expect(reports).to_be_visible()
    check(page, "menu_drawer", tag)
    reports.click()
    page.wait_for_url(f"**/apps/{APP}/reports")
    expect(drawer).to_be_hidden()


def header_menus(page, tag: str) -> None:
    """The header's user menu and the bell's messages open inside the screen."""
    page.get_by_test_id("user-menu").click()
    expect(page.locator(".ant-dropdown:visible")).to_be_visible()
    check(page, "user_menu", tag)
    page.keyboard.press("Escape")
    expect(page.locator(".ant-dropdown:visible")).to_have_count(0)
    page.get_by_test_id("bell").click()
    expect(page.get_by_test_id("bell-panel")).to_be_visible()
    check(page, "bell", tag)
    page.keyboard.press("Escape")
    expect(page.get_by_test_id("bell-panel")).to_be_hidden()


def grid_cards(page, tag: str) -> None:
    """The client grid as cards: a title, two fields and the actions each; more load on."""
    page.goto(f"/apps/{APP}/forms/client")
    cards = page.get_by_test_id("record-card")
    expect(cards.first).to_be_visible(timeout=20_000)
    expect(page.locator(".ant-table")).to_have_count(0)
    first = cards.first
    expect(first.locator(".trellis-record-card-title")).not_to_be_empty()
    expect(first.locator(".trellis-record-card-line")).to_have_count(2)
    expect(first.get_by_role("button", name=texts(page, "打开", "Open"))).to_be_visible()
    check(page, "grid_cards", tag)
    n = cards.count()
    page.get_by_test_id("load-more").scroll_into_view_if_needed()
    expect(cards).not_to_have_count(n, timeout=15_000)   # the next page, loaded as the list scrolled


def record_page(page, tag: str) -> None:
    """A card opens its record; the record page and each of its tabs fit."""
    page.goto(f"/apps/{APP}/forms/client")
    card = page.get_by_test_id("record-card").first
    title = card.locator(".trellis-record-card-title").inner_text()
    record = card.get_attribute("data-record")
    card.locator(".trellis-record-card-title").click()
    page.wait_for_url(f"**/forms/client/records/{record}")
    expect(page.get_by_test_id("record-title")).to_have_text(title)
    expect(page.locator(".ant-tabs-tab").first).to_be_visible()
    check(page, "record", tag)
    page.locator(".ant-tabs-tabpane-active .ant-spin-spinning").first.wait_for(state="detached", timeout=15_000)
    bar_tabs = page.locator(".ant-tabs").first.locator(":scope > .ant-tabs-nav .ant-tabs-nav-list > .ant-tabs-tab")
    keys = [k for k in bar_tabs.evaluate_all(
        "tabs => tabs.map(t => t.dataset.nodeKey)") if k]
    assert len(keys) >= 4, keys   # details, history, messages, flows and the related lists
    for i, key in enumerate(keys):
        tab = bar_tabs.and_(page.locator(f"[data-node-key='{key}']"))
        label = tab.inner_text().strip()
        bar, box = page.locator(".ant-tabs-nav-wrap").first.bounding_box(), tab.bounding_box()
        if box and bar and bar["x"] <= box["x"] and box["x"] + box["width"] <= bar["x"] + bar["width"] + 1:
            tab.click()
        else:   # scrolled out of the tab bar: chosen from its "more" menu
            page.locator(".ant-tabs-nav-more").first.click()
            page.locator(".ant-tabs-dropdown:visible .ant-tabs-dropdown-menu-item", has_text=exactly(label)).click()
        expect(tab).to_have_class(re.compile("ant-tabs-tab-active"))
        page.locator(".ant-tabs-tabpane-active .ant-spin-spinning").first.wait_for(state="detached", timeout=15_000)
        check(page, f"record_tab_{i}", tag)


def new_record_drawer(page, tag: str) -> None:
    """The new-record drawer takes the screen's width, its form one column with the labels above
    the inputs, and its save button in view."""
    page.goto(f"/apps/{APP}/forms/client")
    expect(page.get_by_test_id("record-card").first).to_be_visible(timeout=20_000)
    page.get_by_test_id("create-record").click()
    drawer = page.get_by_role("dialog", name=texts(page, "新建客户", "New Client"))
    name = drawer.get_by_label(texts(page, "客户名称", "Name"), exact=True)
    expect(name).to_be_visible()
    save = drawer.get_by_test_id("record-save")
    expect(save).to_be_in_viewport()
    box = drawer.bounding_box()
    assert box and box["x"] <= 1 and box["width"] >= PHONE["width"] - 1, box
    item = drawer.locator(".trellis-form-field").first
    label, control = item.locator(".ant-form-item-label").bounding_box(), item.locator(".ant-form-item-control").bounding_box()
    assert label["y"] + label["height"] <= control["y"] + 1, (label, control)   # the label above its input
    fields = drawer.locator(".trellis-form-field:visible")
    xs = {round(fields.nth(i).bounding_box()["x"]) for i in range(min(fields.count(), 6))}
    assert len(xs) == 1, xs   # one column
    check(page, "new_record_drawer", tag)
    drawer.get_by_role("button", name=re.compile(texts(page, r"^取\s*消$", "^Cancel$"))).click()
    expect(drawer).to_be_hidden()


def account_manager_pages(page, tag: str, task: int) -> None:
    visit(page, "/", page.get_by_test_id("dashboard-grid"), "home", tag)
    menu_drawer_navigates(page, tag)
    header_menus(page, tag)
    grid_cards(page, tag)
    record_page(page, tag)
    new_record_drawer(page, tag)
    visit(page, "/inbox", content(page), "inbox", tag)
    visit(page, "/messages", content(page), "messages", tag)
    visit(page, f"/tasks/{task}", page.get_by_text(texts(page, "材料审核", "Documents check")).first, "task", tag)
    visit(page, f"/apps/{APP}/reports", page.locator(".trellis-content a[href*='/reports/'], .trellis-content a[href*='/dashboards/']").first,
          "reports", tag)
    visit(page, f"/apps/{APP}/dashboards/client_business", page.get_by_test_id("dashboard-grid"), "dashboard", tag)
    visit(page, "/me/settings", content(page),
          "personal_settings", tag)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_account_manager_pages_fit_a_phone(browser, server, lang, task_id):
    with screen(browser, server, lang, PHONE, user="am0001", password=DEMO_PASSWORD) as page:
        account_manager_pages(page, f"am0001_{lang}", task_id)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_admin_pages_fit_a_phone(browser, server, lang, task_id):
    with screen(browser, server, lang, PHONE) as page:
        tag = f"admin_{lang}"
        visit(page, "/", page.get_by_test_id("dashboard-grid"), "home", tag)
        grid_cards(page, tag)
        card = page.get_by_test_id("record-card").first
        expect(card.get_by_role("button", name=texts(page, "编辑", "Edit"))).to_be_visible()
        expect(card.get_by_role("button", name=texts(page, "删除", "Delete"))).to_be_visible()
        record_page(page, tag)
        new_record_drawer(page, tag)
        visit(page, f"/tasks/{task_id}", page.get_by_text(texts(page, "材料审核", "Documents check")).first, "task", tag)
        visit(page, "/manage/users", content(page),
              "admin_users", tag)
        visit(page, "/me/settings", content(page),
              "personal_settings", tag)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_login_page_fits_a_phone(browser, server, lang):
    ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport=PHONE)
    try:
        page = ctx.new_page()
        page.add_init_script(f"localStorage.setItem('trellis.lang', '{lang}')")
        page.goto("/signin")
        expect(page.get_by_label(re.compile(r"^(用户名|Username)$"))).to_be_visible()
        check(page, "login", f"anonymous_{lang}")
        login(page, "am0001", DEMO_PASSWORD)   # and signing in from it works on a phone
    finally:
        ctx.close()
