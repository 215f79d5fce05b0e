"""`trellis upgrade`: the database's schema to Alembic's head, Flask-AppBuilder's tables
created where missing, and every stored definition brought to its kind's current
`schema_version` through meta/upgrade.py's upgraders.

A definition whose published body an upgrader changes gets a new published version (its
pending draft, if any, is kept and upgraded too); one whose body is already current is
left alone, so a second run changes nothing. The upgrade is refused while the newest
backup of the instance (backup.py records it) is missing or older than a day, unless
forced."""
from __future__ import annotations

import copy
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from alembic.config import Config

from ..meta.upgrade import upgrade as upgrade_body
from ..storage import migrate
from ..storage import models as m
from .backup import LAST_FILE, last_backup
from .instance import Instance, OperationFailed, revision, shown_url, tables

MAX_AGE = timedelta(days=1)
NOTE = "schema_version upgrade"


def pending(current: str | None) -> list[tuple[str, str]]:
    """(revision, first line of its docstring) of each migration after `current`, oldest first."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrate.__file__).parent / "migrations"))
    script = ScriptDirectory.from_config(cfg)
    out = []
    for rev in script.iterate_revisions("heads", current or "base"):
        if rev.revision != current:
            out.append((rev.revision, (rev.doc or "").strip().splitlines()[0] if rev.doc else ""))
    return list(reversed(out))


def check_backup(instance: Instance, conn, now: datetime | None = None) -> datetime:
    """The newest backup's time, or a refusal when there is none within a day."""
    now = now or datetime.now(timezone.utc)
    last = last_backup(conn) if "trellis_state" in tables(conn) else None
    if last is not None and now - last <= MAX_AGE:
        return last
    where = ""
    record = instance.home / LAST_FILE
    if record.exists():
        try:
            where = json.loads(record.read_text()).get("path") or ""
        except (ValueError, AttributeError):
            where = ""
    if last is None:
        zh, en = "本实例没有备份记录", "this instance has no backup recorded"
    else:
        hours = int((now - last).total_seconds() // 3600)
        shown = last.astimezone().strftime("%Y-%m-%d %H:%M")
        zh = f"最近一次备份({shown}{',' + where if where else ''})已是 {hours} 小时前"
        en = f"the newest backup ({shown}{', ' + where if where else ''}) is {hours} hours old"
    raise OperationFailed(f"拒绝升级:{zh}。请先运行 trellis backup PATH(一天之内的备份),或加 --force 跳过此检查",
                          f"upgrade refused: {en}. Run trellis backup PATH first (a backup less than a day old), "
                          f"or --force to skip this check", code="backup_too_old")


def upgrade(instance: Instance, *, force: bool = False, progress=print) -> dict:
    """Run the upgrade; returns what it did (also printed through `progress`)."""
    engine = instance.engine()
    try:
        with engine.connect() as conn:
            names = tables(conn)
            if "trellis_alembic_version" not in names:
                raise OperationFailed(f"数据库 {shown_url(instance.url)} 中没有 Trellis 实例:新实例请运行 trellis init",
                                      f"the database {shown_url(instance.url)} holds no Trellis instance: "
                                      f"run trellis init for a new one", code="no_instance")
            last = None if force else check_backup(instance, conn)
            before = revision(conn)
        todo = pending(before)
        migrate.upgrade(engine)
        for rev, doc in todo:
            progress(f"数据库迁移 / migration {rev}: {doc}")
        if not todo:
            progress(f"数据库结构已是最新 / database schema current ({before})")
        created = _fab_tables(engine)
        for t in created:
            progress(f"新建表 / table created: {t}")
        changed = _definitions(instance, engine, progress)
        if not changed:
            progress("定义均已是当前 schema_version / every definition is at its current schema_version")
        with engine.connect() as conn:
            after = revision(conn)
        return {"revision": {"from": before, "to": after}, "migrations": [r for r, _ in todo],
                "tables_created": created, "definitions": changed,
                "backup_checked": last.isoformat() if last else None}
    finally:
        engine.dispose()


def _fab_tables(engine: sa.Engine) -> list[str]:
    """Flask-AppBuilder's tables missing from the database (a newer FAB adds some), created."""
    from flask_appbuilder import Model
    import flask_appbuilder.security.sqla.models  # noqa: F401  (declares FAB's tables on Model.metadata)

    with engine.connect() as conn:
        have = set(tables(conn))
    missing = [t for t in Model.metadata.sorted_tables if t.name not in have]
    if missing:
        with engine.begin() as conn:
            Model.metadata.create_all(conn, tables=missing)
    return [t.name for t in missing]


def _definitions(instance: Instance, engine: sa.Engine, progress) -> list[dict]:
    """Each stored definition through the upgraders; a changed one published again."""
    d, v = m.definition, m.definition_version
    q = (sa.select(d.c.app, d.c.kind, d.c.key, d.c.draft, d.c.published_version, v.c.body)
         .select_from(d.outerjoin(v, sa.and_(v.c.definition_id == d.c.id, v.c.version == d.c.published_version)))
         .order_by(d.c.id))
    with engine.connect() as conn:
        rows = conn.execute(q).all()
    work = []
    for r in rows:
        body = upgrade_body(r.kind, copy.deepcopy(r.body)) if r.body is not None else None
        draft = upgrade_body(r.kind, copy.deepcopy(r.draft))
        body_changed = r.body is not None and body != r.body
        draft_changed = draft != r.draft
        if body_changed or draft_changed:
            work.append((r, body, draft, body_changed, draft_changed))
    if not work:
        return []
    from ..runtime import Runtime

    secret = instance.secret_path.read_text().strip() if instance.secret_path.exists() else None
    runtime = Runtime(engine, ttl=0, files_dir=str(instance.files), secret=secret)
    store, out = runtime.store, []
    with runtime.transaction() as conn:
        for r, body, draft, body_changed, draft_changed in work:
            pending_draft = r.body is not None and r.draft != r.body
            entry = {"app": r.app, "kind": r.kind, "key": r.key,
                     "schema_version": {"from": (r.body or r.draft or {}).get("schema_version", 1),
                                        "to": (body or draft or {}).get("schema_version", 1)}}
            if body_changed:
                store.save_draft(r.app, r.kind, r.key, body, None, conn)
                entry["version"] = store.publish(r.app, r.kind, r.key, None, NOTE, conn)
                progress(f"定义已升级 / definition upgraded: {r.app}/{r.kind}/{r.key} -> version {entry['version']}")
            if (pending_draft or r.body is None) and (body_changed or draft_changed):  # a pending draft kept
                store.save_draft(r.app, r.kind, r.key, draft, None, conn)
                entry["draft"] = True
                progress(f"草稿已升级 / draft upgraded: {r.app}/{r.kind}/{r.key}")
            out.append(entry)
    runtime.invalidate()
    return out
