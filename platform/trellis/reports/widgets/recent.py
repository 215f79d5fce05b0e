"""My recent records: those the viewer created, changed or restored lately (their own
entries in the audit log, newest first, one line per record), across the app's forms — only
the ones they may still read today: each form's live rows inside their read scope now
(a record whose scope they left, or that was deleted, is not shown), titled by the form's
title field when they may see it.

    recent_records(rt, actor, app, limit, forms=None) -> [{app, form, form_label, record,
        title, action, at}]
The `recent` widget shows them; `GET /api/v1/me/recent` answers them."""
from __future__ import annotations

import sqlalchemy as sa

from ...kernel.errors import TrellisError
from ...kernel.timestamps import stamp
from ...records.guarded import GuardedQuery
from ...storage import models
from ..report_kind import problem
from .widget import Widget

WRITES = ("create", "update", "restore")
SCAN = 400   # audit entries read at most: a user's last writes, before their records are checked


def _entries(conn, actor, app: str | None, forms) -> list[dict]:
    """The last write of each record, newest first (from the viewer's last SCAN entries)."""
    A = models.audit
    where = [A.c.user_id == actor.id, A.c.action.in_(WRITES), A.c.record_id.is_not(None)]
    if app:
        where.append(A.c.app == app)
    if forms:
        where.append(A.c.target.in_(list(forms)))
    rows = conn.execute(sa.select(A.c.app, A.c.target, A.c.record_id, A.c.action, A.c.at).where(*where)
                        .order_by(A.c.id.desc()).limit(SCAN)).mappings()
    seen, out = set(), []
    for r in rows:
        key = (r["app"], r["target"], r["record_id"])
        if key not in seen:
            seen.add(key)
            out.append(dict(r))
    return out


def _readable(rt, conn, actor, app: str, form_id: str, ids: list[int]) -> dict[int, object]:
    """{id: title} of the records among `ids` the viewer may read now."""
    try:
        form = rt.form(app, form_id)
    except TrellisError:  # no longer published
        return {}
    access = rt.access(actor, form)
    if not access.allowed("read"):
        return {}
    query = GuardedQuery.of(rt, form, access, actor)
    table = form.table
    title = form.title_field if form.title_field and access.can_see(form.title_field) else None
    cols = [table.c.id] + ([table.c[title]] if title and title in table.c else [])
    return {r["id"]: (r.get(title) if title else None) for r in conn.execute(query.ids(ids).statement(*cols)).mappings()}


def recent_records(rt, actor, app: str | None, limit: int = 10, forms=None) -> list[dict]:
    if actor.id is None:
        return []
    with rt.engine.connect() as conn:
        entries = _entries(conn, actor, app, forms)
        groups: dict[tuple[str, str], list[int]] = {}
        for e in entries:
            groups.setdefault((e["app"], e["target"]), []).append(e["record_id"])
        found = {key: _readable(rt, conn, actor, key[0], key[1], ids) for key, ids in groups.items()}
    out = []
    for e in entries:
        titles = found[(e["app"], e["target"])]
        if e["record_id"] not in titles:
            continue
        title = titles[e["record_id"]]
        out.append({"app": e["app"], "form": e["target"], "form_label": rt.form(e["app"], e["target"]).label,
                    "record": e["record_id"], "title": None if title is None else str(title),
                    "action": e["action"], "at": stamp(e["at"])})
        if len(out) >= limit:
            break
    return out


class RecentWidget(Widget):
    type = "recent"
    label = ("最近记录", "Recent records")
    settings = ("limit", "forms")
    limit = (8, 30)

    def problems(self, settings: dict, at: str) -> list[dict]:
        out = super().problems(settings, at)
        forms = settings.get("forms")
        if forms is not None and (not isinstance(forms, list) or not all(isinstance(f, str) and f for f in forms)):
            out.append(problem(f"{at}/forms", "malformed", "forms 应为表单标识的列表", "forms is a list of form ids"))
        return out

    def publish_problems(self, conn, app, settings, store, at) -> list[dict]:
        return [problem(f"{at}/forms/{i}", "unknown_form", f"表单 {f} 不存在或未发布", f"form {f} does not exist or is not published")
                for i, f in enumerate(settings.get("forms") or []) if store.published(app, "form", f, conn) is None]

    def data(self, rt, app, settings, actor, lang) -> dict:
        return {"items": recent_records(rt, actor, app, self.count(settings), settings.get("forms"))}

    def lines(self, data, lang) -> list[str]:
        def name(item):
            label = item.get("form_label") or {}
            return label.get(lang) or label.get("zh") or item["form"]
        return [f"{name(i)} · {i.get('title') or '#' + str(i['record'])}" for i in data.get("items") or []]
