"""How many bytes a first visit moves over the network, as Chromium counts them (the encoded
size of every response: compressed bodies plus headers), on a seeded instance:

    .venv/bin/python tests/e2e/measure_transfer.py --home /tmp/fp2000 --admin-password bench-pass-1

starts `trellis run` on that instance (serving frontend/dist), opens the login page with an
empty cache and sums what it loaded; then signs in and, with the cache emptied again, opens
the client grid and sums that page load too. Prints both, split into scripts, styles and API."""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_ui import APP, LOGIN_PATH, Server, dist_dir, grid_rows, launch, login  # noqa: E402


def _kind(url: str) -> str:
    path = url.split("?", 1)[0]
    if "/api/" in path:
        return "api"
    for ext, kind in ((".js", "js"), (".css", "css")):
        if path.endswith(ext):
            return kind
    return "other"


def load_bytes(page, cdp, url: str, ready) -> dict:
    """Encoded bytes of one page load from an empty cache, by kind of resource."""
    urls, sizes = {}, defaultdict(int)
    cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], sizes[e["requestId"]] + e["encodedDataLength"]))
    cdp.send("Network.clearBrowserCache")
    page.goto("about:blank")
    sizes.clear()
    urls.clear()
    page.goto(url)
    ready()
    page.wait_for_load_state("networkidle")
    out = defaultdict(int)
    for rid, n in list(sizes.items()):
        out[_kind(urls.get(rid, ""))] += n
    out["total"] = sum(v for k, v in out.items() if k != "total")
    return dict(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True, type=Path, help="TRELLIS_HOME of a seeded instance")
    ap.add_argument("--admin-password", required=True)
    ap.add_argument("--admin-user", default="admin")
    ap.add_argument("--form", default="client")
    args = ap.parse_args()
    if not (dist_dir() / "index.html").exists():
        print(f"the web UI is not built ({dist_dir()}/index.html missing)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = Server(args.home.resolve(), Path(args.home) / "measure_transfer.log", dist=dist_dir())
    try:
        with sync_playwright() as p:
            browser = launch(p)
            ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport={"width": 1440, "height": 900})
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            ready = page.get_by_role("button").first.wait_for
            results = {"login page": load_bytes(page, cdp, LOGIN_PATH, ready)}
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
            login(page, args.admin_user, args.admin_password, timeout=120_000)
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            results["grid page"] = load_bytes(page, cdp, f"/apps/{APP}/forms/{args.form}",
                                              lambda: grid_rows(page).first.wait_for(timeout=120_000))
            browser.close()
    finally:
        server.stop()
    for name, r in results.items():
        parts = ", ".join(f"{k} {v / 1024:.0f} kB" for k, v in sorted(r.items()) if k != "total")
        print(f"{name} (empty cache): {r['total'] / 1024:.0f} kB transferred ({parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
