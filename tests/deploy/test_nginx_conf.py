"""deploy/nginx.conf with Debian's nginx, started by the test on loopback with a temporary
prefix (the compose upstream `web:5000`, ports and paths substituted): `nginx -t` as shipped
and with its HTTPS lines turned on (a self-signed certificate), then served in front of a
small upstream that answers with the headers it got: forwarding headers and request ids,
large import bodies accepted and oversized ones refused, hashed assets cached, plain HTTP
redirected once HTTPS is on (but the health check)."""
from __future__ import annotations

import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy_files import NGINX_CONF

NGINX = Path("/usr/sbin/nginx")
pytestmark = pytest.mark.skipif(not NGINX.exists(), reason="Debian's nginx (/usr/sbin/nginx) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Upstream(BaseHTTPRequestHandler):
    """Answers every request with what it received; counts the asset requests."""

    hits: dict = {}

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        received = len(self.rfile.read(length)) if length else 0
        _Upstream.hits[self.path] = _Upstream.hits.get(self.path, 0) + 1
        body = json.dumps({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                           "received": received}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        if self.path.startswith("/assets/"):
            self.send_header("Cache-Control", "public, max-age=31536000")
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def upstream():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Upstream)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()


def _render(tmp: Path, upstream: int, http_port: int, https_port: int | None) -> Path:
    """The shipped file with loopback addresses and temporary paths, wrapped in a main config."""
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert "server web:5000" in text and "listen 80;" in text and "#https" in text
    text = text.replace("server web:5000", f"server 127.0.0.1:{upstream}")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    if https_port:
        text = re.sub(r"^(\s*)#https ", r"\1", text, flags=re.M)
        text = text.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
        text = text.replace("/etc/nginx/certs", str(tmp))
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                        "-days", "2", "-keyout", str(tmp / "privkey.pem"), "-out", str(tmp / "fullchain.pem")],
                       check=True, capture_output=True, timeout=120)
    text = text.replace("/var/cache/nginx", str(tmp / "cache")).replace("/var/log/nginx", str(tmp / "logs"))
    for folder in ("cache", "logs", "temp"):
        (tmp / folder).mkdir(exist_ok=True)
    (tmp / "trellis.conf").write_text(text, encoding="utf-8")
    temp = tmp / "temp"
    main = tmp / "nginx.conf"
    # as root, nginx's workers would be `nobody`, shut out of the test's private temporary folder
    user = "user root;" if os.geteuid() == 0 else ""
    main.write_text(f"""
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log;
worker_processes 1;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {tmp}/trellis.conf;
}}
""", encoding="utf-8")
    return main


def _check(tmp: Path, main: Path) -> None:
    done = subprocess.run([str(NGINX), "-t", "-p", str(tmp), "-c", str(main)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module", params=["http", "https"])
def served(request, upstream, tmp_path_factory):
    """nginx running the file (as shipped, or with HTTPS on) in front of the upstream."""
    tmp = tmp_path_factory.mktemp(f"nginx_{request.param}")
    http_port = _free_port()
    https_port = _free_port() if request.param == "https" else None
    main = _render(tmp, upstream, http_port, https_port)
    _check(tmp, main)
    proc = subprocess.Popen([str(NGINX), "-p", str(tmp), "-c", str(main), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", http_port), timeout=1).close()
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not listen"
            time.sleep(0.1)
    yield {"mode": request.param, "http": http_port, "https": https_port}
    proc.terminate()
    proc.wait(timeout=30)


def _get(port: int, path: str, headers: dict | None = None, https: bool = False, method: str = "GET",
         body: bytes | None = None):
    if https:
        conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=30,
                                           context=ssl._create_unverified_context())
    else:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def _app_port(served) -> tuple[int, bool]:
    """Where the app is reached: HTTPS once it is on, else plain HTTP."""
    return (served["https"], True) if served["mode"] == "https" else (served["http"], False)


def test_forwarding_headers_and_request_id(served):
    port, https = _app_port(served)
    response, data = _get(port, "/api/v1/records?x=1", {"X-Forwarded-For": "203.0.113.9"}, https=https)
    assert response.status == 200
    seen = json.loads(data)["headers"]
    assert seen["x-forwarded-for"] == "203.0.113.9, 127.0.0.1", "the proxy appends the address it saw"
    assert seen["x-forwarded-proto"] == ("https" if https else "http")
    assert seen["x-real-ip"] == "127.0.0.1"
    assert re.fullmatch(r"[0-9a-f]{32}", seen["x-request-id"]), "nginx gives a request without an id its own"
    _, data = _get(port, "/api/v1/records", {"X-Request-Id": "rid-from-client-1"}, https=https)
    assert json.loads(data)["headers"]["x-request-id"] == "rid-from-client-1", "a client's id is kept"


def test_import_bodies_up_to_the_app_limit(served):
    port, https = _app_port(served)
    body = b"x" * (8 * 1024 * 1024)
    response, data = _get(port, "/api/v1/apps/a/forms/f/imports", {"Content-Type": "application/octet-stream"},
                          https=https, method="POST", body=body)
    assert response.status == 200 and json.loads(data)["received"] == len(body)
    if https:
        return
    with socket.create_connection(("127.0.0.1", served["http"]), timeout=30) as s:
        s.sendall(b"POST /api/v1/apps/a/forms/f/imports HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Length: 70000000\r\nConnection: close\r\n\r\n")
        assert b" 413 " in s.recv(200), "a body past Trellis's 64 MB limit stops at nginx"


def test_hashed_assets_are_cached(served):
    port, https = _app_port(served)
    path = f"/assets/index-{served['mode']}.js"
    first, _ = _get(port, path, https=https)
    second, _ = _get(port, path, https=https)
    assert first.status == second.status == 200
    assert second.getheader("X-Cache-Status") == "HIT"
    assert _Upstream.hits[path] == 1


def test_https_redirects_plain_http_but_the_health_check(served):
    if served["mode"] != "https":
        response, _ = _get(served["http"], "/")
        assert response.status == 200, "as shipped, plain HTTP serves the app"
        return
    response, _ = _get(served["http"], "/apps/futures_crm?x=1")
    assert response.status == 301
    assert response.getheader("Location").startswith("https://") and response.getheader("Location").endswith(
        "/apps/futures_crm?x=1")
    response, _ = _get(served["http"], "/healthz")
    assert response.status == 200, "the container's health check asks over plain HTTP"
    response, _ = _get(served["https"], "/metrics", https=True)
    assert response.status == 200 and response.getheader("Strict-Transport-Security")
