"""The definition store: drafts, atomic publishing with author and time, versions, restore.

Definitions are JSON documents keyed by (app, kind, key). Editing changes the draft;
publishing validates the draft, runs the kind's publish hook (a form syncs its table)
and records a new version, all in one transaction. Restoring publishes an old version's
body again as a new version (or makes it the draft), so history is never rewritten.
What a kind checks and does on publish is its `DefinitionKind` (meta/kind.py), found in
the `DefinitionKinds` registry the store is given.
"""
from __future__ import annotations

import copy
from datetime import datetime

import sqlalchemy as sa

from ..storage import models as m
from ..storage.database import writing
from ..kernel.errors import BadRequest, DefinitionInvalid, NotFound, bilingual
from .kinds import DefinitionKinds
from .upgrade import upgrade


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class DefinitionStore:
    """Reads and writes definitions; `kinds[kind]` checks a draft and applies a publish."""

    def __init__(self, engine: sa.Engine, field_types, kinds: DefinitionKinds):
        self.engine = engine
        self.field_types = field_types
        self.kinds = kinds
        # called as fn(conn, action, app, kind, key, before, after, user_id, note) in the write's transaction
        self.listeners: list = []

    # -- reading --------------------------------------------------------------------
    def _row(self, conn, app: str, kind: str, key: str):
        d = m.definition
        return conn.execute(sa.select(d).where(d.c.app == app, d.c.kind == kind, d.c.key == key)).first()

    def list(self, app: str | None = None, kind: str | None = None) -> list[dict]:
        d = m.definition
        q = sa.select(d.c.app, d.c.kind, d.c.key, d.c.published_version, d.c.draft_updated_at).order_by(d.c.id)
        if app:
            q = q.where(d.c.app == app)
        if kind:
            q = q.where(d.c.kind == kind)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def draft(self, app: str, kind: str, key: str) -> dict:
        with self.engine.connect() as conn:
            row = self._row(conn, app, kind, key)
        if row is None:
            raise self.missing(app, kind, key)
        return row.draft

    def published(self, app: str, kind: str, key: str, conn=None) -> tuple[dict, int] | None:
        """(body, version) of the published version, or None if never published."""
        if conn is None:
            with self.engine.connect() as c:
                return self.published(app, kind, key, c)
        d, v = m.definition, m.definition_version
        q = (sa.select(v.c.body, v.c.version).join(d, d.c.id == v.c.definition_id)
             .where(d.c.app == app, d.c.kind == kind, d.c.key == key, v.c.version == d.c.published_version))
        row = conn.execute(q).first()
        return (upgrade(kind, row.body), row.version) if row else None

    def versions(self, app: str, kind: str, key: str) -> list[dict]:
        d, v = m.definition, m.definition_version
        q = (sa.select(v.c.version, v.c.published_at, v.c.published_by, v.c.note)
             .join(d, d.c.id == v.c.definition_id)
             .where(d.c.app == app, d.c.kind == kind, d.c.key == key).order_by(v.c.version.desc()))
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        if not rows and self.list(app, kind) and not any(r["key"] == key for r in self.list(app, kind)):
            raise self.missing(app, kind, key)
        return rows

    def version_body(self, app: str, kind: str, key: str, version: int) -> dict:
        d, v = m.definition, m.definition_version
        q = (sa.select(v.c.body).join(d, d.c.id == v.c.definition_id)
             .where(d.c.app == app, d.c.kind == kind, d.c.key == key, v.c.version == version))
        with self.engine.connect() as conn:
            row = conn.execute(q).first()
        if row is None:
            raise NotFound(f"{kind} {key} 没有版本 {version}", f"{kind} {key} has no version {version}")
        return upgrade(kind, row.body)

    # -- writing --------------------------------------------------------------------
    def save_draft(self, app: str, kind: str, key: str, body: dict, user_id: int | None = None, conn=None) -> dict:
        """Validate against the meta-schema and store as the draft (creating the definition)."""
        if conn is None:
            with writing(self.engine) as c:
                return self.save_draft(app, kind, key, body, user_id, c)
        body = upgrade(kind, copy.deepcopy(body))
        self.kinds.find(kind).check(body, self.field_types)
        if isinstance(body, dict) and body.get("id") != key:
            raise DefinitionInvalid([{"pointer": "/id", "code": "id_mismatch", "message": bilingual(
                f"/id:定义标识 {body.get('id')} 与地址中的 {key} 不一致",
                f"/id: definition id {body.get('id')} does not match {key} in the address")}])
        now = _now()
        row = self._row(conn, app, kind, key)
        d = m.definition
        if row is None:
            conn.execute(d.insert().values(app=app, kind=kind, key=key, draft=body, draft_updated_at=now,
                                           draft_updated_by=user_id, created_at=now))
        else:
            conn.execute(d.update().where(d.c.id == row.id).values(
                draft=body, draft_updated_at=now, draft_updated_by=user_id))
        self._notify(conn, "definition.save", app, kind, key, row.draft if row else None, body, user_id)
        return body

    def publish(self, app: str, kind: str, key: str, user_id: int | None = None, note: str | None = None,
                conn=None) -> int:
        """Publish the draft atomically; return the new version number."""
        if conn is None:
            with writing(self.engine) as c:
                return self.publish(app, kind, key, user_id, note, c)
        row = self._row(conn, app, kind, key)
        if row is None:
            raise self.missing(app, kind, key)
        body = upgrade(kind, copy.deepcopy(row.draft))
        handler = self.kinds.find(kind)
        handler.check(body, self.field_types)
        previous = self.published(app, kind, key, conn)
        body = handler.publish(conn, app, body, previous[0] if previous else None, self) or body
        version = (row.published_version or 0) + 1
        v = m.definition_version
        last = conn.execute(sa.select(sa.func.max(v.c.version)).where(v.c.definition_id == row.id)).scalar()
        version = max(version, (last or 0) + 1)
        conn.execute(v.insert().values(definition_id=row.id, version=version, body=body, published_at=_now(),
                                       published_by=user_id, note=note))
        conn.execute(m.definition.update().where(m.definition.c.id == row.id).values(
            published_version=version, draft=body))
        bump_generation(conn)
        self._notify(conn, "definition.publish", app, kind, key, previous[0] if previous else None, body, user_id,
                     str(version))
        return version

    def restore(self, app: str, kind: str, key: str, version: int, user_id: int | None = None,
                as_draft: bool = False) -> int | None:
        """Publish an old version's body again as a new version (its number is returned);
        `as_draft`: make it the draft only (None is returned)."""
        body = self.version_body(app, kind, key, version)
        with writing(self.engine) as conn:
            self.save_draft(app, kind, key, body, user_id, conn)
            if as_draft:
                return None
            return self.publish(app, kind, key, user_id, f"restored from version {version}", conn)

    def remove(self, app: str, kind: str, key: str, user_id: int | None = None, *, force: bool = False) -> None:
        """Delete a definition and its versions (views and the like; a form's table is
        never dropped this way). `force`: also a kind that is not removable this way, for
        a caller that cleans up what the kind leaves behind (a role without members)."""
        if not force and not self.kinds.find(kind).removable:
            zh, en = self.kinds.get(kind).label
            raise BadRequest(f"{zh}定义不能直接删除", f"a {en} definition cannot be removed this way",
                             code="not_removable")
        with writing(self.engine) as conn:
            row = self._row(conn, app, kind, key)
            if row is None:
                raise self.missing(app, kind, key)
            self._notify(conn, "definition.remove", app, kind, key, row.draft, None, user_id)
            conn.execute(m.definition_version.delete().where(m.definition_version.c.definition_id == row.id))
            conn.execute(m.definition.delete().where(m.definition.c.id == row.id))
            bump_generation(conn)

    def _notify(self, conn, action, app, kind, key, before, after, user_id, note=None) -> None:
        for listener in self.listeners:
            listener(conn, action, app, kind, key, before, after, user_id, note)

    @staticmethod
    def missing(app, kind, key):
        return NotFound(f"找不到定义 {app}/{kind}/{key}", f"definition {app}/{kind}/{key} not found")


def bump_generation(conn) -> None:
    """Tell every process its cached published definitions are stale."""
    s = m.state
    done = conn.execute(s.update().where(s.c.key == "generation").values(value=s.c.value + 1)).rowcount
    if not done:
        conn.execute(s.insert().values(key="generation", value=1))


def generation(conn) -> int:
    s = m.state
    return conn.execute(sa.select(s.c.value).where(s.c.key == "generation")).scalar() or 0
