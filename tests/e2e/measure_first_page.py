"""How long the client grid takes to show its first page in the browser, on an already seeded
instance (e.g. the 1,000,000-client benchmark database):

    .venv/bin/python tests/e2e/measure_first_page.py --home /tmp/bench1m/list --admin-password bench-pass-1

starts `trellis run` on that instance (serving frontend/dist), signs in through the UI with
Debian's Chromium, then five times opens the client grid and times from the navigation until
the rows of its first page are visible; prints the median (and each run). A second figure
times the same grid reached from another form through the side menu (no page load)."""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from e2e_ui import APP, Api, Server, dist_dir, grid_rows, launch, login, menu_item  # noqa: E402


def menu_entry(page, form: str, label: str):
    """The side-menu entry of `form` (by its route key; by its label if the menu lacks keys)."""
    keyed = page.locator(f'li[role="menuitem"][data-menu-id$="/forms/{form}"]')
    return keyed if keyed.count() == 1 else menu_item(page, label)


def first_page_visible(page, expected_rows: int, timeout: float = 120_000) -> None:
    grid_rows(page).nth(expected_rows - 1).wait_for(state="visible", timeout=timeout)


def print_requests(page) -> None:
    """The page's requests (start and duration in ms from the navigation), to see what waits on what."""
    entries = page.evaluate("""() => performance.getEntriesByType('resource').map(
        (e) => [e.name.replace(location.origin, ''), Math.round(e.startTime), Math.round(e.duration)])""")
    for name, start, duration in entries:
        print(f"  {start:6d} ms +{duration:5d} ms  {name[:110]}")
    marks = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]);
        return [['responseEnd', Math.round(nav.responseEnd)], ['domContentLoaded', Math.round(nav.domContentLoadedEventEnd)],
                ...paint];
    }""")
    print("  " + ", ".join(f"{name} {ms} ms" for name, ms in marks))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", required=True, type=Path, help="TRELLIS_HOME of a seeded instance")
    ap.add_argument("--admin-password", required=True)
    ap.add_argument("--admin-user", default="admin")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--form", default="client")
    ap.add_argument("--trace", action="store_true", help="print the requests of the last page load with their timings")
    args = ap.parse_args()
    if not (dist_dir() / "index.html").exists():
        print(f"the web UI is not built ({dist_dir()}/index.html missing): cd frontend && npm run build",
              file=sys.stderr)
        return 2

    from playwright.sync_api import sync_playwright

    log = Path(args.home) / "measure_first_page.log"
    server = Server(args.home.resolve(), log, dist=dist_dir())
    try:
        api = Api(server.base, args.admin_user, args.admin_password)
        reply = api.records(args.form, limit=50, count="exact", fields="id")
        total, expected = reply["count"], len(reply["items"])
        label = api.form(args.form)["label"]["zh"]
        with sync_playwright() as p:
            browser = launch(p)
            ctx = browser.new_context(base_url=server.base, locale="zh-CN", viewport={"width": 1440, "height": 900})
            page = ctx.new_page()
            login(page, args.admin_user, args.admin_password, timeout=120_000)
            url = f"/apps/{APP}/forms/{args.form}"
            # a warm-up load fills the browser's cache with the UI's assets, as for a returning user
            page.goto(url)
            first_page_visible(page, expected)

            loads = []
            for _ in range(args.runs):
                page.goto("about:blank")
                t0 = time.perf_counter()
                page.goto(url, wait_until="commit")
                first_page_visible(page, expected)
                loads.append(time.perf_counter() - t0)
                if args.trace:
                    print(f"  rows seen at {page.evaluate('performance.now()'):.0f} ms of the page's own clock")
            if args.trace:
                print_requests(page)

            other = next(f for f in api.get(f"/api/v1/apps/{APP}/forms")["items"]
                         if f["id"] != args.form and f.get("published_version"))
            other_label = other["label"]["zh"]
            clicks = []
            for _ in range(args.runs):
                menu_entry(page, other["id"], other_label).click()
                page.wait_for_url(f"**/forms/{other['id']}")
                grid_rows(page).first.wait_for(state="visible", timeout=120_000)
                t0 = time.perf_counter()
                menu_entry(page, args.form, label).click()
                first_page_visible(page, expected)
                clicks.append(time.perf_counter() - t0)
            browser.close()
    finally:
        server.stop()

    fmt = ", ".join
    print(f"first grid page visible: p50 {statistics.median(loads):.2f} s ({total:,} {args.form} records, "
          f"{expected} rows; page load) runs: {fmt(f'{t:.2f}' for t in loads)}")
    print(f"first grid page visible: p50 {statistics.median(clicks):.2f} s ({total:,} {args.form} records, "
          f"{expected} rows; from the side menu) runs: {fmt(f'{t:.2f}' for t in clicks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
