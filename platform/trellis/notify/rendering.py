"""Rendering a template for one recipient on one channel: the context (the record's
values as a user reads them, the records its relations point at, the recipient, a link
back to the record) and the texts (the channel's variant where it has one, else the
template's; the recipient's language, else Chinese). Plain texts render with
`templating.render`, HTML with `render_html` (every value escaped)."""
from __future__ import annotations

import re

from ..kernel.actor import SYSTEM
from ..records.reading import expand_relations, fetch
from ..kernel.templating import render, render_html
from ..sheets.display import cell_formatter

PARTS = ("subject", "body", "html")
NAMED = re.compile(r"\b(?:record|raw|related)\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*['\"]([A-Za-z_]\w*)['\"]\s*\])")
WHOLE = re.compile(r"\b(?:record|raw|related)\b")
CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # what Jinja evaluates (not the text around it)


def fields_used(texts) -> set[str] | None:
    """The record fields Jinja `texts` read (`record.x`, `raw['x']`, `related.x`), or None
    when one uses a record as a whole (`{{ record }}`, a loop over it): then every field."""
    found: set[str] = set()
    for text in texts:
        if not isinstance(text, str):
            continue
        code = " ".join(CODE.findall(text))
        named = [m.group(1) or m.group(2) for m in NAMED.finditer(code)]
        if len(named) != len(WHOLE.findall(code)):
            return None
        found.update(named)
    return found


def record_contexts(rt, app: str, form_id: str | None, ids, lang: str, conn=None, fields=None) -> dict:
    """{record id: {"record": display values by field id, "raw": stored values, "related":
    {field: {"id", "title"}}}} of many records in two queries per relation, read as the
    system (a message is about the record, whoever receives it). A record that is gone
    gets only its id. `fields`: only these (those the texts and recipients need)."""
    ids = [int(i) for i in dict.fromkeys(ids) if i is not None]
    if not form_id or not ids:
        return {}
    if conn is None:
        with rt.engine.connect() as c:
            return record_contexts(rt, app, form_id, ids, lang, c, fields)
    service = rt.records(app, form_id, SYSTEM)
    form = service.form
    active = [t for t in form.active if fields is None or t.id in fields]
    expand = [t.id for t in active if t.references is not None and t.has_column]
    rows = fetch(conn, service, ids, fields=[t.id for t in active] if fields is not None else None, scope="read")
    if expand and rows:
        expand_relations(conn, service, rows, expand)
    formats = [(t.id, cell_formatter(t, lang, "csv")) for t in active]
    out = {i: {"record": {"id": i}, "raw": {"id": i}, "related": {}} for i in ids}
    for row in rows:
        shown, related, raw = {"id": row["id"]}, {}, {"id": row["id"]}
        for fid, fmt in formats:
            value = row.get(fid)
            if isinstance(value, dict) and "title" in value:
                related[fid] = value
                raw[fid] = value.get("id")
                shown[fid] = value.get("title") or value.get("id")
                continue
            raw[fid] = value
            shown[fid] = fmt(value) if fmt is not None and value is not None else value
        for k in ("created_at", "updated_at"):
            shown[k] = raw[k] = row.get(k)
        out[row["id"]] = {"record": shown, "raw": raw, "related": related}
    return out


def record_context(rt, app: str, form_id: str | None, record_id, lang: str, conn=None) -> dict:
    """The context of one record (see `record_contexts`); empty without a record."""
    if not form_id or record_id is None:
        return {"record": {}, "raw": {}, "related": {}}
    return record_contexts(rt, app, form_id, [record_id], lang, conn)[int(record_id)]


def link_of(base: str, app: str, form_id: str | None, record_id) -> str | None:
    if not form_id or record_id is None:
        return None
    return f"{(base or '').rstrip('/')}/apps/{app}/forms/{form_id}/records/{record_id}"


def pick(template: dict, channel: str | None, part: str, lang: str) -> str | None:
    """The text of `part` for `channel` in `lang`: the channel's variant, else the template's."""
    for source in ((template.get("channels") or {}).get(channel) or {}, template):
        texts = source.get(part)
        if texts:
            return texts.get(lang) or texts.get("zh") or next(iter(texts.values()), None)
    return None


def render_texts(template: dict, channel: str | None, lang: str, context: dict) -> dict:
    """{"subject", "text", "html"} rendered (html None when the template has none)."""
    subject = pick(template, channel, "subject", lang)
    body = pick(template, channel, "body", lang)
    html = pick(template, channel, "html", lang)
    return {"subject": render(subject, context).strip() if subject else "",
            "text": render(body, context) if body else "",
            "html": render_html(html, context) if html else None}
