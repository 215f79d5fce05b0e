"""Attachment uploads to the local file store; the record keeps {id, name, size, content_type}."""
from __future__ import annotations

from flask import Blueprint, jsonify, request, send_file

from ..errors import BadRequest
from ..files import FileStore
from .auth import login_required, runtime

bp = Blueprint("trellis_files", __name__, url_prefix="/api/v1/files")


def _store() -> FileStore:
    return FileStore(runtime().files_dir)


@bp.post("")
@login_required
def upload():
    f = request.files.get("file")
    if f is None:
        raise BadRequest("缺少上传文件(字段名 file)", "no file uploaded (form field 'file')", code="malformed")
    return jsonify(_store().save(f.stream, f.filename or "file", f.mimetype)), 201


@bp.get("/<file_id>")
@login_required
def download(file_id):
    path, meta = _store().open(file_id)
    return send_file(path, mimetype=meta["content_type"], download_name=meta["name"])
