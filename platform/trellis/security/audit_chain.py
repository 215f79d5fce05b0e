"""The audit log's hash chain: appending entries and verifying the chain.

Each entry's `hash` is sha256(prev_hash + canonical JSON of its content), `prev_hash`
the hash of the entry before it (the first entry follows 64 zeros). Changing an entry's
content breaks its own hash; deleting or inserting an entry breaks the next entry's link.
Writers are serialized: on PostgreSQL by a transaction-level advisory lock taken before
the last hash is read, on SQLite by the write transaction itself (BEGIN IMMEDIATE).

An entry's `cause` (the write's cause chain, kernel/cause.py: what made it, when not
the user directly) is part of the hashed content when it is set; entries without one
(all entries written before the column existed) hash exactly as they always did.
"""
from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal

import orjson
import sqlalchemy as sa

from ..kernel.clock import now_on
from ..storage import models as m
from ..storage.inserting import insert_many, reserve_ids
from ..storage.prepared import Prepared

GENESIS = "0" * 64
LOCK_KEY = 0x7472656C6C6973  # "trellis": the advisory lock serializing audit appends
CONTENT = ("at", "user_id", "username", "ip", "action", "app", "target", "record_id", "before", "after", "note")
OPTIONAL = ("cause",)  # hashed only when set, so older entries keep their hashes
_JSON = ("before", "after", "cause")  # stored as the canonical JSON text that was hashed
_LIMITS = {"username": 100, "ip": 64, "action": 40, "app": 64, "target": 64, "note": 500}
_PAGE = 5000
_SLOT = "@@trellis-audit-slot@@"


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    return str(value)


def dumps(value) -> str:
    """Canonical JSON: sorted keys, UTF-8 text, no spaces (orjson; dates as ISO text)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS, default=_plain).decode()


def canonical(entry: dict, parts: dict | None = None) -> str:
    """The content fields as canonical JSON. `parts` may hold `before` / `after` / `cause` already
    serialized (as stored), which are spliced in rather than encoded again."""
    content = {k: entry.get(k) for k in CONTENT}
    content.update({k: entry.get(k) for k in OPTIONAL if entry.get(k) is not None})
    at = content["at"]
    content["at"] = at.isoformat() if isinstance(at, datetime) else at
    if not parts:
        return dumps(content)
    for k in parts:
        content[k] = _SLOT
    text = dumps(content)
    for k, raw in parts.items():
        text = text.replace(f'"{k}":"{_SLOT}"', f'"{k}":{raw}', 1)
    return text


def _digest(prev_hash: str, text: str) -> str:
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, entry: dict) -> str:
    return _digest(prev_hash, canonical(entry))


def _normalize(entry: dict, now: datetime) -> dict:
    row = {k: entry.get(k) for k in (*CONTENT, *OPTIONAL)}
    at = row["at"] or now
    if at.tzinfo is not None:  # the column keeps local time without a zone, as everywhere else
        at = at.astimezone().replace(tzinfo=None)
    row["at"] = at
    for key, limit in _LIMITS.items():
        v = row[key]
        if v is not None and (type(v) is not str or len(v) > limit):
            row[key] = str(v)[:limit]
    for key in ("user_id", "record_id"):
        v = row[key]
        if v is not None and type(v) is not int:
            row[key] = int(v)
    return row


_LAST = Prepared(sa.select(m.audit.c.id, m.audit.c.hash).order_by(m.audit.c.id.desc()).limit(1))


def _last(conn) -> tuple[int, str]:
    """(id, hash) of the chain's last entry ((0, GENESIS) when empty)."""
    row = _LAST.first(conn)
    return (row["id"], row["hash"]) if row else (0, GENESIS)


def append(conn, entries: list[dict]) -> list[int]:
    """Append entries to the chain in the caller's transaction; returns their ids."""
    if not entries:
        return []
    if conn.dialect.name == "postgresql":
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    now = now_on(conn)
    top, prev = _last(conn)
    rows = []
    for entry in entries:
        row = _normalize(entry, now)
        parts = {k: dumps(row[k]) for k in _JSON if row[k] is not None}
        row["prev_hash"] = prev
        row["hash"] = prev = _digest(prev, canonical(row, parts))
        row.update(parts)  # stored as serialized, exactly the text that was hashed
        rows.append(row)
    if conn.dialect.name == "postgresql":
        ids = reserve_ids(conn, m.audit, len(rows))
    else:  # the write lock is held: the next ids follow the last entry's
        ids = list(range(top + 1, top + len(rows) + 1))
    for row, rid in zip(rows, ids):
        row["id"] = rid
    insert_many(conn, m.audit, rows, raw=_JSON)
    return ids


def verify(engine: sa.Engine) -> dict:
    """Walk the chain in id order: {"ok", "checked", "first_broken": {"id", "reason"} | None}."""
    a = m.audit
    prev, last_id, checked = GENESIS, None, 0
    with engine.connect() as conn:
        while True:
            q = sa.select(a).order_by(a.c.id).limit(_PAGE)
            if last_id is not None:
                q = q.where(a.c.id > last_id)
            rows = conn.execute(q).mappings().all()
            if not rows:
                return {"ok": True, "checked": checked, "first_broken": None}
            for row in rows:
                checked += 1
                if row["prev_hash"] != prev:
                    return _broken(checked, row["id"], "link")
                if entry_hash(row["prev_hash"], row) != row["hash"]:
                    return _broken(checked, row["id"], "content")
                prev, last_id = row["hash"], row["id"]


def _broken(checked: int, entry_id: int, kind: str) -> dict:
    if kind == "link":
        reason = {"code": "link_broken",
                  "zh": f"第 {entry_id} 条的前一条哈希不符:其前面有记录被删除或插入",
                  "en": f"entry {entry_id} does not follow the entry before it: an entry was deleted or inserted"}
    else:
        reason = {"code": "content_altered",
                  "zh": f"第 {entry_id} 条的内容已被修改(哈希不符)",
                  "en": f"entry {entry_id} was altered (its hash does not match its content)"}
    return {"ok": False, "checked": checked, "first_broken": {"id": entry_id, "reason": reason}}
