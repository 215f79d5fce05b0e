"""Spreadsheet endpoints of a form: the import template and the export of the current view.

GET /api/v1/apps/<app>/forms/<form>/template.xlsx?lang=zh|en
GET /api/v1/apps/<app>/forms/<form>/export?format=xlsx|csv&filter=&sort=&q=&fields=&view=&lang=

An export is streamed: CSV page by page as the records are read; xlsx written to a
temporary file in constant memory, then sent and deleted. Errors (no permission, an
unknown field, a bad filter) are found before the first byte and answered as JSON.
"""
from __future__ import annotations

import io
import os
import tempfile
from urllib.parse import quote

from flask import Blueprint, Response, request, send_file

from ..sheets import export as exporting
from ..sheets.template import write_template
from .auth import actor, login_required, runtime
from .params import filter_param, list_param, search_param

bp = Blueprint("trellis_sheets", __name__, url_prefix="/api/v1/apps/<app>/forms/<form>")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _lang() -> str:
    lang = (request.args.get("lang") or "zh").lower()
    return "en" if lang.startswith("en") else "zh"


def _disposition(name: str, fallback: str) -> str:
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


@bp.get("/template.xlsx")
@login_required
def template(app, form):
    svc = runtime().records(app, form, actor())
    lang = _lang()
    buf = io.BytesIO()
    write_template(buf, svc, lang)
    buf.seek(0)
    label = (svc.form.label or {}).get(lang) or svc.form.id
    suffix = "导入模板" if lang == "zh" else "import template"
    resp = send_file(buf, mimetype=XLSX, as_attachment=True, download_name=f"{label} {suffix}.xlsx")
    resp.headers["Cache-Control"] = "no-store"
    return resp


@bp.get("/export")
@login_required
def export(app, form):
    args = request.args
    fmt = (args.get("format") or "xlsx").lower()
    params = {"filter": filter_param(args), "sort": args.get("sort") or None, "q": search_param(args),
              "fields": list_param(args, "fields"), "view": args.get("view") or None}
    rt, who = runtime(), actor()
    job = exporting.prepare(rt, app, form, who, fmt=fmt, lang=_lang(), **params).start()
    exporting.audit(rt, job, who, fmt, params)
    name = job.filename()
    fallback = f"{form}_{name.rsplit('_', 1)[-1]}"
    if fmt == "csv":
        resp = Response(job.csv_chunks(), mimetype="text/csv; charset=utf-8")
        resp.headers["Content-Disposition"] = _disposition(name, fallback)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Accel-Buffering"] = "no"
        return resp
    fd, path = tempfile.mkstemp(prefix="trellis-export-", suffix=".xlsx")
    os.close(fd)
    try:
        job.write(path)
        fh = open(path, "rb")
    finally:
        os.unlink(path)  # the open handle keeps the data readable until the response is sent
    resp = send_file(fh, mimetype=XLSX, as_attachment=True, download_name=name)
    resp.headers["Content-Disposition"] = _disposition(name, fallback)
    resp.headers["Cache-Control"] = "no-store"
    return resp
