"""Benchmark of notifications, on the futures CRM seed (SQLite; PostgreSQL when it answers):

1. messages routed, templated and enqueued per second by `runtime.notify.send` (one
   message to a client per call, each in its own transaction: the record read, routing,
   the template rendered, message + delivery + job rows written) against a hand-written
   loop doing the same work with raw SQL and an f-string (read the client, insert the
   three rows) in the same run;
2. deliveries per second to a local HTTP receiver through the webhook channel with 4
   concurrent deliveries: one worker claims batches of due deliveries, counts their
   attempts in one statement, makes the signed HTTP calls 4 at a time and records the
   outcomes and log rows in one transaction; against the same signed HTTP calls from 4
   threads with urllib and no database.

Goals: >= 2,000 messages/s routed and enqueued per process on SQLite; >= 500 deliveries/s.
Usage: python tests/bench/bench_notify.py [--messages N] [--deliveries N]
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path

from common import ROOT, ScratchPostgres, make_app

APP = "futures_crm"
SECRET = "bench-webhook-secret"
CONCURRENCY = 4  # provider calls at once (TRELLIS_NOTIFY_CONCURRENCY's default)
BATCH = 250  # messages per send_many call (and per transaction of the raw loop)


def _setup(home: Path, url: str | None):
    app = make_app(home, database_url=url)
    from trellis.provision.seed import seed_app  # after the app: FAB's models need it first

    rt = app.extensions["trellis"]
    seed_app(rt, str(ROOT / "seeds"), APP, 300, progress=lambda *a: None)
    with rt.engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT id FROM futures_crm__client ORDER BY id")]
    return app, rt, ids


def _clear(rt) -> None:
    from trellis.storage import models

    with rt.transaction() as conn:
        for t in (models.delivery_log, models.delivery, models.message, models.outbox, models.inbox, models.job):
            conn.execute(t.delete())


def _raw_enqueue(rt, ids: list[int], n: int, batch: int = 1) -> float:
    """The same work by hand: read the client, render with an f-string, insert message,
    delivery and job rows, one transaction per `batch` messages."""
    import sqlalchemy as sa

    from trellis.storage.database import writing

    read = sa.text("SELECT id, name, mobile, equity, channel_preference FROM futures_crm__client WHERE id = :id")
    msg = sa.text("INSERT INTO trellis_messages (app, event, urgency, form, record, created_at) "
                  "VALUES (:app, 'deposit_arrived', 'medium', 'client', :rec, :now) RETURNING id")
    dlv = sa.text("INSERT INTO trellis_deliveries (message_id, key, app, event, channel, urgency, recipient_key, "
                  "recipient, \"to\", subject, body, state, attempts, form, record, run_at, created_at) VALUES "
                  "(:m, :key, :app, 'deposit_arrived', 'push', 'medium', :rk, :rcp, :to, :subj, :body, 'queued', 0, "
                  "'client', :rec, :now, :now) RETURNING id")
    job = sa.text("INSERT INTO trellis_jobs (name, args, run_at, key, state, attempts, app, created_at) VALUES "
                  "('notify.deliver', :args, :now, :key, 'queued', 0, :app, :now)")
    started = time.perf_counter()
    for first in range(0, n, batch):
        with writing(rt.engine) as conn:
            for i in range(first, min(n, first + batch)):
                _raw_one(conn, read, msg, dlv, job, ids[i % len(ids)])
    return n / (time.perf_counter() - started)


def _raw_one(conn, read, msg, dlv, job, rec: int) -> None:
    now = datetime.now()
    c = conn.execute(read, {"id": rec}).mappings().first()
    body = f"{c['name']}您好,您的入金已到账,当前客户权益 {c['equity']} 元。"
    m = conn.execute(msg, {"app": APP, "rec": rec, "now": now}).scalar()
    key = f"{m}:record:client:{rec}:push"
    d = conn.execute(dlv, {"m": m, "key": key, "app": APP, "rk": f"record:client:{rec}",
                           "rcp": json.dumps({"name": c["name"]}), "to": c["mobile"], "subj": "入金到账通知",
                           "body": body, "rec": rec, "now": now}).scalar()
    conn.execute(job, {"args": json.dumps([d]), "now": now, "key": f"notify:{key}", "app": APP})


def _notify_enqueue(rt, ids: list[int], n: int, batch: int = 1) -> float:
    """`runtime.notify.send` per message (batch 1), or `send_many` with `batch` messages
    per call (a flow sending to a segment)."""
    started = time.perf_counter()
    for first in range(0, n, batch):
        items = [{"record": ids[i % len(ids)], "dedupe": str(i)} for i in range(first, min(n, first + batch))]
        rt.notify.send_many(APP, "deposit_arrived", items, recipients=[{"client": True}], form="client", only="push")
    return n / (time.perf_counter() - started)


def routing(rt, ids, n: int) -> dict:
    out = {}
    _notify_enqueue(rt, ids, 200)  # warm up: caches, compiled templates
    _clear(rt)
    for batch in (1, BATCH):
        for path in ("raw", "notify", "notify", "raw"):
            rate = (_raw_enqueue if path == "raw" else _notify_enqueue)(rt, ids, n, batch)
            out[(path, batch)] = max(out.get((path, batch), 0.0), rate)
            _clear(rt)
    return out


def _raw_http(url: str, n: int) -> None:
    """Signed HTTP calls with urllib, no database: what a delivery does on the wire."""
    for i in range(n):
        body = json.dumps({"key": f"raw-{os.getpid()}-{i}", "text": "入金到账"}).encode()
        ts = str(int(time.time()))
        sig = hmac.new(SECRET.encode(), ts.encode() + b"." + body, hashlib.sha256).hexdigest()
        req = urllib.request.Request(url, data=body, method="POST", headers={
            "Content-Type": "application/json", "X-Trellis-Timestamp": ts, "X-Trellis-Signature": f"sha256={sig}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            r.read()


def _threads(work, count: int) -> float:
    """Run `work()` in `count` threads at once; the seconds until all finished."""
    pool = [threading.Thread(target=work) for _ in range(count)]
    started = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.perf_counter() - started


def delivery(rt, ids, n: int, workers: int = CONCURRENCY) -> dict:
    sys.path.insert(0, str(ROOT / "tests" / "notify"))
    from receiver import Answer, Receiver

    out = {}
    with Receiver([Answer.ok()]) as rx:
        with rt.transaction() as conn:
            rt.notify.channels.save(conn, APP, "push", {"type": "webhook", "config": {"url": rx.url("/hook"),
                                                                                     "secret": SECRET}},
                                    None, datetime.now())
        for path in ("raw", "trellis", "trellis", "raw"):
            if path == "raw":
                rate = n // workers * workers / _threads(lambda: _raw_http(rx.url("/hook"), n // workers), workers)
            else:
                _clear(rt)
                _notify_enqueue(rt, ids, n, BATCH)
                started = time.perf_counter()
                rt.jobs.run_due()  # one worker: each claimed batch delivered 4 at a time
                rate = n / (time.perf_counter() - started)
                with rt.engine.connect() as conn:
                    sent = conn.exec_driver_sql("SELECT count(*) FROM trellis_deliveries WHERE state = 'sent'").scalar()
                assert sent == n, (sent, n)
            out[path] = max(out.get(path, 0.0), rate)
    out["ratio"] = out["trellis"] / out["raw"]
    return out


def run(url: str | None, args) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        app, rt, ids = _setup(Path(tmp), url)
        with app.app_context():
            r = routing(rt, ids, args.messages)
            d = delivery(rt, ids, args.deliveries)
        rt.engine.dispose()
    return {"dialect": "postgresql" if url else "sqlite", "routing": r, "delivery": d}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=2000)
    ap.add_argument("--deliveries", type=int, default=1000)
    ap.add_argument("--database-url", help="run on this database only (one Flask app per process)")
    args = ap.parse_args(argv)
    if args.database_url:
        results = [run(args.database_url, args)]
    else:
        results = [run(None, args)]
        with ScratchPostgres() as url:
            if url is not None:  # a process of its own: Flask-AppBuilder builds one app per process
                subprocess.run([sys.executable, __file__, "--messages", str(args.messages), "--deliveries",
                                str(args.deliveries), "--database-url", url], check=True)
    for res in results:
        r, d = res["routing"], res["delivery"]
        for batch, how in ((1, "one send() per message"), (BATCH, f"send_many() of {BATCH}")):
            mine, raw = r[("notify", batch)], r[("raw", batch)]
            print(f"notify {res['dialect']}: routed+templated+enqueued {mine:,.0f} messages/s ({how}), hand-written "
                  f"raw SQL loop {raw:,.0f}/s, ratio {mine / raw:.2f}x (goal on sqlite: >= 2,000/s)")
        print(f"notify {res['dialect']}: delivered {d['trellis']:,.0f}/s to the loopback receiver with 4 concurrent "
              f"deliveries (one worker), raw signed HTTP loop (4 threads) {d['raw']:,.0f}/s, "
              f"ratio {d['ratio']:.2f}x (goal: >= 500/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
