"""The timeline's record sources (timeline.py): the record's own changes and its related
records' events, both read from the audit log and shown with only the fields the viewer may
see (an update whose changed fields are all hidden is left out), the related ones only for
records in the viewer's row scope; and the record's comments."""
from __future__ import annotations

import sqlalchemy as sa

from ..kernel.cause import describe
from ..kernel.timestamps import stamp
from ..records.guarded import GuardedQuery
from ..storage import models as m
from .related import pointing_at, relations
from .timeline import Context, batches, item, newest, texts

RECORD_ACTIONS = ("create", "update", "delete", "restore")
RANK_CHANGE, RANK_RELATED, RANK_COMMENT = 0, 1, 5
VERBS = {"create": ("新建了", "created"), "update": ("修改了", "changed"), "delete": ("删除了", "deleted"),
         "restore": ("恢复了", "restored")}
A = m.audit


def _visible(access, values: dict | None) -> dict | None:
    if values is None:
        return None
    return {k: v for k, v in values.items() if access.can_see(k)}


def _changes(access, r) -> list[str] | None:
    """The visible fields an entry changed; None when an update changed only hidden ones."""
    before, after = _visible(access, r["before"]), _visible(access, r["after"])
    keys = list(dict.fromkeys([*(before or {}), *(after or {})]))
    if r["action"] == "update" and not keys:
        return None
    return keys


def _key(rank):
    return lambda r: (r["at"], rank, r["id"])


def changes(ctx: Context):
    """The record's own audit entries (create, update, delete, restore)."""
    stmt = (sa.select(A).where(A.c.app == ctx.app, A.c.target == ctx.model.id, A.c.record_id == ctx.record_id,
                               A.c.action.in_(RECORD_ACTIONS), ctx.below(A.c.at, A.c.id, RANK_CHANGE))
            .order_by(A.c.at.desc(), A.c.id.desc()))
    labels = {t.id: t.field.get("label") for t in ctx.model.active}

    def keep(r):
        keys = _changes(ctx.access, r)
        if keys is None:
            return None
        zh, en = VERBS[r["action"]]
        names = [texts(labels.get(k), k) for k in keys if k in labels] if r["action"] == "update" else []
        summary = {"zh": zh + "此记录" + (":" + "、".join(n[0] for n in names) if names else ""),
                   "en": en + " this record" + (": " + ", ".join(n[1] for n in names) if names else "")}
        data = {"action": r["action"], "entry": r["id"]}
        if r["action"] == "update":
            data.update(before=_visible(ctx.access, r["before"]), after=_visible(ctx.access, r["after"]))
        if r["cause"]:
            czh, cen = describe(r["cause"])
            data["cause_text"] = {"zh": f"由{czh}修改", "en": f"by {cen}"}
        return item((r["at"], RANK_CHANGE, r["id"]), "change", f"change:{r['id']}", summary, actor=r["user_id"],
                    data=data)

    return batches(ctx, stmt, _key(RANK_CHANGE), keep)


def related(ctx: Context):
    """Audit entries of the records of other forms that point at this one and that the viewer
    may read now (live, in their row scope), with the fields the viewer may see there."""
    rels = relations(ctx.rt, ctx.app, ctx.model.id, ctx.who)
    if not rels:
        return [], None
    parts = []
    for model, field, access in rels:
        ids = pointing_at(ctx.rt, model, field, ctx.who, ctx.record_id, access).statement(model.table.c.id)
        parts.append(sa.and_(A.c.target == model.id, A.c.record_id.in_(ids)))
    stmt = (sa.select(A).where(A.c.app == ctx.app, sa.or_(*parts), A.c.action.in_(RECORD_ACTIONS),
                               ctx.below(A.c.at, A.c.id, RANK_RELATED))
            .order_by(A.c.at.desc(), A.c.id.desc()))
    forms = {model.id: (model, access) for model, _f, access in rels}

    def keep(r):
        model, access = forms[r["target"]]
        keys = _changes(access, r)
        if keys is None:
            return None
        return r, keys

    kept, floor = batches(ctx, stmt, _key(RANK_RELATED), keep)
    titles = _titles(ctx, forms, kept)
    out = []
    for r, keys in kept:
        model, _access = forms[r["target"]]
        fzh, fen = texts(model.label, model.id)
        title = titles.get((model.id, r["record_id"])) or f"#{r['record_id']}"
        zh, en = VERBS[r["action"]]
        labels = {t.id: t.field.get("label") for t in model.active}
        names = [texts(labels.get(k), k) for k in keys if k in labels] if r["action"] == "update" else []
        summary = {"zh": f"{zh}{fzh}「{title}」" + (":" + "、".join(n[0] for n in names) if names else ""),
                   "en": f"{en} {fen} “{title}”" + (": " + ", ".join(n[1] for n in names) if names else "")}
        link = f"/apps/{ctx.app}/forms/{model.id}/records/{r['record_id']}"
        out.append(item((r["at"], RANK_RELATED, r["id"]), "related", f"related:{r['id']}", summary,
                        actor=r["user_id"], link=link,
                        data={"action": r["action"], "form": model.id, "form_label": model.label,
                              "record": r["record_id"], "title": title}))
    return out, floor


def _titles(ctx: Context, forms: dict, kept: list) -> dict:
    """{(form, id): title} of the related records shown, read through the guarded query
    (a title field the viewer may not see is left out)."""
    out = {}
    wanted: dict[str, set] = {}
    for r, _keys in kept:
        wanted.setdefault(r["target"], set()).add(r["record_id"])
    for form_id, ids in wanted.items():
        model, access = forms[form_id]
        title = model.title_field
        if title == "id" or not access.can_see(title) or not model.fields[title].in_row:
            continue
        q = GuardedQuery.of(ctx.rt, model, access, ctx.who).select([title]).ids(sorted(ids))
        for row in q.rows(ctx.conn):
            value = row[title]
            if value is not None:
                out[(form_id, row["id"])] = str(model.fields[title].from_db(value))
    return out


def comments(ctx: Context):
    """The record's comments (not deleted)."""
    c = m.comment
    stmt = (sa.select(c).where(c.c.app == ctx.app, c.c.form == ctx.model.id, c.c.record_id == ctx.record_id,
                               c.c.deleted_at.is_(None), ctx.below(c.c.created_at, c.c.id, RANK_COMMENT))
            .order_by(c.c.created_at.desc(), c.c.id.desc()))

    def make(r):
        mentions = [{"id": int(u)} for u in r["mentions"] or ()]
        ctx.users.update(x["id"] for x in mentions)
        text = r["text"]
        short = text if len(text) <= 80 else text[:79] + "…"
        return item((r["created_at"], RANK_COMMENT, r["id"]), "comment", f"comment:{r['id']}",
                    {"zh": f"评论:{short}", "en": f"commented: {short}"}, actor=r["created_by"],
                    data={"comment": r["id"], "text": text, "mentions": mentions, "mine": r["created_by"] == ctx.who.id,
                          "edited_at": stamp(r["updated_at"])})

    return newest(ctx, stmt, lambda r: (r["created_at"], RANK_COMMENT, r["id"]), make)


SOURCES = (("change", changes), ("related", related), ("comment", comments))
