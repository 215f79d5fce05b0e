"""Who may download an uploaded file. A file attached to records (an attachment field, or
an attachment column of a sub-table) may be downloaded by whoever may read one of those
records and see that field; a file not attached yet, only by the user who uploaded it
(and admins). Everything else answers "not found", so file ids cannot be probed.

Files are found where they are used: the upload names its form when the browser sends
`app` / `form` (the sidecar keeps them) and only that form is searched; otherwise every
published form with an attachment column. A search reads the JSON text of those columns.
A file on a comment of a flow task may be downloaded by the run's participants (its
assignees and its initiator).
"""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.actor import Actor
from ..kernel.errors import TrellisError
from ..storage import models
from .guarded import GuardedQuery

IDS_CHECKED = 200  # record ids holding the file, checked against the reader's scope


def _places(runtime, meta: dict):
    """(form, field id the reader must see, table, column, parent-join) for every attachment column."""
    forms = None
    if meta.get("app") and meta.get("form"):
        try:
            forms = [runtime.form(meta["app"], meta["form"])]
        except TrellisError:  # the form is gone since: search everywhere
            forms = None
    if forms is None:
        forms = [f for app in runtime.apps() for f in runtime.forms_of(app["id"])]
    for form in forms:
        t = form.table
        for ft in form.active:
            if ft.key == "attachment" and ft.has_column:
                yield form, ft.id, t.c[ft.id], None
            elif ft.id in form.child_tables:
                table = form.child_tables[ft.id]
                for child in ft.children:
                    if child.key == "attachment" and not child.field.get("deleted"):
                        yield form, ft.id, table.c[child.id], table


def may_download(runtime, actor: Actor, file_id: str, meta: dict) -> bool:
    if actor.is_admin:
        return True
    attached = False
    pattern = f'%"{file_id}"%'
    with runtime.engine.connect() as conn:
        for form, field_id, column, child in _places(runtime, meta):
            t = form.table
            holds = sa.cast(column, sa.Text).like(pattern)
            if child is not None:
                holds = t.c.id.in_(sa.select(child.c.parent_id).where(holds))
            live = GuardedQuery.system(runtime, form).filter_sql(holds)
            ids = list(conn.execute(live.statement(t.c.id, limit=IDS_CHECKED)).scalars())
            if not ids:  # held by deleted records only, or by none
                attached = attached or conn.execute(sa.select(t.c.id).where(holds).limit(1)).first() is not None
                continue
            attached = True
            access = runtime.access(actor, form)
            if not (access.allowed("read") and access.can_see(field_id)):
                continue
            readable = GuardedQuery.of(runtime, form, access, actor).ids(ids)
            if conn.execute(readable.statement(t.c.id, limit=1)).first():
                return True
        if _in_own_tasks(conn, actor, pattern):
            return True
    if attached:
        return False
    return meta.get("owner") is not None and meta.get("owner") == actor.id


def _in_own_tasks(conn, actor: Actor, pattern: str) -> bool:
    """Is the file attached to a comment on a task of a flow run the actor takes part in
    (an assignee of one of its tasks, or its initiator)?"""
    if actor.id is None:
        return False
    t = models.flow_task
    runs = sa.select(t.c.run_id).where(sa.or_(sa.cast(t.c.attachments, sa.Text).like(pattern),
                                              sa.cast(t.c["values"], sa.Text).like(pattern)))
    mine = sa.select(t.c.id).where(t.c.run_id.in_(runs), sa.or_(t.c.assignee_id == actor.id,
                                                                 t.c.initiator_id == actor.id)).limit(1)
    return conn.execute(mine).first() is not None
