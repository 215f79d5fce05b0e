"""Helpers shared by the browser tests and the first-page timing script: starting a real
`trellis` server, a JSON client for the REST API, launching Debian's Chromium, logging in
through the UI, waiting for the grid and saving screenshots."""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent / "trellis"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
APP = "futures_crm"
ADMIN_PASSWORD = "e2e-admin-pass-1"
DEMO_PASSWORD = "demo2026pass"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# ---------------------------------------------------------------------------- server


def dist_dir() -> Path:
    """The built web UI to serve: frontend/dist, or the folder named by TRELLIS_E2E_DIST."""
    return Path(os.environ.get("TRELLIS_E2E_DIST") or DIST).resolve()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trellis_env(home: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL")}
    env.update(TRELLIS_HOME=str(home), **extra)
    return env


def run_cli(args: list[str], home: Path, **extra) -> str:
    out = subprocess.run([str(BIN), *args], env=trellis_env(home, **extra), capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"trellis {' '.join(args)} failed:\n{out.stdout}\n{out.stderr}")
    return out.stdout


def wait_healthy(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"trellis run exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if json.loads(r.read()) == {"ok": True}:
                    return
        except (OSError, ValueError):
            pass
        if time.time() > deadline:
            raise RuntimeError(f"{base}/healthz did not answer within {timeout} s")
        time.sleep(0.2)


class Server:
    """A running `trellis run` on a free port; `stop()` ends that process."""

    def __init__(self, home: Path, log_path: Path, env_extra: dict | None = None, dist: Path | None = None):
        self.home = home
        env_extra = dict(env_extra or {})
        if dist is not None and dist != DIST.resolve():
            config = home / "e2e_frontend.py"
            config.write_text(f"TRELLIS_FRONTEND = {str(dist)!r}\n")
            env_extra["TRELLIS_CONFIG"] = str(config)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [str(BIN), "run", "--host", "127.0.0.1", "--port", str(self.port)],
            env=trellis_env(home, **env_extra), stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_healthy(self.base, self.proc)
        except Exception:
            self.stop()
            raise

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


class Api:
    """The REST API as one user (JWT from `POST /api/v1/security/login`)."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        body = self.call("POST", "/api/v1/security/login",
                         {"username": username, "password": password, "provider": "db", "refresh": True})
        self.token = body["access_token"]

    def call(self, method: str, path: str, body=None, token: str | None = None, expect: int | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        token = token or getattr(self, "token", None)
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                status, raw = r.status, r.read()
        except urllib.error.HTTPError as e:
            status, raw = e.code, e.read()
            if expect != status:
                raise AssertionError(f"{method} {path} -> {status}: {raw.decode(errors='replace')}") from None
        return json.loads(raw) if raw else None

    def get(self, path: str, **params):
        q = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
             for k, v in params.items() if v is not None}
        return self.call("GET", path + ("?" + urllib.parse.urlencode(q) if q else ""))

    def records(self, form: str, **params):
        return self.get(f"/api/v1/apps/{APP}/forms/{form}/records", **params)

    def form(self, form: str):
        return self.get(f"/api/v1/apps/{APP}/forms/{form}")


# ---------------------------------------------------------------------------- browser


def launch(playwright):
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


SETTLE_JS = """async () => {
  // until no element scrolls any more (smooth scrolling) for 150 ms, at most 2 s
  const pos = () => JSON.stringify([scrollX, scrollY, ...[...document.querySelectorAll('*')]
      .filter(e => e.scrollTop || e.scrollLeft).map(e => [e.scrollTop, e.scrollLeft])]);
  let last = pos(), still = 0;
  for (let t = 0; t < 2000 && still < 150; t += 50) {
    await new Promise(r => setTimeout(r, 50));
    const now = pos();
    still = now === last ? still + 50 : 0;
    last = now;
  }
}"""


def settle(page) -> None:
    """Let smooth scrolling finish (before a screenshot)."""
    try:
        page.evaluate(SETTLE_JS)
    except Exception:
        pass


def shot(page, scenario: str, step: str) -> Path:
    """Save a screenshot as artifacts/<scenario>__<step>.png and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    settle(page)
    name = re.sub(r"[^\w.-]+", "_", f"{scenario}__{step}")
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled")
    return path


LOGIN_PATH = "/signin"


def login(page, username: str, password: str, timeout: float = 20_000) -> None:
    """Sign in through the UI's login page, reached the way a user reaches it: opening the
    site without a session redirects there. Returns once the app shell shows."""
    page.goto("/")
    page.wait_for_url(f"**{LOGIN_PATH}**", timeout=timeout)
    page.get_by_label(re.compile(r"^(用户名|Username)$")).fill(username)
    page.get_by_label(re.compile(r"^(密码|Password)$")).fill(password)
    page.get_by_role("button", name=re.compile(r"^\s*(登\s*录|Sign in|Log in)\s*$")).click()
    page.wait_for_url(lambda url: LOGIN_PATH not in urllib.parse.urlparse(url).path, timeout=timeout)
    page.get_by_test_id("user-menu").wait_for(timeout=timeout)


@contextmanager
def screen(browser, server, lang: str, viewport: dict, user: str = "admin", password: str = ADMIN_PASSWORD):
    """A page signed in as `user` with its UI in `lang`, at `viewport` (screenshots in both
    languages and sizes); an uncaught error in the page fails the test."""
    ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport=viewport)
    ctx.set_default_timeout(15_000)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.add_init_script(f"localStorage.setItem('trellis.lang', '{lang}')")
        login(page, user, password)
        yield page
        assert not errors, errors
    finally:
        ctx.close()


def grid_rows(page):
    """The data rows of the records table (antd renders a hidden measure row too)."""
    return page.locator(".ant-table-tbody > tr.ant-table-row")


def wait_grid_loaded(page, timeout: float = 20_000) -> None:
    """Wait until the table shows rows (or its empty state) and is no longer loading; on a
    phone, until the record cards (or their empty state) show."""
    page.locator(".ant-table-tbody > tr.ant-table-row, .ant-table-placeholder, [data-testid=record-card], "
                 "[data-testid=record-cards-empty]").first.wait_for(timeout=timeout)
    page.locator(".ant-table-wrapper .ant-spin-spinning").wait_for(state="detached", timeout=timeout)


def pick(page, select, title: str) -> None:
    """Choose `title` in an antd Select (its dropdown is rendered at the end of the page). A
    click that lands while the list is drawn again (a loaded machine) is made once more."""
    select.click()
    dropdown = page.locator(".ant-select-dropdown:visible")
    for _ in range(2):
        dropdown.get_by_title(title, exact=True).click()
        try:
            dropdown.wait_for(state="hidden", timeout=5_000)
            return
        except PlaywrightTimeout:
            if not dropdown.count():
                return
    dropdown.wait_for(state="hidden")


def add_filter_rule(page, field: str, op: str, value=None, option: str | None = None) -> None:
    """Add a condition in the open filter builder: field, operator, then a typed value or an option."""
    drawer = page.get_by_role("dialog", name=re.compile("筛选条件|Filter"))
    n = drawer.locator(".rule").count()
    drawer.get_by_role("button", name=re.compile(r"(添加条件|Add rule|Add condition)$")).click()
    rule = drawer.locator(".rule").nth(n)
    pick(page, rule.locator(".rule--field .ant-select"), field)
    pick(page, rule.locator(".rule--operator .ant-select"), op)
    if value is not None:
        rule.locator(".rule--value input").fill(str(value))
    if option is not None:
        pick(page, rule.locator(".rule--value .ant-select"), option)


def records_request(form: str):
    """A predicate for page.expect_response: the grid's list request of `form`."""
    def match(response) -> bool:
        return response.request.method == "GET" and f"/forms/{form}/records?" in response.url
    return match


def seed_form(form: str) -> dict:
    """A form definition as shipped in seeds/futures_crm/forms/."""
    return json.loads((ROOT / "seeds" / APP / "forms" / f"{form}.json").read_text(encoding="utf-8"))


def seed_forms() -> list[dict]:
    """The app's seed forms, in the app's order."""
    app = json.loads((ROOT / "seeds" / APP / "app.json").read_text(encoding="utf-8"))
    return [seed_form(f) for f in app["forms"]]


def menu_item(page, label: str):
    """A side-menu entry by its visible label (the icon's name precedes it in the accessible name)."""
    return page.get_by_role("menuitem", name=re.compile(rf"(^|\s){rx(label)}$"))


def rx(text: str) -> str:
    """`text` as a literal inside a regular expression that Playwright passes to the browser."""
    return re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", text)


def exactly(text: str):
    """A pattern matching exactly `text` (trimmed), for has_text filters."""
    return re.compile(rf"^\s*{rx(text)}\s*$")


def drag(page, source, x: float, y: float, steps: int = 15) -> None:
    """Press on `source`, move in several steps (dnd-kit ignores a one-step drag) to (x, y), release."""
    source.scroll_into_view_if_needed()
    s = source.bounding_box()
    assert s is not None
    x0, y0 = s["x"] + s["width"] / 2, s["y"] + s["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for i in range(1, steps + 1):
        page.mouse.move(x0 + (x - x0) * i / steps, y0 + (y - y0) * i / steps)
    page.mouse.up()


def drag_palette_to_end(page, type_key: str) -> None:
    """Drop a palette type after the last placed field (on its far half), or into the empty
    first section."""
    placed = page.locator('[data-testid^="field-"]')
    target = placed.last if placed.count() else page.get_by_test_id("section-0")
    box = target.bounding_box()
    assert box is not None
    if placed.count():
        x, y = box["x"] + box["width"] * 0.85, box["y"] + box["height"] * 0.75
    else:
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 30
    drag(page, page.get_by_test_id(f"palette-{type_key}"), x, y)


def expect_rows_in_order(page, keys: list[str]) -> None:
    """The grid shows exactly len(keys) rows, the n-th containing keys[n] (waits for it)."""
    from playwright.sync_api import expect

    expect(grid_rows(page)).to_have_text([re.compile(rx(k)) for k in keys])
