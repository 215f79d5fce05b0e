"""The Runtime: what the engines share in one process — the engine, the registries, the
definition store, the lifecycle dispatch, the jobs (durable deferred work), the clock and
the cache of published forms. Built by the app factory (or directly, by the CLI and the
tests); engines receive it explicitly and never read Flask globals.
"""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
import time

import sqlalchemy as sa

from ..storage import models
from ..kernel.actor import Actor
from ..storage.database import writing
from ..kernel.errors import NotFound
from ..plugins import install_all, load_registries
from ..forms.model import FormModel
from ..meta.kinds import DefinitionKinds
from ..meta.store import DefinitionStore, generation
from ..records.lifecycle import Lifecycle
from ..logic.moment import DEFAULT_ZONE, logic_time
from ..kernel.cause import DEFAULT_MAX_DEPTH
from ..records.service import RecordService
from ..security.access import Access
from ..security.roles import fab_role_name
from ..storage.sequences import SequenceContext
from ..jobs.outbox import CLOCK_KEY, ENQUEUED_KEY
from ..jobs.service import Jobs
from ..kernel.clock import Clock
from .definition_kinds import register_core_kinds

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, engine: sa.Engine, *, registries=None, redis_url: str | None = None,
                 count_threshold: int = 1000, ttl: float = 2.0, files_dir: str | None = None,
                 plugins=None, clock: Clock | None = None, timezone: str | None = None,
                 max_cause_depth: int = DEFAULT_MAX_DEPTH):
        self.engine = engine
        self.clock = clock or Clock()  # the one "now" of scheduling; a SimulatedClock in simulations and tests
        self.timezone = timezone or DEFAULT_ZONE  # the instance's zone: "now"/"today" in rules (logic/moment.py)
        self.max_cause_depth = max_cause_depth  # writes causing writes deeper than this are refused (kernel/cause.py)
        self.registries = registries or load_registries()
        # kinds of definition by name; an install step adds one with definition_kinds.add(kind)
        self.definition_kinds = register_core_kinds(DefinitionKinds())
        self.store = DefinitionStore(engine, self.registries.field_types, self.definition_kinds)
        self.lifecycle = Lifecycle()
        self.jobs = Jobs(self, redis_url)
        self.count_threshold = count_threshold
        self.files_dir = files_dir
        self.ttl = ttl
        self._forms: dict[tuple[str, str], FormModel] = {}
        self._lock = threading.Lock()
        self._generation = None
        self._checked = 0.0
        self._users = None
        self._contexts: dict[int, tuple[float, dict]] = {}
        self._shares: dict[tuple, tuple[float, float]] = {}
        # the core's engines (audit, imports, ...) and the plugins, in one shape (trellis.plugins);
        # `plugins`: the loaded states to install (default: the process's, with `registries`)
        self.plugins = install_all(self, plugins)

    # -- published forms ------------------------------------------------------------
    def _fresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.ttl:
            return
        with self.engine.connect() as conn:
            gen = generation(conn)
        with self._lock:
            if gen != self._generation:
                self._forms.clear()
                self._generation = gen
            self._checked = now

    def invalidate(self) -> None:
        with self._lock:
            self._forms.clear()
            self._checked = 0.0

    def form(self, app: str, form_id: str) -> FormModel:
        """The published form (cached until a publish anywhere bumps the generation)."""
        self._fresh()
        key = (app, form_id)
        model = self._forms.get(key)
        if model is None:
            found = self.store.published(app, "form", form_id)
            if found is None:
                raise NotFound(f"表单 {app}/{form_id} 不存在或未发布", f"form {app}/{form_id} not found or not published")
            body, version = found
            model = FormModel(app, body, self.registries.field_types, version)
            with self._lock:
                self._forms[key] = model
        return model

    def forms_of(self, app: str) -> list[FormModel]:
        return [self.form(app, d["key"]) for d in self.store.list(app, "form") if d["published_version"]]

    def apps(self) -> list[dict]:
        out = []
        for d in self.store.list(kind="app"):
            found = self.store.published(d["app"], "app", d["key"])
            if found:
                out.append(found[0])
        return out

    def records(self, app: str, form_id: str, actor: Actor | None = None, cause=None) -> RecordService:
        return RecordService(self, self.form(app, form_id), actor, cause=cause)

    def logic_time(self):
        """A block in which rules read this runtime's clock and time zone as "now"."""
        return logic_time(self.clock, self.timezone)

    def record_event(self, action: str, *, app=None, target=None, record_id=None, before=None, after=None,
                     note=None, actor: Actor | None = None, conn=None) -> None:
        """One audit entry for something that is not a record write (role changes, exports)."""
        from datetime import datetime

        from ..security import audit
        from ..security.audit_events import queue

        entry = {"at": datetime.now().replace(microsecond=0), "user_id": actor.id if actor else None,
                 "username": actor.username if actor else "system", "ip": actor.ip if actor else None,
                 "action": action, "app": app, "target": target, "record_id": record_id,
                 "before": before, "after": after, "note": note}
        if conn is not None:
            queue(conn, [entry])
            return
        with self.transaction() as c:
            audit.append(c, [entry])

    # -- access ---------------------------------------------------------------------
    def roles_of(self, app: str) -> dict[str, dict]:
        """The app's published role definitions by id (cached like forms)."""
        self._fresh()
        key = (app, "__roles__")
        roles = self._forms.get(key)
        if roles is None:
            roles = {}
            for d in self.store.list(app, "role"):
                found = self.store.published(app, "role", d["key"])
                if found:
                    roles[d["key"]] = found[0]
            with self._lock:
                self._forms[key] = roles
        return roles

    def user_context(self, user_id: int) -> dict:
        """The `$user.*` variables of row scopes (department tree, subordinates, ...), kept
        for `ttl` seconds like the published definitions (an org change shows within it)."""
        from ..security.org import user_context

        now = time.monotonic()
        hit = self._contexts.get(user_id)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        with self.engine.connect() as conn:
            ctx = user_context(conn, user_id)
        self._contexts[user_id] = (now, ctx)
        return ctx

    def scope_rows(self, form, access: Access, action: str, scope) -> int:
        """How many of `form`'s rows a row scope holds, sampled and kept for a minute."""
        from ..records.counting import estimate

        key = (form.app, form.id, form.version, action, tuple(r for r, _ in access.grants or ()),
               repr(sorted(access.user.items())))
        now = time.monotonic()
        hit = self._shares.get(key)
        if hit is not None and now - hit[0] < 60:
            return hit[1]
        with self.engine.connect() as conn:
            p = estimate(conn, form.table, [form.table.c.deleted_at.is_(None), scope])
        if len(self._shares) > 10000:
            self._shares.clear()
        self._shares[key] = (now, p)
        return p

    def access(self, actor: Actor | None, form) -> Access:
        """What `actor` may do on `form`; admins and the system are unrestricted."""
        if actor is None or actor.is_admin:
            return Access.full(form)
        held = set(actor.roles)
        grants = []
        for rid, role in self.roles_of(form.app).items():
            if fab_role_name(form.app, rid) not in held:
                continue
            grant = (role.get("forms") or {}).get(form.id) or role.get("all_forms")
            if grant:
                grants.append((rid, grant))
        user = self.user_context(actor.id) if grants and actor.id is not None else {}
        return Access(form, grants, user, forms=lambda target: self.form(form.app, target))

    def publish(self, app: str, kind: str, key: str, user_id=None, note=None) -> int:
        version = self.store.publish(app, kind, key, user_id, note)
        self.invalidate()
        return version

    @contextmanager
    def transaction(self):
        """One write transaction. `conn.info["trellis_before_commit"]` callbacks run at its
        end, just before the commit; `conn.info["trellis_after_commit"]` ones once it has
        committed (in this process, best effort: work that must not be lost is a job,
        `jobs.enqueue(conn, ...)`, written in this transaction; the scheduler is woken
        once the transaction that enqueued it has committed)."""
        pending: list = []
        enqueued = False
        with writing(self.engine) as conn:
            conn.info["trellis_after_commit"] = pending
            conn.info["trellis_before_commit"] = last = []
            conn.info["trellis_tx"] = {}  # state of this transaction only (the pooled connection outlives it)
            conn.info[CLOCK_KEY] = self.clock
            try:
                yield conn
                while last:  # work that must be the transaction's last (the audit chain's lock)
                    last.pop(0)()
                enqueued = conn.info.get(ENQUEUED_KEY, False)
            finally:
                for key in ("trellis_after_commit", "trellis_before_commit", "trellis_tx", CLOCK_KEY, ENQUEUED_KEY):
                    conn.info.pop(key, None)
        if enqueued:
            self.jobs.wake()
        for fn in pending:
            try:
                fn()
            except Exception:  # a failed side effect never undoes a committed write
                log.exception("after-commit callback failed")

    def analyze(self, app: str) -> None:
        """Refresh the planner's statistics of an app's tables (after bulk loads)."""
        prep = self.engine.dialect.identifier_preparer
        forms = self.forms_of(app)
        with writing(self.engine) as conn:
            for form in forms:
                conn.exec_driver_sql(f"ANALYZE {prep.quote(form.table_name)}")

    # -- services the record service uses -------------------------------------------
    def sequences(self, conn, now) -> SequenceContext:
        return SequenceContext(conn, now)

    def user_table(self, conn=None) -> sa.Table | None:
        """FAB's user table (None before the database is initialised); `conn`, when given,
        is the connection to look with (a request holds one connection at a time)."""
        if self._users is None:
            if not sa.inspect(conn if conn is not None else self.engine).has_table("ab_user"):
                return None
            md = sa.MetaData()
            self._users = sa.Table("ab_user", md, sa.Column("id", sa.Integer, primary_key=True),
                                   sa.Column("username", sa.String), sa.Column("first_name", sa.String),
                                   sa.Column("last_name", sa.String))
        return self._users

    def reference_table(self, kind: str) -> sa.Table | None:
        """The table a `references` kind other than "form" points at (users, departments)."""
        if kind == "user":
            return self.user_table()
        if kind == "department":
            return models.department
        raise KeyError(f"unknown reference kind {kind!r}")

    def titles(self, kind: str, conn, ids) -> dict[int, dict]:
        """Small objects for expansion: {"id", "title", ...} per user or department id."""
        if kind == "user":
            return self.users_by_id(conn, ids)
        t = models.department
        rows = conn.execute(sa.select(t.c.id, t.c.code, t.c.name).where(t.c.id.in_(list(ids)))).mappings()
        return {r["id"]: {"id": r["id"], "code": r["code"], "title": r["name"]} for r in rows}

    def users_by_id(self, conn, ids) -> dict[int, dict]:
        t = self.user_table(conn)
        if t is None:
            return {}
        rows = conn.execute(sa.select(t).where(t.c.id.in_(list(ids)))).mappings()
        return {r["id"]: {"id": r["id"], "username": r["username"],
                          "title": f"{r['last_name'] or ''}{r['first_name'] or ''}" or r["username"]} for r in rows}
