"""`/readyz`'s checks, each named and, when failing, with a bilingual reason:

- `database`: a pooled connection answers `SELECT 1`;
- `redis` (only with TRELLIS_REDIS_URL): the broker answers PING;
- `migrations`: the database's Alembic revision is this code's head;
- `scheduler`: some process claimed jobs lately (jobs/beat.py) - an embedded scheduler
  thread, or Celery beat's tick on a worker; older than STALE_AFTER seconds fails, but in
  the first STALE_AFTER seconds after this process started a missing beat is "not yet";
- `queue`: jobs due and not claimed, and how long the oldest of them has waited; more
  than TRELLIS_READY_MAX_LAG_SECONDS (default 300) fails.

The database checks run on one connection in one thread, Redis in another; the answer is
given after at most `timeout` seconds (a hung server is reported as not answering, and
while a probe still hangs no second one is started). No Flask here: the tests run it on
an engine of their own.
"""
from __future__ import annotations

import functools
import os
import threading
import time
from pathlib import Path

import sqlalchemy as sa

from ..jobs import beat
from ..jobs.store import JobStore
from ..kernel.errors import bilingual
from ..storage.models import job as J

STALE_AFTER = 30.0
DUE_CAP = 100_000  # counted up to this many (a deep queue is not counted row by row on every probe)


@functools.cache
def code_heads() -> tuple[str, ...]:
    """The Alembic head revision(s) of platform/trellis/storage/migrations."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from ..storage import migrate

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrate.__file__).parent / "migrations"))
    return tuple(ScriptDirectory.from_config(cfg).get_heads())


def _fail(zh: str, en: str, **more) -> dict:
    return {"ok": False, "message": bilingual(zh, en), **more}


def _short(err: Exception) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0][:300]


class Readiness:
    """The checks of one process; `report()` -> (ready, {check name: result})."""

    def __init__(self, engine: sa.Engine, now, *, redis_url: str | None = None, max_lag: float = 300.0,
                 timeout: float = 2.0, stale_after: float = STALE_AFTER):
        self.engine, self.now, self.redis_url = engine, now, redis_url
        self.max_lag, self.timeout, self.stale_after = float(max_lag), float(timeout), float(stale_after)
        self.started = time.monotonic()
        self.store = JobStore(engine)
        self._probes: dict[str, tuple[threading.Thread, dict]] = {}
        self._lock = threading.Lock()
        self._redis = None

    def report(self) -> tuple[bool, dict]:
        deadline = time.monotonic() + self.timeout
        probes = {"database": self._start("database", self._database)}
        if self.redis_url:
            probes["redis"] = self._start("redis", self._ping_redis)
        checks: dict[str, dict] = {}
        for name, (thread, box) in probes.items():
            thread.join(max(0.0, deadline - time.monotonic()))
            if "result" in box:
                checks.update(box["result"])
                continue
            what = "数据库" if name == "database" else "Redis"
            checks[name] = _fail(f"{what} 在 {self.timeout:g} 秒内没有响应", f"{name} did not answer within "
                                 f"{self.timeout:g} s")
            if name == "database":
                for dependent in ("migrations", "scheduler", "queue"):
                    checks[dependent] = _fail("数据库无响应,未检查", "not checked: the database does not answer")
        order = ("database", "redis", "migrations", "scheduler", "queue")
        checks = {k: checks[k] for k in order if k in checks}
        return all(c["ok"] for c in checks.values()), checks

    def _start(self, name: str, fn) -> tuple[threading.Thread, dict]:
        """A probe thread; the one still running from an earlier call when there is one."""
        with self._lock:
            running = self._probes.get(name)
            if running is not None and running[0].is_alive():
                return running
            box: dict = {}

            def run():
                box["result"] = fn()

            thread = threading.Thread(target=run, name=f"trellis-ready-{name}", daemon=True)
            self._probes[name] = (thread, box)
            thread.start()
            return thread, box

    # -- the database's checks ----------------------------------------------------------------
    def _database(self) -> dict:
        t0 = time.perf_counter()
        try:
            conn = self.engine.connect()
            conn.execute(sa.text("SELECT 1"))
        except Exception as e:
            not_checked = _fail("数据库无响应,未检查", "not checked: the database does not answer")
            return {"database": _fail(f"数据库无响应:{_short(e)}", f"the database does not answer: {_short(e)}"),
                    "migrations": not_checked, "scheduler": not_checked, "queue": not_checked}
        out = {"database": {"ok": True, "ms": round((time.perf_counter() - t0) * 1000, 1)}}
        with conn:
            for name, check in (("migrations", self._migrations), ("scheduler", self._scheduler),
                                ("queue", self._queue)):
                try:
                    out[name] = check(conn)
                except Exception as e:
                    conn.rollback()
                    out[name] = _fail(f"检查失败:{_short(e)}", f"the check failed: {_short(e)}")
        return out

    def _migrations(self, conn) -> dict:
        heads = code_heads()
        try:
            at = tuple(sorted(r[0] for r in conn.execute(sa.text("SELECT version_num FROM trellis_alembic_version"))))
        except sa.exc.DBAPIError:
            conn.rollback()
            at = ()
        info = {"database": ",".join(at) or None, "code": ",".join(heads)}
        if at == tuple(sorted(heads)):
            return {"ok": True, **info}
        if not at:
            return _fail("数据库尚未初始化:请运行 trellis init", "the database is not initialized: run `trellis init`",
                         **info)
        return _fail(f"数据库结构版本 {info['database']} 与程序的 {info['code']} 不一致:请运行 trellis upgrade",
                     f"the database schema is at {info['database']}, this code expects {info['code']}: "
                     f"run `trellis upgrade`", **info)

    def _scheduler(self, conn) -> dict:
        age = beat.age(self.engine, conn)
        who = "Celery beat 与 worker" if self.redis_url else "服务进程的任务调度线程"
        who_en = "Celery beat and a worker" if self.redis_url else "a serving process's job scheduler thread"
        fresh = age is not None and age <= self.stale_after
        if fresh:
            return {"ok": True, "age_seconds": round(age, 1)}
        if time.monotonic() - self.started < self.stale_after:
            return {"ok": True, "state": "starting", "age_seconds": None if age is None else round(age, 1),
                    "message": bilingual("刚启动,尚未收到调度器心跳", "not yet: just started, no scheduler heartbeat yet")}
        if age is None:
            return _fail(f"从未收到任务调度器的心跳(应由{who}写入)",
                         f"no job scheduler heartbeat was ever recorded (by {who_en})", age_seconds=None)
        return _fail(f"任务调度器已 {age:.0f} 秒没有心跳(上限 {self.stale_after:g} 秒):请检查{who}",
                     f"the job scheduler's last heartbeat was {age:.0f} s ago (limit {self.stale_after:g} s): "
                     f"check {who_en}", age_seconds=round(age, 1))

    def _queue(self, conn) -> dict:
        now = self.now()
        due = sa.select(J.c.run_at).where(self.store.due_condition(now)).limit(DUE_CAP).subquery()
        count, oldest = conn.execute(sa.select(sa.func.count(), sa.func.min(due.c.run_at))).one()
        lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
        info = {"due": count, "due_capped": count >= DUE_CAP, "oldest_lag_seconds": round(lag, 1),
                "max_lag_seconds": self.max_lag}
        if lag <= self.max_lag:
            return {"ok": True, **info}
        return _fail(f"最早的到期任务已等待 {lag:.0f} 秒(上限 {self.max_lag:g} 秒,TRELLIS_READY_MAX_LAG_SECONDS)",
                     f"the oldest due job has waited {lag:.0f} s (limit {self.max_lag:g} s, "
                     f"TRELLIS_READY_MAX_LAG_SECONDS)", **info)

    # -- Redis ------------------------------------------------------------------------------------
    def _ping_redis(self) -> dict:
        t0 = time.perf_counter()
        try:
            if self._redis is None or self._redis[0] != os.getpid():
                import redis

                self._redis = (os.getpid(), redis.Redis.from_url(self.redis_url, socket_timeout=self.timeout,
                                                                 socket_connect_timeout=self.timeout))
            self._redis[1].ping()
        except Exception as e:
            return {"redis": _fail(f"Redis 无响应:{_short(e)}", f"Redis does not answer: {_short(e)}")}
        return {"redis": {"ok": True, "ms": round((time.perf_counter() - t0) * 1000, 1)}}
