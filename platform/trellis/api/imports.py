"""Import endpoints (`/api/v1/apps/{app}/forms/{form}/imports`): inspect an uploaded file
(sheets, header, preview, the automatic column mapping), start a run (202: it runs as a
task and is polled), list / read (with its first refused cells) / cancel / roll back
batches, download a batch's error workbook, and the form's saved mappings. Batches are
visible to their owner and admins. Inserting needs the create permission, updating the
update permission, an upsert both; field permissions apply (see imports/mapping.py)."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, send_file

from ..storage.database import writing
from ..kernel.errors import BadRequest, Conflict, NotFound
from ..storage.files import FileStore
from ..imports import TASK, batches, mapping as mapmod, saved
from ..jobs import enqueue
from ..imports.rollback import rollback as rollback_batch
from ..storage import uploads
from ..sheets import open_book
from ..sheets.template import template_info
from .auth import actor, login_required, runtime
from .jsonbody import loads

bp = Blueprint("trellis_imports", __name__, url_prefix="/api/v1/apps/<app>/forms/<form>/imports")

PREVIEW_ROWS = 5
KINDS = (".xlsx", ".xlsm", ".xls", ".csv", ".txt")


class _Pairs(dict):
    """A JSON object that remembers its keys as written (so a key given twice is seen)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        self.pairs = pairs


def _body() -> dict:
    try:
        data = loads(request.get_data(as_text=True) or "null", object_pairs_hook=_Pairs)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise BadRequest("请求体必须是 JSON 对象", "the request body must be a JSON object", code="malformed")
    return data


def _svc(app: str, form: str):
    svc = runtime().records(app, form, actor())
    if not (svc.access.allowed("create") or svc.access.allowed("update")):
        svc.access.require("create")
    return svc


def _store() -> FileStore:
    return FileStore(runtime().files_dir)


def _cell(v):
    return v.isoformat() if hasattr(v, "isoformat") else v


def _header_row(value):
    if value in (None, ""):
        return None
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise BadRequest("header_row 必须是整数(从 0 开始的行号)", "header_row must be an integer (0-based row index)",
                         code="malformed", details={"param": "header_row"}) from None
    if n < 0:
        raise BadRequest("header_row 不能小于 0", "header_row must be at least 0", code="malformed")
    return n


def _upload() -> dict:
    """Store the multipart upload `file` (size limit, content checks)."""
    f = request.files.get("file")
    if f is None:
        raise BadRequest("缺少上传文件(字段名 file)", "no file uploaded (form field 'file')", code="malformed")
    name = f.filename or "import.xlsx"
    uploads.check_name(name, None)
    if uploads.extension(name) not in KINDS:
        raise uploads.Refused(f"只能导入 xlsx、xls 或 csv 文件,不能导入“{name}”",
                              f"only xlsx, xls and csv files can be imported, not “{name}”")
    limit = int(float(current_app.config.get("TRELLIS_IMPORT_MAX_MB", 64)) * 1024 * 1024)
    return _store().save(f.stream, name, f.mimetype, max_bytes=limit, check_head=uploads.check_head)


def _open(upload: str):
    if not isinstance(upload, str) or not upload:
        raise BadRequest("缺少 upload(上传文件的编号)", "upload (the uploaded file's id) is missing", code="malformed")
    path, meta = _store().open(upload)
    return open_book(path, meta["name"]), meta


@bp.post("/inspect")
@login_required
def inspect(app, form):
    svc = _svc(app, form)
    if request.files:
        meta = _upload()
        params = request.form
        upload = meta["id"]
    else:
        params = _body()
        upload = params.get("upload")
    book, meta = _open(upload)
    rt = runtime()
    with book:
        sheet = book.sheet(params.get("sheet") or None, _header_row(params.get("header_row")))
        template = template_info(book) if book.kind == "xlsx" else None
        fields = mapmod.importable(svc)
        with rt.engine.connect() as conn:
            saved_list = saved.listing(conn, app, form)
            chosen = saved.get(conn, app, form, params["mapping_id"]) if params.get("mapping_id") else None
        columns = mapmod.auto_map(fields, sheet.headers, template=template, chosen=chosen, saved=saved_list)
        return jsonify({
            "upload": upload, "filename": meta["name"], "kind": book.kind,
            "sheets": [{"name": s.name, "rows": s.rows, "cols": s.cols} for s in book.sheets],
            "sheet": sheet.name, "header_row": sheet.header_row, "headers": sheet.headers,
            "preview": [[_cell(v) for v in row] for row in sheet.preview(PREVIEW_ROWS)], "total": sheet.total,
            "mapping": columns, "fields": [mapmod.field_json(t) for t in fields], "saved_mappings": saved_list,
        })


@bp.post("")
@login_required
def start(app, form):
    svc = _svc(app, form)
    body = _body()
    mode = body.get("mode") or "insert"
    on_error = body.get("on_error") or "all"
    dry_run = body.get("dry_run", False)
    mapmod.check_options(mode, on_error, dry_run)
    keys = body.get("keys") or []
    if not isinstance(keys, list):
        raise BadRequest("keys 必须是字段标识的数组", "keys must be an array of field ids", code="malformed")
    book, meta = _open(body.get("upload"))
    with book:
        sheet = book.sheet(body.get("sheet") or None, _header_row(body.get("header_row")))
        raw = body.get("mapping")
        letters = sheet.column_letters
        columns = mapmod.parse_mapping(raw.pairs if isinstance(raw, _Pairs) else raw, sheet.headers, letters)
        keys = mapmod.check(svc, sheet.headers, columns, mode, keys, letters)
        match = _match(svc, body.get("match"), columns)
        headers, sheet_name, header_row, total = sheet.headers, sheet.name, sheet.header_row, sheet.total
    rt = runtime()
    with writing(rt.engine) as conn:
        if body.get("save_mapping"):
            offered = {t.id for t in mapmod.importable(svc)}
            saved.save(conn, app, form, body["save_mapping"], {headers[c]: f for c, f in columns.items() if headers[c]},
                       actor(), offered)
        batch_id = batches.create(conn, app=app, form=form, actor=actor(), filename=meta["name"], upload=meta["id"],
                                  sheet=sheet_name, header_row=header_row, mode=mode, keys=keys, mapping=columns,
                                  options={"match": match} if match else {}, dry_run=dry_run, on_error=on_error,
                                  total=total)
        row = batches.row(conn, batch_id)
        enqueue(conn, TASK, [batch_id], key=f"{TASK}:{batch_id}", app=app)  # committed with its batch
    rt.jobs.wake()
    return jsonify(batches.to_json(row, rt.files_dir, actor())), 202


def _match(svc, match, columns: dict) -> dict:
    """Optional {relation field: target field to match cells by}."""
    if not match:
        return {}
    if not isinstance(match, dict):
        raise BadRequest("match 必须是对象 {关联字段: 目标字段}", "match must be an object {relation field: target field}",
                         code="malformed")
    out = {}
    for fid, target_field in match.items():
        t = svc.form.field(fid)
        if t is None or t.references != "form" or fid not in columns.values():
            raise BadRequest(f"match 中的“{fid}”不是已映射的关联字段", f"“{fid}” in match is not a mapped relation field",
                             code="malformed", details={"field": fid})
        target = runtime().form(svc.form.app, t.target)
        tf = target.field(target_field) if isinstance(target_field, str) else None
        if tf is None or not tf.has_column:
            raise BadRequest(f"关联表单没有字段“{target_field}”", f"the related form has no field “{target_field}”",
                             code="malformed", details={"field": fid})
        out[fid] = target_field
    return out


def _batch(app: str, form: str, batch_id: int) -> dict:
    rt = runtime()
    rt.form(app, form)
    with rt.engine.connect() as conn:
        row = batches.row(conn, batch_id)
    who = actor()
    if (row["app"], row["form"]) != (app, form) or not (who.is_admin or row["user_id"] == who.id):
        raise NotFound(f"导入批次 {batch_id} 不存在", f"import batch {batch_id} not found")
    return row


@bp.get("")
@login_required
def listing(app, form):
    rt = runtime()
    rt.form(app, form)
    who = actor()
    with rt.engine.connect() as conn:
        rows = batches.listing(conn, app, form, None if who.is_admin else who.id)
    return jsonify([batches.to_json(r, rt.files_dir, who) for r in rows])


@bp.get("/<int32:batch_id>")
@login_required
def get(app, form, batch_id):
    return jsonify(batches.to_json(_batch(app, form, batch_id), runtime().files_dir, actor(), problems=True))


@bp.post("/<int32:batch_id>/cancel")
@login_required
def cancel(app, form, batch_id):
    row = _batch(app, form, batch_id)
    rt = runtime()
    if row["status"] not in ("queued", "running"):
        raise Conflict(f"导入批次 {batch_id} 已结束(状态:{row['status']}),不能取消",
                       f"import batch {batch_id} has ended (status: {row['status']}) and cannot be cancelled",
                       code="not_running")
    batches.request_cancel(rt.files_dir, batch_id)
    if row["status"] == "queued":
        with writing(rt.engine) as conn:
            conn.execute(batches.T.update().where(batches.T.c.id == batch_id, batches.T.c.status == "queued")
                         .values(cancel_requested=True))
    return jsonify(batches.to_json(_batch(app, form, batch_id), rt.files_dir, actor()))


@bp.post("/<int32:batch_id>/rollback")
@login_required
def rollback(app, form, batch_id):
    _batch(app, form, batch_id)
    body = request.get_json(silent=True) or {}
    force = bool(body.get("force")) if isinstance(body, dict) else False
    force = force or request.args.get("force") in ("1", "true")
    row = rollback_batch(runtime(), batch_id, actor(), force=force)
    return jsonify(batches.to_json(row, runtime().files_dir, actor()))


@bp.get("/<int32:batch_id>/errors.xlsx")
@login_required
def errors(app, form, batch_id):
    row = _batch(app, form, batch_id)
    path = batches.errors_path(runtime().files_dir, batch_id)
    if not row["errors_file"] or not path.exists():
        raise NotFound(f"导入批次 {batch_id} 没有错误报告", f"import batch {batch_id} has no error report")
    label = runtime().form(app, form).label.get("zh") or form
    return send_file(path, as_attachment=True, download_name=f"{label}-导入错误-{batch_id}.xlsx",
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@bp.get("/mappings")
@login_required
def mappings(app, form):
    _svc(app, form)
    with runtime().engine.connect() as conn:
        return jsonify({"items": saved.listing(conn, app, form)})


@bp.post("/mappings")
@login_required
def save_mapping(app, form):
    svc = _svc(app, form)
    body = _body()
    offered = {t.id for t in mapmod.importable(svc)}
    with writing(runtime().engine) as conn:
        out = saved.save(conn, app, form, body.get("name"), body.get("mapping"), actor(), offered)
    return jsonify(out), 201


@bp.delete("/mappings/<int32:mapping_id>")
@login_required
def delete_mapping(app, form, mapping_id):
    _svc(app, form)
    with writing(runtime().engine) as conn:
        saved.delete(conn, app, form, mapping_id, actor())
    return "", 204
