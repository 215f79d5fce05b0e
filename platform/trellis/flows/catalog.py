"""The flows one process knows: each app's published flows (rebuilt after a publish
anywhere, like forms), indexed by the form whose records start them, and any version a
run started on (immutable, so kept)."""
from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property

from ..logic import compile_rule, rule_vars


@dataclass(frozen=True)
class Published:
    """A published flow: its key, version and body, and its trigger's type object."""

    app: str
    key: str
    version: int
    body: dict
    trigger: object

    @property
    def enabled(self) -> bool:
        return self.body.get("enabled", True) is not False

    @cached_property
    def condition(self):
        """The entry condition compiled (None without one), and whether it reads `$event`
        or `$vars` (else it is evaluated over the record alone)."""
        rule = self.body.get("condition")
        if rule is None:
            return None
        reads = any(v.split(".")[0] in ("$event", "$vars") for v in rule_vars(rule))
        return compile_rule(rule), reads


class Catalog:
    def __init__(self, runtime, triggers):
        self.runtime = runtime
        self.triggers = triggers
        self._versions: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def of_app(self, app: str) -> list[Published]:
        """The app's published flows (enabled or not), cached until the next publish."""
        return self.runtime.published.derived(("flows", app), lambda: self._build(app))

    def _build(self, app: str) -> list[Published]:
        out = []
        for d in self.runtime.store.list(app, "flow"):
            if not d.get("published_version"):
                continue
            found = self.runtime.store.published(app, "flow", d["key"])
            if found is None:
                continue
            body, version = found
            kind = (body.get("trigger") or {}).get("type")
            trigger = self.triggers.get(kind)() if isinstance(kind, str) and kind in self.triggers else None
            out.append(Published(app, d["key"], version, body, trigger))
        return out

    def on_form(self, app: str, form: str) -> list[Published]:
        """The enabled flows started by records of `form`."""
        return self.runtime.published.derived(
            ("flows", app, form), lambda: [f for f in self.of_app(app) if f.enabled and f.body.get("form") == form])

    def get(self, app: str, key: str) -> Published | None:
        return next((f for f in self.of_app(app) if f.key == key), None)

    def version(self, app: str, key: str, version: int) -> dict:
        """The body of one version of a flow (a run runs on the version it started on)."""
        k = (app, key, version)
        with self._lock:
            if k in self._versions:
                self._versions.move_to_end(k)
                return self._versions[k]
        body = self.runtime.store.version_body(app, "flow", key, version)
        with self._lock:
            self._versions[k] = body
            while len(self._versions) > 256:
                self._versions.popitem(last=False)
        return body
