"""Delivering one message to one recipient on one channel: the `notify.deliver` job.

- A remote channel (SMTP, an HTTP gateway) is called outside any transaction: the delivery
  is first marked `sending` (its attempt counted) and committed, then the provider is
  called with the delivery's idempotency key, then the outcome and a log row are written.
  A worker killed between the call and the log leaves `sending` behind; the job's lease
  expires, another worker runs it again and calls the provider with the same key, which
  the provider uses to recognise the message it already has (Message-ID, Idempotency-Key,
  OutId / SessionContext, WeCom's duplicate check): nothing is delivered twice.
- A local channel (inapp, outbox) writes into this database inside the same transaction
  as the outcome and the log row: exactly once.
- Transient failures are retried with backoff (the job's), up to MAX_ATTEMPTS; then, and
  on a permanent failure at once, the delivery fails and the next fallback channel gets a
  delivery of its own.
- The jobs of a claimed batch are delivered together (the job's `many`): one statement
  counts their attempts, the provider calls run in parallel (TRELLIS_NOTIFY_CONCURRENCY,
  default 4, per worker), one transaction records every outcome."""
from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import sqlalchemy as sa

from ..jobs.outbox import enqueue_many
from ..kernel.metrics import NOTIFY_DELIVERIES
from ..storage import models
from .context import SendContext
from .errors import PermanentError, TransientError
from .outgoing import Outgoing
from .rendering import record_context, render_texts
from .routing import reach

D, L = models.delivery, models.delivery_log
FINAL = ("sent", "failed", "skipped")
MAX_ATTEMPTS = 5
CONCURRENCY = int(os.environ.get("TRELLIS_NOTIFY_CONCURRENCY") or 4)  # provider calls at once per worker
LOST = ("上次尝试的结果丢失,已用同一幂等键重发 / the answer to the last attempt was lost: sent again with the same "
        "idempotency key")
JOB = "notify.deliver"

# built once: SQLAlchemy then reuses their compiled form without rebuilding them per delivery
MARK = (D.update().where(D.c.id.in_(sa.bindparam("ids", expanding=True)), D.c.state.not_in(FINAL))
        .values(state="sending", attempts=D.c.attempts + 1, note=sa.case((D.c.state == "sending", LOST), else_=D.c.note))
        .returning(*D.c))
LOG = L.insert()
# only the attempt that marked it records its outcome (a late worker whose lease was taken over writes nothing)
OUTCOME = D.update().where(D.c.id == sa.bindparam("did"), D.c.state == "sending", D.c.attempts == sa.bindparam("tried"))


@dataclass
class Outcome:
    status: str  # sent transient permanent
    answer: str = ""
    error: str | None = None
    latency_ms: int | None = None


class Delivering:
    def __init__(self, notify):
        self.notify = notify
        self.rt = notify.rt
        self._caches: dict[tuple, dict] = {}  # per configured channel: what its type keeps (tokens)

    # -- enqueueing ---------------------------------------------------------------------------
    def enqueue(self, conn, rows: list[dict], cause=None, jobs: bool = True) -> list[int]:
        """Insert delivery rows and a job for each one to send (`jobs`: False when the
        caller delivers them itself, at once: a channel's test); their ids."""
        if not rows:
            return []
        ids = [r.id for r in conn.execute(D.insert().returning(D.c.id, sort_by_parameter_order=True), rows)]
        if jobs:
            enqueue_many(conn, JOB, [([delivery_id], row["run_at"], f"notify:{row['key']}")
                                     for delivery_id, row in zip(ids, rows) if row["state"] not in FINAL],
                         rows[0]["app"], cause)
        return ids

    # -- the job --------------------------------------------------------------------------------
    def deliver(self, delivery_id: int, final: bool = False) -> str | None:
        """Attempt delivery `delivery_id`; its state afterwards. Raises TransientError for
        the job to retry it later (not when `final`: a channel's test tries once)."""
        [(state, error)] = self._attempt([delivery_id], final)
        if error is not None:
            raise error
        return state

    def deliver_many(self, args: list) -> list:
        """The jobs of a claimed batch at once (the job's `many`): per job None (done) or
        the TransientError to retry it with."""
        ids = [a[0] if isinstance(a, list) else a["delivery_id"] for a in args]
        return [error for _, error in self._attempt(ids, False)]

    def _attempt(self, ids: list[int], final: bool) -> list[tuple]:
        """Attempt deliveries: one statement reads them and counts their attempts; remote
        channels are called in parallel (CONCURRENCY at a time), outside any transaction;
        local channels write, and every outcome and log row is recorded, in one transaction.
        [(state, TransientError to retry with or None)] in the order of `ids`."""
        with self.rt.transaction() as conn:
            rows = {r["id"]: dict(r) for r in conn.execute(MARK, {"ids": ids}).mappings()}
        now = self.rt.clock.now().replace(microsecond=0)
        work, results = [], {}
        for d in rows.values():
            try:
                row, kind, config = self._channel(d)
            except PermanentError as e:
                results[d["id"]] = Outcome("permanent", e.answer, str(e))
                continue
            out = Outgoing(key=d["key"], app=d["app"], channel=d["channel"], channel_type=kind.type, to=d["to"],
                           subject=d["subject"] or "", text=d["body"] or "", html=d["html"], urgency=d["urgency"],
                           recipient={k: (d["recipient"] or {}).get(k) for k in ("kind", "key", "name", "user_id",
                                                                                 "lang")},
                           form=d["form"], record=d["record"], link=d["link"], event=d["event"], delivery_id=d["id"])
            work.append((d, kind, config, out, self._caches.setdefault((d["app"], row["name"], row["updated_at"]), {})))
        remote = [w for w in work if not w[1].local]
        if len(remote) > 1:  # the attempts are counted above; a provider gets the same key if one runs again
            with ThreadPoolExecutor(min(CONCURRENCY, len(remote)), thread_name_prefix="trellis-notify") as pool:
                for (d, *_), result in zip(remote, pool.map(
                        lambda w: self._call(w[1], w[2], w[3], SendContext(self.rt, w[4], now)), remote)):
                    results[d["id"]] = result
        else:
            for d, kind, config, out, cache in remote:
                results[d["id"]] = self._call(kind, config, out, SendContext(self.rt, cache, now))
        states = {}
        with self.rt.transaction() as conn:
            done_at = self.rt.clock.now().replace(microsecond=0)
            for d, kind, config, out, cache in work:
                if kind.local:  # its write and the outcome commit together: exactly once
                    results[d["id"]] = self._call(kind, config, out, SendContext(self.rt, cache, now, conn))
            for delivery_id, d in rows.items():
                states[delivery_id] = self._record(conn, d, d["attempts"], results[delivery_id], done_at, final)
        for delivery_id, d in rows.items():  # committed: count each attempt by its channel's type and result
            NOTIFY_DELIVERIES.labels(d["channel_type"] or "unknown", states[delivery_id]).inc()
        out = []
        for delivery_id in ids:
            if delivery_id not in rows:  # gone, or done already
                with self.rt.engine.connect() as c:
                    out.append((c.execute(sa.select(D.c.state).where(D.c.id == delivery_id)).scalar(), None))
                continue
            state = states[delivery_id]
            error = results[delivery_id].error if state == "retrying" else None
            out.append((state, TransientError(error or "transient failure") if state == "retrying" else None))
        return out

    def _channel(self, d: dict):
        """(row, type, configuration) of the delivery's channel (the app's configured
        channels, service.py); PermanentError when it cannot send."""
        found = self.notify.configured(None, d["app"]).get(d["channel"])
        if found is None:
            raise PermanentError(f"渠道 {d['channel']} 不存在 / channel {d['channel']} does not exist")
        row, kind, config = found
        if not row["enabled"]:
            raise PermanentError(f"渠道 {d['channel']} 已停用 / channel {d['channel']} is disabled")
        if kind is None:
            raise PermanentError(f"渠道类型 {row['type']} 未安装 / channel type {row['type']} is not installed")
        if isinstance(config, Exception):
            raise PermanentError(config.message["en"])
        return found

    @staticmethod
    def _call(kind, config: dict, out: Outgoing, ctx: SendContext) -> Outcome:
        started = time.perf_counter()
        try:
            sent = kind().send(config, out, ctx)
            status, answer, error = "sent", (sent.answer or "") if sent else "", None
        except TransientError as e:
            status, answer, error = "transient", e.answer, str(e)
        except PermanentError as e:
            status, answer, error = "permanent", e.answer, str(e)
        return Outcome(status, (answer or "")[:2000], (error or "")[:2000] or None,
                       int((time.perf_counter() - started) * 1000))

    def _record(self, conn, d: dict, attempt: int, result: Outcome, now, final: bool) -> str:
        conn.execute(LOG, {"delivery_id": d["id"], "attempt": attempt, "at": now, "status": result.status,
                           "answer": result.answer or None, "error": result.error, "latency_ms": result.latency_ms})
        if result.status == "sent":
            state = "sent"
        elif result.status == "transient" and attempt < MAX_ATTEMPTS and not final:
            state = "retrying"
        else:
            state = "failed"
        conn.execute(OUTCOME, {"did": d["id"], "tried": attempt, "state": state, "attempts": attempt, "answer": result.answer or None,
                               "error": result.error, "latency_ms": result.latency_ms, "note": d["note"],
                               "sent_at": now if state == "sent" else None})
        if state == "failed":
            self._fallback(conn, d, now)
        return state

    def _fallback(self, conn, d: dict, now) -> None:
        """Give the next channel that reaches the recipient a delivery of its own."""
        channels = self.notify.enabled_channels(conn, d["app"])
        rest = list(d["fallbacks"] or [])
        while rest:
            name = rest.pop(0)
            kind, wanted = channels.get(name, (None, None))
            ok, to = reach(d["recipient"], name, wanted) if kind else (False, None)
            if not ok:
                continue
            texts = self._texts(conn, d, name)
            row = {k: d[k] for k in ("message_id", "app", "event", "urgency", "recipient_key", "recipient", "link",
                                     "dedupe", "form", "record")}
            row.update(key=f"{d['message_id']}:{d['recipient_key']}:{name}", channel=name, channel_type=kind.type,
                       to=to, subject=texts["subject"], body=texts["text"], html=texts["html"], fallbacks=rest,
                       state="queued", note=f"{d['channel']} 失败后改用 / fallback after {d['channel']} failed",
                       attempts=0, run_at=now, created_at=now)
            exists = conn.execute(sa.select(D.c.id).where(D.c.key == row["key"])).first()
            if exists is None:
                self.enqueue(conn, [row])
            return

    def _texts(self, conn, d: dict, channel: str) -> dict:
        """The texts for `channel`: its variant of the published template, else the failed
        delivery's texts."""
        found = self.rt.published.body(d["app"], "template", d["event"])
        if not found:
            return {"subject": d["subject"], "text": d["body"], "html": d["html"]}
        lang = (d["recipient"] or {}).get("lang") or "zh"
        ctx = {**record_context(self.rt, d["app"], d["form"], d["record"], lang, conn),
               "recipient": {"name": d["recipient"].get("name")}, "app": d["app"], "link": d["link"],
               "now": self.rt.clock.now(), "data": {}}
        return render_texts(found, channel, lang, ctx)
