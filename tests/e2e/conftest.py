"""End-to-end fixtures: a real `trellis` server (init, seed 300 clients, run) serving the built
web UI, Debian's Chromium driven by Playwright, pages logged in through the UI, REST clients
to compare what the browser shows with what the server answers. Screenshots go to
tests/e2e/artifacts/."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_ui import (ADMIN_PASSWORD, APP, BIN, CHROMIUM, DEMO_PASSWORD, Api, Server, dist_dir,  # noqa: E402
                    ARTIFACTS, launch, login, run_cli, shot)

try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:  # reported as a skip below
    sync_playwright = None
else:
    expect.set_options(timeout=10_000)

HERE = Path(__file__).resolve().parent


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium fonts-wqy-zenhei)"
    if not (dist_dir() / "index.html").exists():
        return f"the web UI is not built: {dist_dir() / 'index.html'} is missing (make frontend, or cd frontend && npm run build)"
    if not BIN.exists():
        return f"the trellis command is not installed next to {sys.executable}"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason is None:
        return
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts():
    """Screenshots describe the latest run only."""
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A seeded instance (futures CRM with 300 clients) served on a free port."""
    home = tmp_path_factory.mktemp("e2e_home")
    run_cli(["init"], home, TRELLIS_ADMIN_PASSWORD=ADMIN_PASSWORD)
    run_cli(["seed", APP, "--clients", "300"], home)
    # imports rest 200 ms per chunk of 5,000 rows, so a test can cancel a large one while it runs
    srv = Server(home, home / "server.log", dist=dist_dir(), env_extra={"TRELLIS_IMPORT_PAUSE_MS": "200"})
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def admin_api(server) -> Api:
    return Api(server.base, "admin", ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh browser context (no stored login, Chinese locale) for each test; a screenshot
    `<test>__failure.png` is saved when the test fails, and an uncaught error in the page
    fails the test."""
    ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport={"width": 1440, "height": 900})
    ctx.set_default_timeout(15_000)
    pg = ctx.new_page()
    pg.js_errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.js_errors.append(str(e)))
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        try:
            shot(pg, request.node.name, "failure")
        except Exception:
            pass
    ctx.close()
    if pg.js_errors:
        pytest.fail(f"uncaught errors in the page: {pg.js_errors}")


@pytest.fixture
def admin_page(page):
    login(page, "admin", ADMIN_PASSWORD)
    return page


@pytest.fixture
def am_page(page):
    login(page, "am0001", DEMO_PASSWORD)
    return page


@pytest.fixture(scope="session")
def am_api(server) -> Api:
    return Api(server.base, "am0001", DEMO_PASSWORD)
