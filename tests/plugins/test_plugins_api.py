"""`GET /api/v1/plugins` and the plugins' browser files, on an app started (in its own process)
with broken plugins listed in TRELLIS_PLUGINS: the app starts, the broken ones are listed as
disabled (the error for administrators only), the working one's module is served with a
JavaScript content type and cached for a year under its current `?v=`, revalidated otherwise."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = r"""
import json, sys
from trellis import create_app
from trellis.provision.setup import init_db
from api_client import ensure_user, sign_in

app = create_app({"TRELLIS_HOME": sys.argv[1], "TESTING": True, "WTF_CSRF_ENABLED": False})
init_db(app, admin_password="admin-pass-1")
ensure_user(app, "plain_user", "plain-pass-2026")
admin, user = sign_in(app, "admin", "admin-pass-1"), sign_in(app, "plain_user", "plain-pass-2026")
anonymous = app.test_client()
out = {"admin": admin.get("/api/v1/plugins").get_json(), "user": user.get("/api/v1/plugins").get_json(),
       "anonymous": anonymous.get("/api/v1/plugins").status_code}
url = next(p for p in out["admin"]["items"] if p["name"] == "good")["frontend"][0]
files = {}
for name, path in (("current", url), ("stale", "/plugins/good/hello.js?v=old"), ("bare", "/plugins/good/hello.js"),
                   ("disabled", "/plugins/broken_install/hello.js"), ("missing", "/plugins/good/nope.js"),
                   ("escape", "/plugins/good/../good.py"), ("unknown", "/plugins/nobody/x.js")):
    r = anonymous.get(path)
    files[name] = {"status": r.status_code, "type": r.headers.get("Content-Type"),
                   "cache": r.headers.get("Cache-Control"), "etag": bool(r.headers.get("ETag")),
                   "body": r.get_data(as_text=True)[:200]}
out["files"] = files
out["openapi"] = "/api/v1/plugins" in admin.get("/api/v1/openapi.json").get_json()["paths"]
print("RESULT" + json.dumps(out))
"""
PLUGINS = ("plugin_samples.good plugin_samples.broken_import plugin_samples.broken_register "
           "plugin_samples.broken_install plugin_samples.needs_missing plugin_samples.legacy")


@pytest.fixture(scope="module")
def answer(tmp_path_factory):
    home = tmp_path_factory.mktemp("plugins_home")
    env = dict(os.environ, TRELLIS_PLUGINS=PLUGINS,
               PYTHONPATH=os.pathsep.join([str(ROOT / "platform"), str(ROOT / "tests")]))
    env.pop("TRELLIS_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(home)], env=env, capture_output=True, text=True,
                          timeout=300)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULT")), None)
    assert done.returncode == 0 and line, done.stderr[-3000:]
    return json.loads(line[len("RESULT"):])


def test_broken_plugins_are_listed_disabled_and_the_app_starts(answer):
    items = {p["name"]: p for p in answer["admin"]["items"]}
    assert items["good"]["status"] == "active" and items["good"]["version"] == "1.2.3"
    assert items["legacy"]["status"] == "active"
    assert {n: items[n]["status"] for n in ("field_types", "audit", "imports")} == dict.fromkeys(
        ("field_types", "audit", "imports"), "active")
    assert all(items[n]["core"] for n in ("field_types", "audit", "imports")) and not items["good"]["core"]
    errors = {n: p["error"] for n, p in items.items() if p["status"] == "disabled"}
    assert errors == {
        "plugin_samples.broken_import": "import: ImportError: No module named 'trellis_sample_dependency'",
        "broken_register": "register: RuntimeError: the second type's module is broken",
        "broken_install": "install: ValueError: cannot reach the SMS gateway",
        "needs_missing": "requires sample_not_installed>=1: not installed or disabled",
    }
    assert items["broken_install"]["frontend"] == [] and items["good"]["origin"] == "TRELLIS_PLUGINS"
    assert answer["openapi"]


def test_members_see_status_without_errors(answer):
    assert answer["anonymous"] == 401
    mine = {p["name"]: p for p in answer["user"]["items"]}
    assert set(mine) == {p["name"] for p in answer["admin"]["items"]}
    assert mine["broken_install"]["status"] == "disabled"
    assert all("error" not in p and "origin" not in p for p in mine.values())
    assert mine["good"]["frontend"][0].startswith("/plugins/good/hello.js?v=")


def test_the_browser_module_is_served_as_javascript_and_cached_by_version(answer):
    files = answer["files"]
    current = files["current"]
    assert current["status"] == 200 and current["type"] == "text/javascript; charset=utf-8"
    assert current["cache"] == "public, max-age=31536000, immutable" and "Trellis.register" in current["body"]
    for name in ("stale", "bare"):
        assert files[name]["status"] == 200 and files[name]["cache"] == "no-cache" and files[name]["etag"]
    for name in ("disabled", "missing", "escape", "unknown"):
        assert files[name]["status"] == 404, name
