"""The published definitions one process serves from memory: forms (as FormModels), the
roles of each app and the apps themselves, kept until a publish anywhere bumps the store's
generation (checked at most every `ttl` seconds, so another process's publish shows
within it)."""
from __future__ import annotations

import threading
import time

from ..forms.context import FormContext
from ..forms.model import FormModel
from ..kernel.errors import NotFound
from ..meta.store import generation


class Published:
    def __init__(self, engine, store, field_types, ttl: float):
        self.engine = engine
        self.store = store
        self.field_types = field_types
        self.ttl = ttl
        self._items: dict[tuple[str, str], object] = {}
        self._lock = threading.Lock()
        self._generation = None
        self._checked = 0.0

    def _fresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.ttl:
            return
        with self.engine.connect() as conn:
            gen = generation(conn)
        with self._lock:
            if gen != self._generation:
                self._items.clear()
                self._generation = gen
            self._checked = now

    def invalidate(self) -> None:
        with self._lock:
            self._items.clear()
            self._checked = 0.0

    def _keep(self, key, value):
        with self._lock:
            self._items[key] = value
        return value

    def form(self, app: str, form_id: str) -> FormModel:
        """The published form (cached until a publish anywhere bumps the generation)."""
        self._fresh()
        model = self._items.get((app, form_id))
        if model is None:
            found = self.store.published(app, "form", form_id)
            if found is None:
                raise NotFound(f"表单 {app}/{form_id} 不存在或未发布", f"form {app}/{form_id} not found or not published")
            body, version = found
            model = self._keep((app, form_id), FormModel(app, body, self.field_types, version,
                                                         context=self.context(app)))
        return model

    def context(self, app: str) -> FormContext:
        """What the app's computed fields see: its other published forms, its decision tables."""
        def form_of(form_id: str):
            try:
                return self.form(app, form_id)
            except NotFound:
                return None

        def decisions() -> dict:
            return {d["key"]: self.body(app, "decision", d["key"]) for d in self.store.list(app, "decision")
                    if d["published_version"]}

        return FormContext(form_of, decisions)

    def body(self, app: str, kind: str, key: str) -> dict | None:
        """The published body of any definition (None when never published), cached like forms."""
        self._fresh()
        cache_key = ("__body__", app, kind, key)
        with self._lock:
            if cache_key in self._items:
                return self._items[cache_key]
        found = self.store.published(app, kind, key)
        return self._keep(cache_key, found[0] if found else None)

    def derived(self, key: tuple, build):
        """A value computed from the published definitions by `build()` (an index over an
        app's forms), cached like them: rebuilt after a publish anywhere."""
        self._fresh()
        cache_key = ("__derived__", *key)
        with self._lock:
            if cache_key in self._items:
                return self._items[cache_key]
        return self._keep(cache_key, build())

    def forms_of(self, app: str) -> list[FormModel]:
        return [self.form(app, d["key"]) for d in self.store.list(app, "form") if d["published_version"]]

    def apps(self) -> list[dict]:
        out = []
        for d in self.store.list(kind="app"):
            found = self.store.published(d["app"], "app", d["key"])
            if found:
                out.append(found[0])
        return out

    def roles_of(self, app: str) -> dict[str, dict]:
        """The app's published role definitions by id (cached like forms)."""
        self._fresh()
        roles = self._items.get((app, "__roles__"))
        if roles is None:
            roles = {}
            for d in self.store.list(app, "role"):
                found = self.store.published(app, "role", d["key"])
                if found:
                    roles[d["key"]] = found[0]
            roles = self._keep((app, "__roles__"), roles)
        return roles
