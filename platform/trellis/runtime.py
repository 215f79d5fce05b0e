"""The Runtime: what the engines share in one process — the engine, the registries, the
definition store, the lifecycle dispatch, the task runner and the cache of published
forms. Built by the app factory (or directly, by the CLI and the tests); engines receive
it explicitly and never read Flask globals.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
import time

import sqlalchemy as sa

from . import models
from .actor import Actor
from .errors import NotFound
from .extensions import load_registries
from .forms.model import FormModel
from .forms.publish import check_view, publish_form
from .meta.store import DefinitionStore, generation
from .records.lifecycle import Lifecycle
from .records.service import RecordService
from .sequences import SequenceContext
from .tasks import TaskRunner


class Runtime:
    def __init__(self, engine: sa.Engine, *, registries=None, redis_url: str | None = None,
                 count_threshold: int = 1000, ttl: float = 2.0, files_dir: str | None = None):
        self.engine = engine
        self.registries = registries or load_registries()
        self.store = DefinitionStore(engine, self.registries.field_types,
                                     hooks={"form": publish_form, "view": check_view})
        self.lifecycle = Lifecycle()
        self.tasks = TaskRunner(redis_url)
        self.count_threshold = count_threshold
        self.files_dir = files_dir
        self.ttl = ttl
        self._forms: dict[tuple[str, str], FormModel] = {}
        self._lock = threading.Lock()
        self._generation = None
        self._checked = 0.0
        self._users = None

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

    def records(self, app: str, form_id: str, actor: Actor | None = None) -> RecordService:
        return RecordService(self, self.form(app, form_id), actor)

    def publish(self, app: str, kind: str, key: str, user_id=None, note=None) -> int:
        version = self.store.publish(app, kind, key, user_id, note)
        self.invalidate()
        return version

    @contextmanager
    def transaction(self):
        """One write transaction; work queued for after the commit runs once it commits."""
        pending: list = []
        with self.engine.execution_options(trellis_write=True).begin() as conn:
            conn.info["trellis_after_commit"] = pending
            try:
                yield conn
            finally:
                conn.info.pop("trellis_after_commit", None)
        for fn in pending:
            self.tasks.run_after_commit(fn)

    def analyze(self, app: str) -> None:
        """Refresh the planner's statistics of an app's tables (after bulk loads)."""
        prep = self.engine.dialect.identifier_preparer
        with self.engine.begin() as conn:
            for form in self.forms_of(app):
                conn.exec_driver_sql(f"ANALYZE {prep.quote(form.table_name)}")

    # -- services the record service uses -------------------------------------------
    def sequences(self, conn, now) -> SequenceContext:
        return SequenceContext(conn, now)

    def user_table(self) -> sa.Table | None:
        if self._users is None:
            if not sa.inspect(self.engine).has_table("ab_user"):
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
        t = self.user_table()
        if t is None:
            return {}
        rows = conn.execute(sa.select(t).where(t.c.id.in_(list(ids)))).mappings()
        return {r["id"]: {"id": r["id"], "username": r["username"],
                          "title": f"{r['last_name'] or ''}{r['first_name'] or ''}" or r["username"]} for r in rows}
