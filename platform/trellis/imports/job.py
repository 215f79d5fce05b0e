"""One import run: `ImportJob(runtime, batch_id).run()`.

The file is streamed in chunks (5,000 rows); for each chunk: rows repeating an earlier
row's unique value or key are refused (`keys.Seen`), reference cells become ids
(`resolve.References`), an update / upsert finds its records (one query per chunk), then
the record service's lean path checks and writes: `create_rows` for new rows,
`update_rows` for matched ones, every problem kept with its row. All writes go through
the record service; inserts are audited one entry per chunk, updates one per row, all
tagged with the batch (`import_note`) and caused by it (cause kind "import", the batch id,
labelled with its number and file name).

- dry run: everything is checked, the database too, in a transaction that is rolled
  back; nothing is written but the error workbook;
- "all": one transaction; from the first refused row on, the rest is only checked, and
  at the end any refused row (or a cancel) rolls everything back;
- "skip": one transaction per chunk (the batch's counts move in the same commit); the
  refused rows are reported, a cancel keeps what was committed and says so.

Between chunks the job writes its progress (done / total, rows/s, ETA) to the batch's
progress file and checks the cancel flag. A batch not "queued" is left alone, so a
job delivered twice runs once; one still "running" when its job is claimed again (the
job's lease expired) is deferred while its run's heartbeat is fresh, else marked failed.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import time
from operator import itemgetter

from ..storage.database import writing
from ..storage.sequences import APART as SEQUENCES_APART
from ..kernel.cause import link
from ..kernel.errors import TrellisError, bilingual
from ..storage.files import FileStore
from ..forms.types.date import EXCEL_EPOCH
from ..security.audit_events import NOTE_KEY, import_note
from ..sheets import open_book
from ..sheets.template import template_info
from ..kernel.defer import Defer
from ..kernel.metrics import IMPORT_ROWS, IMPORT_SECONDS
from . import batches, heartbeat, keys as keymod, mapping as mapmod
from .heartbeat import BatchHeartbeat
from .report import ErrorReport, summary
from .resolve import References

log = logging.getLogger(__name__)
CHUNK = 5000


def chunk_pause() -> float:
    """Seconds to rest before each chunk (TRELLIS_IMPORT_PAUSE_MS, default 0): on a busy SQLite
    instance a "skip" import then leaves the write lock to interactive users between chunks."""
    try:
        return max(0.0, float(os.environ.get("TRELLIS_IMPORT_PAUSE_MS") or 0) / 1000)
    except ValueError:
        return 0.0


class _Abort(Exception):
    """Raised inside the all-or-nothing transaction to roll it back."""


class ImportJob:
    def __init__(self, runtime, batch_id: int, *, chunk_size: int = CHUNK, on_progress=None):
        self.runtime = runtime
        self.batch_id = int(batch_id)
        self.chunk_size = chunk_size
        self.on_progress = on_progress
        self.files_dir = runtime.files_dir
        self.counts = {"inserted": 0, "updated": 0, "skipped": 0, "failed": 0}
        self.done = 0
        self.failing = False
        self.pause = chunk_pause()

    # -- the run ----------------------------------------------------------------------------
    def run(self) -> dict:
        """Run the batch to its end; returns the batch row as stored afterwards."""
        engine = self.runtime.engine
        with writing(engine) as conn:
            b = batches.row(conn, self.batch_id)
            if b["status"] == "running":  # the job was claimed again: is its first run alive?
                return self._orphaned(conn, b)
            if b["status"] != "queued":
                return b
            if batches.cancel_requested(self.files_dir, self.batch_id):
                batches.update(conn, self.batch_id, status="cancelled", finished_at=batches.now(),
                               message=bilingual("导入在开始前已取消", "the import was cancelled before it started"))
                return batches.row(conn, self.batch_id)
            batches.update(conn, self.batch_id, status="running", started_at=batches.now())
        self.b = b
        self.started = time.monotonic()
        status, message = "done", None
        try:
            with engine.connect() as conn:
                self.actor = batches.actor_for(conn, b["user_id"], b["username"])
            with BatchHeartbeat(self.files_dir, self.batch_id):
                status = self._run()
        except TrellisError as e:
            status, message = "failed", e.message
        except Exception:
            log.exception("import batch %s failed", self.batch_id)
            status, message = "failed", bilingual("导入因内部错误中止,已记录", "the import stopped on an internal error (logged)")
        report = getattr(self, "report", None)
        wrote_errors = False
        if report is not None:
            try:
                wrote_errors = report.write(batches.errors_path(self.files_dir, self.batch_id))
            except Exception:
                log.exception("error workbook of batch %s", self.batch_id)
        if message is None:
            message = summary(status, b["dry_run"], b["on_error"], self.counts)
        elif b["on_error"] == "skip" and not b["dry_run"] and (self.counts["inserted"] or self.counts["updated"]):
            message = bilingual(message["zh"] + f"(此前已导入的 {self.counts['inserted'] + self.counts['updated']} 行保留)",
                                message["en"] + f" (the {self.counts['inserted'] + self.counts['updated']} rows "
                                                f"written before stay)")
        total = getattr(self, "total", None)
        if status == "done" and total is not None:
            self.done = total
        final = dict(self.counts, status=status, message=message, done=self.done, finished_at=batches.now(),
                     errors_file="errors.xlsx" if wrote_errors else None, rows_per_second=self._rate(),
                     eta_seconds=None, total=total if total is not None else b["total"])
        with writing(engine) as conn:
            batches.update(conn, self.batch_id, **final)
            out = batches.row(conn, self.batch_id)
        IMPORT_SECONDS.labels(status).observe(time.monotonic() - self.started)
        batches.write_progress(self.files_dir, self.batch_id, self._progress(status))
        return out

    def _orphaned(self, conn, b: dict) -> dict:
        """A batch left running: wait while its run beats, else mark it failed."""
        beat = heartbeat.age(self.files_dir, self.batch_id)
        if beat is not None and beat < heartbeat.stale_after():
            raise Defer(heartbeat.stale_after(), f"import batch {self.batch_id} is still running elsewhere")
        wrote = (b["inserted"] or 0) + (b["updated"] or 0)
        zh, en = "运行导入的进程已停止(租约过期)", "the process running the import stopped (its lease expired)"
        if wrote:
            zh += f",此前已提交的 {wrote} 行保留,可以回滚"
            en += f"; the {wrote} rows committed before stay and can be rolled back"
        batches.update(conn, self.batch_id, status="failed", finished_at=batches.now(), message=bilingual(zh, en))
        return batches.row(conn, self.batch_id)

    def _run(self) -> str:
        b = self.b
        path, _meta = FileStore(self.files_dir).open(b["upload"])
        with open_book(path, b["filename"]) as book:
            sheet = book.sheet(b["sheet"], b["header_row"])
            self.total = sheet.total
            self.svc = self.runtime.records(b["app"], b["form"], self.actor,
                                            cause=link("import", self.batch_id, f"{self.batch_id} ({b['filename']})"))
            cols = sorted(int(c) for c in b["mapping"])
            self.names = [b["mapping"][str(c)] for c in cols]
            self.keys = mapmod.check(self.svc, sheet.headers, dict(zip(cols, self.names)), b["mode"], b["keys"],
                                     sheet.column_letters)
            self.pick = itemgetter(*cols) if len(cols) > 1 else (lambda vals, c=cols[0]: (vals[c],))
            self.refs = References(self.runtime, self.svc, (b["options"] or {}).get("match"))
            self.ref_fields = [(self.names.index(t.id), t) for t in self.refs.fields(self.names)]
            self.seen = keymod.Seen(self.svc.form, self.names, self.keys)
            self.report = ErrorReport(batches.folder(self.files_dir, self.batch_id), sheet.headers,
                                      {n: c for n, c in zip(self.names, cols)}, sheet.first_column)
            info = template_info(book) if book.kind == "xlsx" else None
            self.example = info.example if info is not None and len(info.headers) == len(sheet.headers) else None
            self.first_data_row = sheet.header_row + 2
            self.header_row = sheet.header_row
            chunks = sheet.chunks(self.chunk_size)
            if b["dry_run"]:
                return self._dry(chunks)
            if b["on_error"] == "all":
                return self._all(chunks)
            return self._skip(chunks)

    def _dry(self, chunks) -> str:
        with self.runtime.engine.connect() as conn:
            with conn.begin() as tx:
                _custom_plans(conn)
                for chunk in chunks:
                    if self._cancelled():
                        tx.rollback()
                        return "cancelled"
                    self._chunk(conn, chunk, check_only=True)
                tx.rollback()
        return "done"

    def _all(self, chunks) -> str:
        outcome = "done"
        try:
            with self.runtime.transaction() as conn:
                conn.info[NOTE_KEY] = import_note(self.batch_id)
                conn.info[SEQUENCES_APART] = True  # numbers taken apart: other creates never wait for the import
                _custom_plans(conn)
                try:
                    for chunk in chunks:
                        if self._cancelled():
                            outcome = "cancelled"
                            raise _Abort
                        self._chunk(conn, chunk, check_only=self.failing)
                    if self.failing:
                        outcome = "failed"
                        raise _Abort
                finally:
                    conn.info.pop(NOTE_KEY, None)
                    conn.info.pop(SEQUENCES_APART, None)
        except _Abort:
            written = self.counts["inserted"] + self.counts["updated"]
            self.counts.update(inserted=0, updated=0, skipped=self.counts["skipped"] + written)
        except BaseException:
            self.counts.update(inserted=0, updated=0)  # rolled back: nothing stays
            raise
        return outcome

    def _skip(self, chunks) -> str:
        for chunk in chunks:
            if self._cancelled():
                return "cancelled"
            before = (dict(self.counts), self.done)
            try:
                with self.runtime.transaction() as conn:
                    conn.info[NOTE_KEY] = import_note(self.batch_id)
                    conn.info[SEQUENCES_APART] = True
                    _custom_plans(conn)
                    try:
                        self._chunk(conn, chunk, check_only=False)
                        batches.update(conn, self.batch_id, done=self.done, **self.counts)
                    finally:
                        conn.info.pop(NOTE_KEY, None)
                        conn.info.pop(SEQUENCES_APART, None)
            except BaseException:
                self.counts, self.done = before  # this chunk was rolled back
                raise
        return "done"

    # -- one chunk ----------------------------------------------------------------------------
    def _chunk(self, conn, chunk: list, *, check_only: bool) -> None:
        b = self.b
        first = chunk[0] if chunk else None
        if self.example is not None and first and first[0] == self.first_data_row and _same_row(first[1], self.example):
            chunk = chunk[1:]  # the template's example row
            self.counts["skipped"] += 1
        labels = [n - 1 for n, _ in chunk]
        rows = [self.pick(vals) for _, vals in chunk]
        refused: dict[int, list] = {}

        def refuse(i, err):
            refused.setdefault(i, []).append(err)
        if self.ref_fields:
            rows = [list(r) for r in rows]
            for j, t in self.ref_fields:
                col = self.refs.column(conn, t, [r[j] for r in rows], labels, refuse)
                for r, v in zip(rows, col):
                    r[j] = v
        keys = self.seen.check(rows, labels, refuse)
        inserts, updates = list(range(len(rows))), []
        if b["mode"] != "insert":
            found = keymod.lookup(conn, self.svc, self.keys, {k for k in keys if k is not None})
            inserts, updates = [], []
            for i, key in enumerate(keys):
                ids = found.get(key, []) if key is not None else []
                if len(ids) == 1:
                    updates.append((i, ids[0]))
                elif len(ids) > 1:
                    refuse(i, self._key_error(i, labels, "ambiguous_key", f"匹配到 {len(ids)} 条记录",
                                              f"matches {len(ids)} records"))
                elif b["mode"] == "upsert":
                    inserts.append(i)
                elif key is None:
                    refuse(i, self._key_error(i, labels, "key_empty", "为空或无效,无法匹配记录",
                                              "is empty or invalid, no record can be matched"))
                else:
                    refuse(i, self._key_error(i, labels, "no_match", "找不到匹配的记录(或你无权修改)",
                                              "matches no record (or none you may change)"))
        bad: dict[int, list] = {i: errs for i, errs in refused.items()}
        wrote = not check_only
        if inserts:
            res = self.svc.create_rows(self.names, [rows[i] for i in inserts], conn=conn,
                                       labels=[labels[i] for i in inserts], skip_invalid=True, check_only=check_only,
                                       audit="summary", refused=_sub(refused, inserts))
            for k, i in enumerate(inserts):
                if k in res.errors:
                    bad[i] = res.errors[k]
                elif res.ids[k] is not None or not wrote:
                    self.counts["inserted"] += 1
        if updates:
            fields = [n for n in self.names if n not in self.keys]
            at = [self.names.index(n) for n in fields]
            items = [dict(zip(fields, (rows[i][j] for j in at)), id=rid) for i, rid in updates]
            idx = [i for i, _ in updates]
            res = self.svc.update_rows(items, conn=conn, labels=[labels[i] for i in idx], skip_invalid=True,
                                       check_only=check_only, refused=_sub(refused, idx), skip_unchanged=True)
            for k, i in enumerate(idx):
                if k in res.errors:
                    bad[i] = res.errors[k]
                elif k in res.unchanged:
                    self.counts["skipped"] += 1
                elif res.ids[k] is not None or not wrote:
                    self.counts["updated"] += 1
        if bad:
            self.failing = True
            self.counts["failed"] += len(bad)
            self.report.add([(chunk[i][0], chunk[i][1], _first_per_field(bad[i])) for i in sorted(bad)])
        if chunk:
            self.done = max(self.done, chunk[-1][0] - 1 - self.header_row)
        IMPORT_ROWS.inc(len(chunk))  # processed (checked, written or refused): rate() is rows/s
        self._tick()

    def _key_error(self, i, labels, code, zh, en):
        from ..records.validation import field_error, label

        names = "、".join(label(self.svc.form, k)[0] for k in self.keys)
        names_en = ", ".join(label(self.svc.form, k)[1] for k in self.keys)
        return field_error(self.svc.form, self.keys[0], code, f"匹配字段({names}){zh}",
                           f"the key ({names_en}) {en}", labels[i])

    # -- progress and cancel -------------------------------------------------------------------
    def _rate(self) -> float | None:
        elapsed = time.monotonic() - getattr(self, "started", time.monotonic())
        return round(self.done / elapsed, 1) if elapsed > 0 and self.done else None

    def _progress(self, status: str) -> dict:
        rate = self._rate()
        total = getattr(self, "total", None)
        eta = round(max(total - self.done, 0) / rate, 1) if rate and total is not None and status == "running" else None
        return dict(self.counts, status=status, done=self.done, total=total, rows_per_second=rate, eta_seconds=eta)

    def _tick(self) -> None:
        progress = self._progress("running")
        batches.write_progress(self.files_dir, self.batch_id, progress)
        if self.on_progress is not None:
            self.on_progress(progress)

    def _cancelled(self) -> bool:
        """Before each chunk: rest (see `chunk_pause`; in "skip" mode no transaction is open
        here), then whether a cancel was asked for."""
        if self.pause:
            time.sleep(self.pause)
        return batches.cancel_requested(self.files_dir, self.batch_id)


def _same_row(values: list, example: list) -> bool:
    """Whether a data row is the template's example (its copy in `_fields` holds dates as
    Excel serials)."""
    if len(values) != len(example):
        return False
    for v, e in zip(values, example):
        if v == e:
            continue
        date, number = (v, e) if hasattr(v, "year") else (e, v)
        if not (hasattr(date, "year") and type(number) in (int, float)):
            return False
        when = date if isinstance(date, dt.datetime) else dt.datetime.combine(date, dt.time())
        if abs((when - EXCEL_EPOCH).total_seconds() / 86400 - number) > 1e-6:
            return False
    return True


def _custom_plans(conn) -> None:
    """PostgreSQL: plan each lookup for the values it is given. The driver prepares a
    statement run five times, and the generic plan made while the table looked empty (a
    sequential scan) would then serve every chunk of a table growing by thousands of rows."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")


def _sub(refused: dict, indexes: list[int]) -> dict:
    """The refused rows among `indexes`, renumbered by their position there."""
    if not refused:
        return {}
    return {k: refused[i] for k, i in enumerate(indexes) if i in refused}


def run_batch(runtime, batch_id: int) -> dict:
    """The task function (`imports.run`): run a queued batch; returns its final status."""
    out = ImportJob(runtime, batch_id).run()
    return {"id": out["id"], "status": out["status"]}


def _first_per_field(errors: list) -> list:
    """A row's problems, one per field: the import's own (a key repeated in the file) come
    first and make the record service's echo of the same problem redundant."""
    seen, out = set(), []
    for e in errors:
        field = e.get("field")
        if field is not None and field in seen:
            continue
        seen.add(field)
        out.append(e)
    return out
