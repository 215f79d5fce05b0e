"""Upload limits: the size limit (413), refused executables and active content (by name,
declared type and first bytes), an attachment field's own `accept` and `max_size_mb`,
and nothing left on disk by a refused upload."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from samples import APP
from trellis.storage import uploads

FILES = "/api/v1/files"
CONTRACT = {
    "schema_version": 1, "id": "contract", "label": {"zh": "合同", "en": "Contract"},
    "fields": [
        {"id": "name", "type": "text", "label": {"zh": "名称", "en": "Name"}},
        {"id": "scan", "type": "attachment", "label": {"zh": "扫描件", "en": "Scan"},
         "accept": [".pdf", ".PNG"], "max_size_mb": 0.004},
    ],
}


@pytest.fixture(scope="module")
def contract_form(app):
    rt = app.extensions["trellis"]
    if rt.store.published("uploaddemo", "app", "uploaddemo") is None:
        rt.store.save_draft("uploaddemo", "app", "uploaddemo", dict(APP, id="uploaddemo", forms=["contract"]))
        rt.publish("uploaddemo", "app", "uploaddemo")
        rt.store.save_draft("uploaddemo", "form", "contract", CONTRACT)
        rt.publish("uploaddemo", "form", "contract")
    return rt


def _stored(app) -> set[Path]:
    return {p for p in Path(app.config["TRELLIS_FILES"]).rglob("*") if p.is_file()}


def _upload(api, name, content: bytes, kind="application/octet-stream", **query):
    return api.post(FILES, data={"file": (io.BytesIO(content), name, kind)}, content_type="multipart/form-data",
                    query_string=query)


def _refused(r, status):
    body = r.get_json()
    assert r.status_code == status, body
    assert body["message"]["zh"] and body["message"]["en"]
    return body


@pytest.mark.parametrize("name, content, kind", [
    ("setup.exe", b"plain bytes", "application/octet-stream"),
    ("run.BAT", b"echo hi", "text/plain"),
    ("evil.exe. ", b"plain bytes", "application/octet-stream"),
    ("page.html", b"hello", "text/plain"),
    ("logo.svg", b"hello", "image/svg+xml"),
    ("tool.jar", b"PK\x03\x04", "application/java-archive"),
    ("deploy.ps1", b"Write-Host", "text/plain"),
    ("index.php", b"hello", "text/plain"),
    ("notes.txt", b"hello", "text/html"),
    ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "application/pdf"),
    ("photo.png", b"\x7fELF\x02\x01\x01", "image/png"),
    ("readme.txt", b"#!/bin/sh\nrm -rf /", "text/plain"),
    ("notes.txt", b"\xef\xbb\xbf  <!DOCTYPE html><p>hi", "text/plain"),
    ("data.csv", b"a,b\n1,<ScRiPt>alert(1)</script>", "text/csv"),
])
def test_executables_and_active_content_are_refused(api, app, name, content, kind):
    before = _stored(app)
    body = _refused(_upload(api, name, content, kind), 415)
    assert body["code"] == "file_type_refused"
    assert _stored(app) == before


def test_the_size_limit(api, app):
    before = _stored(app)
    old = app.config["TRELLIS_UPLOAD_MAX_MB"]
    app.config["TRELLIS_UPLOAD_MAX_MB"] = 0.01  # 10,485 bytes
    try:
        body = _refused(_upload(api, "big.pdf", b"%PDF" + b"x" * 20_000, "application/pdf"), 413)
        assert body["code"] == "too_large" and "MB" in body["message"]["zh"]
        assert _stored(app) == before
        ok = _upload(api, "small.pdf", b"%PDF" + b"x" * 5_000, "application/pdf")
        assert ok.status_code == 201 and ok.get_json()["size"] == 5_004
    finally:
        app.config["TRELLIS_UPLOAD_MAX_MB"] = old
    assert len(_stored(app) - before) == 2  # the content and its sidecar
    if "TRELLIS_UPLOAD_MAX_MB" not in os.environ:
        assert old == 20  # the default


def test_a_field_s_accept_list_and_max_size(api, app, contract_form):
    field = {"app": "uploaddemo", "form": "contract", "field": "scan"}
    before = _stored(app)
    body = _refused(_upload(api, "scan.docx", b"PK\x03\x04", **field), 415)
    assert ".pdf" in body["message"]["en"]
    _refused(_upload(api, "scan.pdf", b"%PDF" + b"x" * 5_000, "application/pdf", **field), 413)
    _refused(_upload(api, "scan.pdf", b"%PDF", "application/pdf", app="uploaddemo", form="contract"), 400)
    _refused(_upload(api, "scan.pdf", b"%PDF", "application/pdf", **dict(field, field="name")), 400)
    _refused(_upload(api, "scan.pdf", b"%PDF", "application/pdf", **dict(field, form="nope")), 404)
    assert _stored(app) == before
    ok = _upload(api, "Scan.PDF", b"%PDF" + b"x" * 1_000, "application/pdf", **field)
    assert ok.status_code == 201
    png = _upload(api, "scan.png", b"\x89PNG\r\n", "image/png", **field)
    assert png.status_code == 201
    rec = api.post("/api/v1/apps/uploaddemo/forms/contract/records", json={"name": "合同一", "scan": ok.get_json()})
    assert rec.status_code == 201, rec.get_json()


def test_downloads_of_unknown_types_are_attachments(api):
    pdf = _upload(api, "a.pdf", b"%PDF-1.4", "application/pdf").get_json()
    csv = _upload(api, "a.csv", b"a,b\n1,2", "text/csv").get_json()
    assert api.get(f"{FILES}/{pdf['id']}").headers["Content-Disposition"].startswith("inline")
    got = api.get(f"{FILES}/{csv['id']}")
    assert got.headers["Content-Disposition"].startswith("attachment") and got.data == b"a,b\n1,2"


def test_policy_helpers():
    assert uploads.extension("a.tar.GZ") == ".gz" and uploads.extension("x.EXE. . ") == ".exe"
    assert uploads.extension("folder.d/noext") == "" and uploads.extension("..\\..\\x.exe") == ".exe"
    uploads.check_head(b"%PDF-1.7 <</Type /Catalog>>")
    uploads.check_head("合同 <b>加粗</b>".encode())
    with pytest.raises(uploads.Refused):
        uploads.check_head(b"<  iframe src=x>")
