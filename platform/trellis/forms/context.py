"""What a form's computed fields see beyond the form itself: the app's other published
forms (a lookup's related form) and its published decision tables (a formula's DECIDE).

The runtime's published cache gives every FormModel a context over the cache
(`cached_context`); a publish checks the new body against the store as it stands in the
publishing transaction (`store_context`), with the form being published in place of its
previous version."""
from __future__ import annotations

from typing import Callable

import sqlalchemy as sa

from ..storage import models as m


class FormContext:
    """`form(form_id)` -> FormModel or None; `decisions()` -> {key: published body}."""

    def __init__(self, form_of: Callable[[str], object], decisions: Callable[[], dict]):
        self._form_of = form_of
        self._decisions = decisions
        self._decided: dict | None = None

    def form(self, form_id: str):
        return self._form_of(form_id)

    def decisions(self) -> dict:
        if self._decided is None:
            self._decided = self._decisions()
        return self._decided


def published_bodies(conn, app: str, kind: str) -> dict[str, dict]:
    """{key: published body} of every published definition of a kind in an app."""
    from ..meta.upgrade import upgrade

    d, v = m.definition, m.definition_version
    q = (sa.select(d.c.key, v.c.body).join(v, d.c.id == v.c.definition_id)
         .where(d.c.app == app, d.c.kind == kind, v.c.version == d.c.published_version))
    return {key: upgrade(kind, body) for key, body in conn.execute(q)}


def store_context(conn, store, app: str, field_types, replacing: dict | None = None) -> FormContext:
    """A context read from the store on `conn`; `replacing` is a form body standing in for
    its published version (the one being published)."""
    from .model import FormModel

    models: dict[str, object] = {}

    def form_of(form_id: str):
        if form_id not in models:
            if replacing is not None and replacing.get("id") == form_id:
                body, version = replacing, None
            else:
                found = store.published(app, "form", form_id, conn)
                if found is None:
                    return None
                body, version = found
            models[form_id] = FormModel(app, body, field_types, version, context=ctx)
        return models[form_id]

    ctx = FormContext(form_of, lambda: published_bodies(conn, app, "decision"))
    return ctx
