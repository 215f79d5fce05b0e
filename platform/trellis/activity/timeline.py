"""One activity timeline of a record, newest first, paged by a cursor: its own changes (the
audit log, fields the viewer may see), its related records' events (created, changed,
deleted: only records in the viewer's scope, only visible fields), the messages sent about
it, the flows that ran on it and their people's actions, and its comments.

Each source (timeline_sources.py, timeline_notices.py) answers, below a cursor, its newest
items and how far down it looked (its floor: None once it has nothing more); the page is the
merge of all sources above the highest floor, so no source's item is skipped when another is
read further. An item's key is (time, source rank, id): unique and totally ordered, the
cursor is the last item's key. Item: {"id", "type", "at", "actor" {id, name} | null,
"summary" {zh, en}, "link" | null, "data"}."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa

from ..kernel.actor import Actor
from ..kernel.errors import BadRequest
from ..kernel.timestamps import stamp

TYPES = ("change", "related", "message", "flow", "comment")
MAX_LIMIT = 100


@dataclass
class Context:
    """What every source reads: the viewer, the record, the connection, the page's cursor."""
    rt: object
    model: object            # the record's form (FormModel)
    record_id: int
    who: Actor
    conn: object
    access: object           # the viewer's Access on the record's form
    cursor: tuple | None     # (at, rank, id) of the last item already shown
    size: int                # items wanted from each source (the page's limit + 1)
    users: set = field(default_factory=set)

    @property
    def app(self) -> str:
        return self.model.app

    def below(self, at_col, id_col, rank: int):
        """Rows whose key (at, rank, id) comes after the cursor, newest first."""
        if self.cursor is None:
            return sa.true()
        at, r, i = self.cursor
        if rank < r:
            return at_col <= at
        if rank > r:
            return at_col < at
        return sa.or_(at_col < at, sa.and_(at_col == at, id_col < i))


def parse_cursor(text: str | None) -> tuple | None:
    """`before`: "<ISO time>~<rank>~<id>" as a page's `next` gave it."""
    if not text:
        return None
    try:
        at, rank, ident = text.split("~")
        out = (datetime.fromisoformat(at), int(rank), int(ident))
    except ValueError:
        raise BadRequest("before 参数无效(应为上一页返回的 next)", "before is not valid (use the next a page answered)",
                         code="malformed", details={"param": "before"}) from None
    if out[0].tzinfo is not None:
        out = (out[0].astimezone().replace(tzinfo=None), out[1], out[2])
    return out


def cursor_text(key: tuple) -> str:
    return f"{key[0].isoformat()}~{key[1]}~{key[2]}"


def texts(label, fallback: str) -> tuple[str, str]:
    """(zh, en) of a bilingual label, each falling back to the other, then to `fallback`."""
    label = label if isinstance(label, dict) else {}
    return label.get("zh") or label.get("en") or fallback, label.get("en") or label.get("zh") or fallback


def item(key: tuple, type_: str, ident: str, summary: dict, *, actor: int | None = None, link: str | None = None,
         data: dict | None = None) -> dict:
    """A timeline item with its sort key (dropped before it leaves)."""
    return {"_key": key, "id": ident, "type": type_, "at": stamp(key[0]), "actor": actor, "summary": summary,
            "link": link, "data": data or {}}


def page(rt, model, record_id: int, who: Actor, conn, *, before: str | None = None, limit: int = 30,
         types=None) -> dict:
    """{"items", "next"}: the newest `limit` items below `before`, of the given types."""
    from .timeline_notices import SOURCES as NOTICES
    from .timeline_sources import SOURCES as OWN

    types = list(types or TYPES)
    unknown = [t for t in types if t not in TYPES]
    if unknown:
        raise BadRequest(f"types 中的类型 {unknown[0]} 不存在,可用:{'、'.join(TYPES)}",
                         f"unknown type {unknown[0]} in types; one of {', '.join(TYPES)}",
                         code="malformed", details={"param": "types"})
    limit = max(1, min(int(limit), MAX_LIMIT))
    ctx = Context(rt, model, record_id, who, conn, rt.access(who, model), parse_cursor(before), limit + 1)
    found, floors = [], []
    for type_, source in (*OWN, *NOTICES):
        if type_ not in types:
            continue
        items, floor = source(ctx)
        found += items
        if floor is not None:
            floors.append(floor)
    cut = max(floors) if floors else None
    found = sorted((i for i in found if cut is None or i["_key"] >= cut), key=lambda i: i["_key"], reverse=True)
    shown = found[:limit]
    more = len(found) > limit or cut is not None
    last = shown[-1]["_key"] if shown else cut
    names = rt.users_by_id(conn, sorted({i["actor"] for i in shown if i["actor"] is not None} | ctx.users))
    for i in shown:
        del i["_key"]
        uid = i["actor"]
        i["actor"] = None if uid is None else {"id": uid, "name": (names.get(uid) or {}).get("title") or str(uid)}
        for m in i["data"].get("mentions") or ():
            m["name"] = (names.get(m["id"]) or {}).get("title") or str(m["id"])
    return {"items": shown, "next": cursor_text(last) if more and last is not None else None}


def batches(ctx: Context, stmt, key_of, keep, rank_rows: int = 10):
    """(kept items, floor) of a source whose rows are filtered after reading (the audit log:
    an entry whose changed fields are all hidden is not shown): read newest first in batches
    of the page's size until enough are kept, at most `rank_rows` batches."""
    kept, last = [], None
    for n in range(rank_rows):
        rows = ctx.conn.execute(stmt.limit(ctx.size).offset(n * ctx.size)).mappings().all()
        for r in rows:
            last = key_of(r)
            out = keep(r)
            if out is not None:
                kept.append(out)
        if len(rows) < ctx.size:
            return kept, None
        if len(kept) >= ctx.size:
            break
    return kept, last


def newest(ctx: Context, stmt, key_of, make):
    """(items, floor) of a source whose every row is shown: the page's size of rows."""
    rows = ctx.conn.execute(stmt.limit(ctx.size)).mappings().all()
    floor = key_of(rows[-1]) if len(rows) == ctx.size else None
    return [make(r) for r in rows], floor
