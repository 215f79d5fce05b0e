"""The web UI's files are sent precompressed: the build plugin (frontend/plugins/precompress.mjs,
run here by node on a small dist folder) writes .br and .gz copies, and the server sends the
copy the request's Accept-Encoding takes (brotli first), with Content-Encoding, Vary, the
original's Content-Type and the asset cache header; the bytes unpack to the original."""
from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from pathlib import Path

import pytest

PLUGIN = Path(__file__).resolve().parents[2] / "frontend" / "plugins" / "precompress.mjs"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is needed to run the build plugin")

SCRIPT = "const pad = " + json.dumps("界面" * 2000) + ";\nexport function f(x) { return x + pad.length; }\n"
PAGE = "<!doctype html><html><body><div id=root></div>" + "<!-- 页面 -->" * 200 + "</body></html>"


def _node(code: str, *args: str) -> bytes:
    return subprocess.run([NODE, "--input-type=module", "-e", code, *args], check=True, capture_output=True,
                          timeout=60).stdout


def _unbrotli(data: bytes, tmp: Path) -> bytes:
    src = tmp / "packed.br"
    src.write_bytes(data)
    return _node("import {brotliDecompressSync} from 'node:zlib'; import {readFileSync} from 'node:fs';"
                 "process.stdout.write(brotliDecompressSync(readFileSync(process.argv[1])));", str(src))


@pytest.fixture
def dist(app, tmp_path):
    """A dist folder as the build leaves it: index.html, a script, a tiny style, the copies."""
    out = tmp_path / "dist"
    (out / "assets").mkdir(parents=True)
    (out / "index.html").write_text(PAGE, encoding="utf-8")
    (out / "assets" / "app-1a2b.js").write_text(SCRIPT, encoding="utf-8")
    (out / "assets" / "tiny-3c4d.css").write_text("a{color:red}", encoding="utf-8")
    bundle = {"index.html": {}, "assets/app-1a2b.js": {}, "assets/tiny-3c4d.css": {}}
    _node(f"import p from {json.dumps(PLUGIN.as_uri())}; await p().writeBundle({{dir: process.argv[1]}}, "
          f"{json.dumps(bundle)});", str(out))
    before = app.config.get("TRELLIS_FRONTEND")
    app.config["TRELLIS_FRONTEND"] = str(out)
    yield out
    app.config["TRELLIS_FRONTEND"] = before


def test_the_build_writes_copies_of_text_files_over_1_kb(dist):
    assert (dist / "assets" / "app-1a2b.js.br").is_file() and (dist / "assets" / "app-1a2b.js.gz").is_file()
    assert (dist / "index.html.br").is_file() and (dist / "index.html.gz").is_file()
    assert not list((dist / "assets").glob("tiny-3c4d.css.*"))      # too small to be worth it


@pytest.mark.parametrize("accept, coding", [
    ("gzip, deflate, br, zstd", "br"), ("br;q=1.0, gzip;q=0.8", "br"), ("gzip, deflate", "gzip"),
    ("br;q=0, gzip", "gzip"), ("identity", None), ("", None),
])
def test_an_asset_is_sent_in_the_coding_the_client_takes(app, dist, tmp_path, accept, coding):
    r = app.test_client().get("/assets/app-1a2b.js", headers={"Accept-Encoding": accept})
    assert r.status_code == 200
    assert r.headers.get("Content-Encoding") == coding
    assert r.mimetype == "text/javascript"
    assert "Accept-Encoding" in r.headers.get("Vary", "")
    assert "max-age=31536000" in r.headers["Cache-Control"]
    body = r.get_data()
    assert int(r.headers["Content-Length"]) == len(body)
    original = SCRIPT.encode()
    if coding == "br":
        assert len(body) < len(original) // 4 and _unbrotli(body, tmp_path) == original
    elif coding == "gzip":
        assert len(body) < len(original) // 4 and gzip.decompress(body) == original
    else:
        assert body == original


def test_the_index_page_is_sent_compressed_at_every_route(app, dist, tmp_path):
    client = app.test_client()
    for path in ("/", "/apps/demo/forms/client"):
        r = client.get(path, headers={"Accept-Encoding": "gzip, br"})
        assert r.headers["Content-Encoding"] == "br" and r.mimetype == "text/html", path
        assert _unbrotli(r.get_data(), tmp_path).decode() == PAGE
        assert "max-age=31536000" not in r.headers.get("Cache-Control", "")     # the page itself is not kept
    plain = client.get("/", headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and plain.get_data(as_text=True) == PAGE


def test_a_file_without_copies_is_sent_as_it_is(app, dist):
    r = app.test_client().get("/assets/tiny-3c4d.css", headers={"Accept-Encoding": "br, gzip"})
    assert r.status_code == 200 and "Content-Encoding" not in r.headers and r.get_data(as_text=True) == "a{color:red}"
    assert "Accept-Encoding" not in r.headers.get("Vary", "")
    assert r.mimetype == "text/css"


def test_unknown_or_escaping_asset_paths_answer_404(app, dist):
    client = app.test_client()
    assert client.get("/assets/../index.html", headers={"Accept-Encoding": "br"}).status_code == 404
    assert client.get("/assets/nothing.js", headers={"Accept-Encoding": "br"}).status_code == 404
