"""Benchmark of a dashboard's snapshot (reports/snapshot.py, what a scheduled delivery sends):
the futures CRM seeded with N clients (and their tickets and surveys) on SQLite, the
`service_quality` dashboard (two KPI cards, two line charts, two bar charts, a donut) built
for an administrator and for an account manager:

- the first snapshot of the process (vl-convert's start included);
- uncached: the report cache and the kept drawings emptied before each build, so every
  tile's figures are computed and every chart drawn again (what the first recipient of a
  scope costs), split into the figures and the charts drawn as PNG;
- cached: the figures from the report cache and the drawings kept (what every further
  recipient of the same scope costs);
- the size of the mail's HTML (the images inline as base64).

Usage: python tests/bench/bench_snapshot.py [--clients N] [--samples N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from common import percentiles

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=300)
    ap.add_argument("--samples", type=int, default=10)
    args = ap.parse_args()

    from crm_app import seed_crm
    from trellis import create_app
    from trellis.imports.batches import actor_for
    from trellis.provision.setup import init_db
    from trellis.reports import chart_png, snapshot
    from trellis.reports.cache import ResultCache

    home = Path(tempfile.mkdtemp(prefix="trellis-bench-snapshot-"))
    app = create_app({"TRELLIS_HOME": str(home), "TRELLIS_DEFINITION_TTL": 0, "WTF_CSRF_ENABLED": False})
    init_db(app, admin_password="bench-pass-1")
    started = time.perf_counter()
    seed_crm(app, args.clients)
    rt = app.extensions["trellis"]
    with rt.engine.connect() as conn:
        counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM futures_crm__{t}").scalar()
                  for t in ("client", "ticket", "survey")}
        ids = dict(conn.exec_driver_sql("SELECT username, id FROM ab_user WHERE username IN ('admin', 'am0001')").all())
        viewers = {name: actor_for(conn, ids[name], name) for name in ("admin", "am0001")}
    print(f"seeded in {time.perf_counter() - started:.1f} s: {counts}")

    drawn: list[float] = []
    real_png = chart_png.png

    def png(spec, *a, **kw):
        t = time.perf_counter()
        try:
            return real_png(spec, *a, **kw)
        finally:
            drawn.append(time.perf_counter() - t)

    chart_png.png = png
    t = time.perf_counter()
    first = snapshot.build(rt, "futures_crm", "service_quality", viewers["admin"])
    print(f"first snapshot of the process: {(time.perf_counter() - t) * 1000:.0f} ms "
          f"({len(first.tiles)} tiles, {len(first.images)} charts, HTML {len(first.html) / 1024:.0f} KiB)")
    for name, who in viewers.items():
        totals, charts = [], []
        for _ in range(args.samples):
            rt.reports.cache = ResultCache()
            chart_png._kept.clear()
            drawn.clear()
            t = time.perf_counter()
            shot = snapshot.build(rt, "futures_crm", "service_quality", who)
            totals.append(time.perf_counter() - t)
            charts.append(sum(drawn))
        cached = []
        for _ in range(args.samples):
            t = time.perf_counter()
            snapshot.build(rt, "futures_crm", "service_quality", who)
            cached.append(time.perf_counter() - t)
        (m, p), (cm, cp), (dm, _dp) = percentiles(totals), percentiles(cached), percentiles(charts)
        print(f"{name}: uncached median {m * 1000:.0f} ms (p95 {p * 1000:.0f}; charts {dm * 1000:.0f} ms, "
              f"figures {(m - dm) * 1000:.0f} ms), cached median {cm * 1000:.0f} ms (p95 {cp * 1000:.0f}); "
              f"{len(shot.images)} PNGs {sum(len(i.data) for i in shot.images) / 1024:.0f} KiB, "
              f"HTML {len(shot.html) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
