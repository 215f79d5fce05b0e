"""Exporting a form's records (the current view) to xlsx or CSV, streamed.

The rows come through the record service's reading path, page by page with a keyset
cursor (`RecordService.list`), so the actor's row scope, field permissions, the filter,
the search and the sort apply exactly as in the grid, and a million rows never sit in
memory. A saved view contributes its filter (ANDed with the given one), its sort and its
columns unless the caller gives their own. Values are written as a user sees them
(display.py). Exporting needs the role's "export" action on the form, besides "read".

Used by the API (api/sheets.py) and the CLI (cli_sheets.py); no Flask here.
"""
from __future__ import annotations

import datetime as dt
import io
from operator import itemgetter
from dataclasses import dataclass, field

from ..kernel.errors import BadRequest, NotFound
from ..forms.model import SYSTEM_FIELDS
from ..records.saved_views import fit_view
from . import display
from .writer import SheetWriter

PAGE = 1000  # the record service's largest page
EXPORTABLE_SYSTEM = ("id", "created_at", "updated_at", "created_by", "updated_by")


@dataclass
class Column:
    id: str
    label: str
    fmt: object                 # value -> cell, or None: written as it is
    number_format: str | None = None
    expand: bool = False


@dataclass
class Export:
    runtime: object
    service: object
    columns: list[Column]
    lang: str
    fmt: str
    params: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    count: int = 0
    _first: dict | None = None

    @property
    def headers(self) -> list[str]:
        return [c.label for c in self.columns]

    def filename(self) -> str:
        form = self.service.form
        label = (form.label or {}).get(self.lang) or (form.label or {}).get("zh") or form.id
        return f"{label}_{dt.date.today().isoformat()}.{self.fmt}"

    def start(self) -> "Export":
        """Fetch the first page now, so a bad filter, sort or field fails before any
        byte of the file is sent."""
        self._first = self._page(None)
        return self

    def _page(self, cursor):
        fields = [c.id for c in self.columns if c.id not in SYSTEM_FIELDS]
        expand = [c.id for c in self.columns if c.expand]
        return self.service.list(fields=fields or None, expand=expand or None, limit=PAGE, cursor=cursor,
                                 count="none", **self.params)

    def pages(self):
        """Lists of rows (cells in column order), one per page of records."""
        page = self._first if self._first is not None else self._page(None)
        self._first = None
        people = [c.id for c in self.columns if c.id in ("created_by", "updated_by")]
        ids = [c.id for c in self.columns]
        get = itemgetter(*ids) if len(ids) > 1 else (lambda rec: (rec[ids[0]],))
        convert = [(i, c.fmt) for i, c in enumerate(self.columns) if c.fmt is not None]
        while True:
            items = page["items"]
            if people:
                self._load_users(items, people)
            rows = []
            for rec in items:
                row = list(get(rec))
                for i, fmt in convert:
                    row[i] = fmt(row[i])
                rows.append(row)
            yield rows
            self.count += len(items)
            if not page["next"]:
                return
            page = self._page(page["next"])

    def _load_users(self, items: list[dict], names: list[str]) -> None:
        missing = {r[n] for r in items for n in names if r.get(n) is not None} - self.users.keys()
        if missing:
            with self.runtime.engine.connect() as conn:
                self.users.update(self.runtime.users_by_id(conn, missing))

    def write(self, path_or_stream, progress=None) -> int:
        """Write the whole export; returns the number of rows."""
        with SheetWriter(path_or_stream, self.fmt, self.sheet_name) as w:
            w.header(self.headers)
            w.number_formats([c.number_format for c in self.columns])
            for rows in self.pages():
                w.rows(rows)
                if progress:
                    progress(self.count)
        return self.count

    def csv_chunks(self):
        """The CSV as byte chunks (UTF-8 with BOM), one per page: for a streamed response."""
        buf = io.StringIO()
        w = SheetWriter(buf, "csv")
        w.header(self.headers)
        for rows in self.pages():
            w.rows(rows)
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate(0)
        tail = buf.getvalue()
        if tail:
            yield tail.encode("utf-8")

    @property
    def sheet_name(self) -> str:
        label = self.service.form.label or {}
        return label.get(self.lang) or label.get("zh") or self.service.form.id


def _view(runtime, app: str, form_id: str, view_id: str, actor) -> dict:
    found = runtime.store.published(app, "view", view_id)
    body = found[0] if found else None
    mine = body is not None and (body.get("shared") or body.get("owner") in (None, actor.id) or actor.is_admin)
    if body is None or body.get("form") != form_id or not mine:
        raise NotFound(f"视图 {view_id} 不存在", f"view {view_id} not found", details={"view": view_id})
    return body


def _columns(service, names, from_view: bool, lang: str, fmt: str, users: dict) -> list[Column]:
    form, access = service.form, service.access
    out = []
    for name in names:
        if name in EXPORTABLE_SYSTEM:
            zh, en = display.SYSTEM_LABELS[name]
            out.append(Column(name, en if lang == "en" else zh, display.system_formatter(name, fmt, users)))
            continue
        t = form.field(name)
        if t is None or not access.can_see(name) or not t.in_row or t.export is None:
            if from_view:
                continue  # a shared view may show columns this user may not see
            raise BadRequest(f"导出字段 {name} 不存在或不可导出", f"unknown or unexportable field {name} in fields",
                             code="unknown_field", details={"field": name, "param": "fields"})
        out.append(Column(name, display.field_label(t.field, lang), display.cell_formatter(t, lang, fmt),
                          display.number_format(t) if fmt == "xlsx" else None,
                          expand=t.references is not None))
    return out


def prepare(runtime, app: str, form_id: str, actor, *, fmt: str = "xlsx", filter=None, sort=None, q=None,
            fields=None, view: str | None = None, lang: str = "zh") -> Export:
    """An export of `form_id` as `actor` sees it. Raises Forbidden without the "export"
    permission, BadRequest for an unknown field / format / language."""
    if fmt not in ("xlsx", "csv"):
        raise BadRequest("导出格式只能是 xlsx 或 csv", "the export format must be xlsx or csv",
                         code="malformed", details={"param": "format"})
    if lang not in ("zh", "en"):
        raise BadRequest("语言只能是 zh 或 en", "lang must be zh or en", code="malformed", details={"param": "lang"})
    service = runtime.records(app, form_id, actor)
    service.access.require("read")
    service.access.require("export")
    flt, view_cols = filter, None
    if view:
        # as the grid applies it: parts naming fields this user may not see are left out
        body = fit_view(_view(runtime, app, form_id, view, service.actor), service.form, service.access)
        if body.get("filter") not in (None, {}, True):
            flt = body["filter"] if flt in (None, {}, True) else {"and": [body["filter"], flt]}
        sort = sort or body.get("sort")
        view_cols = body.get("columns")
    users: dict = {}
    if fields:
        names, from_view = list(fields), False
    elif view_cols:
        names, from_view = list(view_cols), True
    else:
        form = service.form
        names = [t.id for t in form.active if t.in_row and not t.field.get("hidden")
                 and t.export is not None and service.access.can_see(t.id)]
        from_view = True
    columns = _columns(service, names, from_view, lang, fmt, users)
    if not columns:
        raise BadRequest("没有可导出的字段", "no field to export", code="unknown_field", details={"param": "fields"})
    params = {"filter": flt, "sort": sort, "q": q}
    return Export(runtime, service, columns, lang, fmt, params, users)


def audit(runtime, export: Export, actor, fmt: str, args: dict) -> None:
    """One audit entry per export: who exported which form, how filtered."""
    runtime.record_event("records.export", app=export.service.form.app, target=export.service.form.id,
                         after={"format": fmt, **{k: v for k, v in args.items() if v not in (None, "", [])}},
                         actor=actor)
