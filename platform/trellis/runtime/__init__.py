"""The Runtime: what the engines share in one process — the engine, the registries, the
definition store, the lifecycle dispatch, the jobs (durable deferred work), the clock and
the cache of published forms. Built by the app factory (or directly, by the CLI and the
tests); engines receive it explicitly and never read Flask globals.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager

import sqlalchemy as sa

from ..kernel.actor import Actor
from ..storage.database import writing
from ..plugins import install_all, load_registries
from ..meta.kinds import DefinitionKinds
from ..meta.store import DefinitionStore
from ..forms.indexes import SlowQueryLog
from ..records.lifecycle import Lifecycle
from ..logic.moment import DEFAULT_ZONE, logic_time
from ..kernel.cause import DEFAULT_MAX_DEPTH
from ..records.service import RecordService
from ..storage.sequences import SequenceContext
from ..jobs.outbox import ENQUEUED_KEY
from ..jobs.service import Jobs
from ..jobs.shared_clock import instance_clock
from ..kernel.clock import CLOCK_KEY, Clock
from .actors import Actors
from .definition_kinds import register_core_kinds
from .directory import Directory
from .grants import Grants
from .published import Published

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, engine: sa.Engine, *, registries=None, redis_url: str | None = None,
                 count_threshold: int = 1000, ttl: float = 2.0, files_dir: str | None = None,
                 plugins=None, clock: Clock | None = None, timezone: str | None = None,
                 max_cause_depth: int = DEFAULT_MAX_DEPTH, secret: str | bytes | None = None,
                 base_url: str = ""):
        self.engine = engine
        # the one "now" of scheduling; a SimulatedClock in simulations and tests, the shared
        # simulated clock of every process under TRELLIS_SIMULATION=1 (jobs/shared_clock.py)
        self.clock = clock or instance_clock(engine)
        self.timezone = timezone or DEFAULT_ZONE  # the instance's zone: "now"/"today" in rules (logic/moment.py)
        self.max_cause_depth = max_cause_depth  # writes causing writes deeper than this are refused (kernel/cause.py)
        self.secret = secret  # the instance secret: channel credentials are sealed under a key derived from it
        self.notify = None  # the notify engine's service (notify/service.py), set when it installs
        self.flows = None  # the flow engine (flows/engine.py), set when it installs
        self.reports = None  # the report engine (reports/engine.py), set when it installs
        self.base_url = base_url  # where users reach this instance: links in messages start with it
        self.registries = registries or load_registries()
        # kinds of definition by name; an install step adds one with definition_kinds.add(kind)
        self.definition_kinds = register_core_kinds(DefinitionKinds())
        self.store = DefinitionStore(engine, self.registries.field_types, self.definition_kinds)
        self.lifecycle = Lifecycle()
        self.jobs = Jobs(self, redis_url)
        self.count_threshold = count_threshold
        self.files_dir = files_dir
        self.ttl = ttl
        # the published definitions, what an actor may do, people and departments by id
        self.published = Published(engine, self.store, self.registries.field_types, ttl)
        self.grants = Grants(engine, self.published, ttl)
        self.directory = Directory(engine)
        self.form, self.forms_of, self.apps = self.published.form, self.published.forms_of, self.published.apps
        self.roles_of, self.invalidate = self.published.roles_of, self.published.invalidate
        self.access, self.user_context = self.grants.access, self.grants.user_context
        self.scope_rows = self.grants.scope_rows
        self.user_table, self.reference_table = self.directory.user_table, self.directory.reference_table
        self.titles, self.users_by_id = self.directory.titles, self.directory.users_by_id
        self.actors = Actors(ttl)  # signed-in users kept for a moment (the web layer's sign-in)
        self.slow_queries = SlowQueryLog()  # slow lists no index served (the index advisor reads it)
        # the core's engines (audit, imports, ...) and the plugins, in one shape (trellis.plugins);
        # `plugins`: the loaded states to install (default: the process's, with `registries`)
        self.plugins = install_all(self, plugins)

    def records(self, app: str, form_id: str, actor: Actor | None = None, cause=None) -> RecordService:
        return RecordService(self, self.form(app, form_id), actor, cause=cause)

    def logic_time(self):
        """A block in which rules read this runtime's clock and time zone as "now"."""
        return logic_time(self.clock, self.timezone)

    def record_event(self, action: str, *, app=None, target=None, record_id=None, before=None, after=None,
                     note=None, actor: Actor | None = None, conn=None) -> None:
        """One audit entry for something that is not a record write (role changes, exports)."""
        from ..security import audit
        from ..security.audit_events import queue

        entry = {"at": self.clock.now().replace(microsecond=0), "user_id": actor.id if actor else None,
                 "username": actor.username if actor else "system", "ip": actor.ip if actor else None,
                 "action": action, "app": app, "target": target, "record_id": record_id,
                 "before": before, "after": after, "note": note}
        if conn is not None:
            queue(conn, [entry])
            return
        with self.transaction() as c:
            audit.append(c, [entry])

    def publish(self, app: str, kind: str, key: str, user_id=None, note=None) -> int:
        version = self.store.publish(app, kind, key, user_id, note)
        self.invalidate()
        return version

    @contextmanager
    def transaction(self, conn=None):
        """One write transaction. `conn.info["trellis_before_commit"]` callbacks run at its
        end, just before the commit; `conn.info["trellis_after_commit"]` ones once it has
        committed (in this process, best effort: work that must not be lost is a job,
        `jobs.enqueue(conn, ...)`, written in this transaction; the scheduler is woken
        once the transaction that enqueued it has committed). `conn`: a connection of
        `storage.database.write_connection` to begin it on (a loop of many short ones)."""
        pending: list = []
        enqueued = False
        with writing(self.engine, conn) as conn:
            info = conn.info
            info["trellis_after_commit"] = pending
            info["trellis_before_commit"] = last = []
            info["trellis_tx"] = {}  # state of this transaction only (the pooled connection outlives it)
            info[CLOCK_KEY] = self.clock
            try:
                yield conn
                while last:  # work that must be the transaction's last (the audit chain's lock)
                    last.pop(0)()
                enqueued = info.get(ENQUEUED_KEY, False)
            finally:
                for key in ("trellis_after_commit", "trellis_before_commit", "trellis_tx", CLOCK_KEY, ENQUEUED_KEY):
                    info.pop(key, None)
        if enqueued:
            self.jobs.wake()
        for fn in pending:
            try:
                fn()
            except Exception:  # a failed side effect never undoes a committed write
                log.exception("after-commit callback failed")

    def analyze(self, app: str, form_ids=None) -> None:
        """Refresh the planner's statistics of an app's tables (of `form_ids` only, when
        given) after bulk loads."""
        prep = self.engine.dialect.identifier_preparer
        forms = [f for f in self.forms_of(app) if form_ids is None or f.id in form_ids]
        with writing(self.engine) as conn:
            for form in forms:
                conn.exec_driver_sql(f"ANALYZE {prep.quote(form.table_name)}")

    # -- services the record service uses -------------------------------------------
    def sequences(self, conn, now) -> SequenceContext:
        return SequenceContext(conn, now)
