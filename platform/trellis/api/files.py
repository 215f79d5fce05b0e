"""Attachment uploads to the local file store; the record keeps {id, name, size, content_type}.

An upload is refused (nothing stored) when it is larger than TRELLIS_UPLOAD_MAX_MB (413),
when it is an executable or active content (by name, declared type or first bytes), and,
when the query names `app`, `form` and `field`, when that attachment field's `accept`
list or `max_size_mb` rules it out. Downloads other than plain images, PDF and text are
sent as attachments, never rendered inline. A download needs the right to read a record
the file is attached to, or, before it is attached, to be its uploader
(records/file_access.py); otherwise, as for an unknown id, 404."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, send_file

from ..kernel.errors import BadRequest, NotFound
from ..storage.files import FileStore
from ..storage import uploads
from ..records.file_access import may_download
from .auth import actor, login_required, runtime

bp = Blueprint("trellis_files", __name__, url_prefix="/api/v1/files")

INLINE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain"})


def _store() -> FileStore:
    return FileStore(runtime().files_dir)


def _limits(name: str) -> int:
    """The byte limit for this upload (checking the named field's rules on the way)."""
    limit = int(float(current_app.config.get("TRELLIS_UPLOAD_MAX_MB", 20)) * 1024 * 1024)
    names = [request.args.get(k) for k in ("app", "form", "field")]
    if not any(names):
        return limit
    if not all(names):
        raise BadRequest("app、form、field 参数须同时给出", "app, form and field must be given together",
                         code="malformed")
    accept, field_max = uploads.field_rules(runtime().form(names[0], names[1]), names[2])
    uploads.check_accept(name, accept)
    return min(limit, field_max) if field_max else limit


@bp.post("")
@login_required
def upload():
    f = request.files.get("file")
    if f is None:
        raise BadRequest("缺少上传文件(字段名 file)", "no file uploaded (form field 'file')", code="malformed")
    name = f.filename or "file"
    uploads.check_name(name, f.mimetype)
    limit = _limits(name)
    if request.content_length is not None and request.content_length > limit + 64 * 1024:
        raise uploads.too_large(limit)
    place = {k: request.args[k] for k in ("app", "form") if request.args.get(k)}
    meta = _store().save(f.stream, name, f.mimetype, max_bytes=limit, check_head=uploads.check_head,
                         extra={"owner": actor().id, **place})
    return jsonify(meta), 201


@bp.get("/<file_id>")
@login_required
def download(file_id):
    path, meta = _store().open(file_id)
    if not may_download(runtime(), actor(), file_id, meta):
        raise NotFound(f"文件 {file_id} 不存在", f"file {file_id} not found")
    kind = meta["content_type"].split(";", 1)[0].strip().lower()
    return send_file(path, mimetype=meta["content_type"], download_name=meta["name"],
                     as_attachment=kind not in INLINE_TYPES)
