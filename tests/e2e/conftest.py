"""End-to-end fixtures: a real `trellis` server (init, seed, run) in a subprocess serving the
built web UI, a headless Chromium driven by Playwright, a UI login helper, a small JSON
client for the REST API (to compare what the browser shows with what the server answers)
and screenshots saved under tests/e2e/artifacts/."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "frontend" / "dist"
CHROMIUM = Path("/usr/bin/chromium")
BIN = Path(sys.executable).parent / "trellis"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ADMIN_PASSWORD = "e2e-admin-pass-1"
DEMO_PASSWORD = "demo2026pass"
APP = "futures_crm"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # pragma: no cover - reported as a skip below
    sync_playwright = None


def _skip_reason() -> str | None:
    if sync_playwright is None:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium fonts-wqy-zenhei)"
    if not (DIST / "index.html").exists():
        return "the web UI is not built: frontend/dist/index.html is missing (cd frontend && npm run build)"
    if not BIN.exists():
        return f"the trellis command is not installed next to {sys.executable}"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _skip_reason()
    if reason is None:
        return
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


# ---------------------------------------------------------------------------- server

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
    """A running `trellis run`; `stop()` ends it (and only it)."""

    def __init__(self, home: Path, log_path: Path, env_extra: dict | None = None):
        self.home = home
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            [str(BIN), "run", "--host", "127.0.0.1", "--port", str(self.port)],
            env=trellis_env(home, **(env_extra or {})), stdout=self.log, stderr=subprocess.STDOUT)
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
    """JSON over HTTP as one user (JWT from the security API)."""

    def __init__(self, base: str, username: str, password: str):
        self.base = base
        body = self._call("POST", "/api/v1/security/login",
                          {"username": username, "password": password, "provider": "db", "refresh": True})
        self.token = body["access_token"]

    def _call(self, method: str, path: str, body=None, token: str | None = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path} -> {e.code}: {e.read().decode(errors='replace')}") from None
        return json.loads(raw) if raw else None

    def get(self, path: str, **params):
        q = {k: (json.dumps(v) if isinstance(v, (dict, list)) else v) for k, v in params.items() if v is not None}
        return self._call("GET", path + ("?" + urllib.parse.urlencode(q) if q else ""), token=self.token)

    def post(self, path: str, body):
        return self._call("POST", path, body, token=self.token)

    def put(self, path: str, body):
        return self._call("PUT", path, body, token=self.token)

    def records(self, form: str, **params):
        return self.get(f"/api/v1/apps/{APP}/forms/{form}/records", **params)

    def form(self, form: str):
        return self.get(f"/api/v1/apps/{APP}/forms/{form}")


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """A seeded instance (futures CRM, 300 clients) served on a free port."""
    home = tmp_path_factory.mktemp("e2e_home")
    run_cli(["init"], home, TRELLIS_ADMIN_PASSWORD=ADMIN_PASSWORD)
    run_cli(["seed", APP, "--clients", "300"], home)
    srv = Server(home, home / "server.log")
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def base_url(server) -> str:
    return server.base


@pytest.fixture(scope="session")
def admin_api(server) -> Api:
    return Api(server.base, "admin", ADMIN_PASSWORD)


@pytest.fixture(scope="session")
def am_api(server) -> Api:
    return Api(server.base, "am0001", DEMO_PASSWORD)


# ---------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url, request):
    """A fresh browser context (no cookies, Chinese locale) per test."""
    ctx = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 1440, "height": 900})
    ctx.set_default_timeout(15_000)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors  # type: ignore[attr-defined]
    yield pg
    if getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed:
        try:
            shot(pg, request.node.name, "failure")
        except Exception:
            pass
    ctx.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, "rep_" + rep.when, rep)


def shot(page, scenario: str, step: str) -> Path:
    """Save a screenshot as artifacts/<scenario>__<step>.png and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", f"{scenario}__{step}")
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), animations="disabled", full_page=False)
    return path


def login(page, username: str, password: str) -> None:
    """Sign in through the UI's login page and wait until the app shell shows."""
    page.goto("/login")
    page.get_by_test_id("login-username").or_(page.get_by_placeholder(re.compile("用户名|Username"))).first.fill(username)
    page.get_by_test_id("login-password").or_(page.get_by_placeholder(re.compile("密码|Password"))).first.fill(password)
    page.get_by_role("button", name=re.compile(r"登\s*录|Sign in|Log in")).click()
    page.wait_for_url(lambda url: "/login" not in url, timeout=15_000)


@pytest.fixture
def admin_page(page):
    login(page, "admin", ADMIN_PASSWORD)
    return page
