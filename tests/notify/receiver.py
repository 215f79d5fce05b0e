"""A real HTTP server on loopback standing in for a provider (SMS gateway, WeCom, DingTalk,
a webhook receiver): it records every request and answers as a script says.

    with Receiver([Answer.transient(), Answer.ok()]) as rx:      # first 503, then 200
        ... send to rx.url("/send") ...
    rx.requests[0].json, rx.requests[0].header("Idempotency-Key"), rx.distinct_keys

The script is a list (answers in order, the last one repeated), a callable
`(request) -> Answer`, or a dict from a path to either (unknown paths answer 404). An
`Answer` may wait (`delay`) before answering, to make a client time out.

Every request's idempotency key (a header in `KEY_HEADERS`, else a top-level body field in
`key_fields`) is counted: `rx.keys` (a Counter) and `rx.distinct_keys` show that a retried
message arrived again with the same key and is recognisable as the same message.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY_HEADERS = ("Idempotency-Key", "X-Trellis-Key")


@dataclass
class Answer:
    """What the receiver answers to one request."""

    status: int = 200
    body: object = None            # dict/list -> JSON; str/bytes as they are; None -> {"ok": true}
    headers: dict = field(default_factory=dict)
    delay: float = 0.0             # seconds to wait before answering

    @classmethod
    def ok(cls, body=None) -> "Answer":
        return cls(200, {"ok": True} if body is None else body)

    @classmethod
    def json(cls, body, status: int = 200) -> "Answer":
        return cls(status, body)

    @classmethod
    def transient(cls, status: int = 503) -> "Answer":
        return cls(status, {"error": "unavailable"})

    @classmethod
    def permanent(cls, status: int = 400) -> "Answer":
        return cls(status, {"error": "bad request"})

    @classmethod
    def slow(cls, seconds: float) -> "Answer":
        return cls(200, {"ok": True}, delay=seconds)

    def encode(self) -> tuple[bytes, str]:
        if isinstance(self.body, (bytes, bytearray)):
            return bytes(self.body), "application/octet-stream"
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), "text/plain; charset=utf-8"
        body = {"ok": True} if self.body is None else self.body
        return json.dumps(body, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"


@dataclass
class Request:
    """One request as the receiver got it."""

    method: str
    path: str
    query: dict                     # name -> value (the last one when repeated)
    headers: dict                   # as sent (look up with .header(name), any case)
    body: bytes
    at: float
    target: str = ""                # the request line's target as sent (path and raw query)

    def header(self, name: str, default=None):
        low = name.lower()
        for key, value in self.headers.items():
            if key.lower() == low:
                return value
        return default

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def json(self):
        """The body as JSON, or None."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    @property
    def form(self) -> dict:
        """The body as an urlencoded form (the last value of a repeated name)."""
        return dict(urllib.parse.parse_qsl(self.text, keep_blank_values=True))

    def data(self) -> dict:
        """JSON object, form, or query, whichever the request carried."""
        body = self.json
        if isinstance(body, dict):
            return body
        return self.form if self.body else dict(self.query)


class Receiver:
    """A threaded HTTP server on 127.0.0.1 (a free port) recording requests; a context manager."""

    def __init__(self, script=None, *, key_fields=("key", "OutId", "SessionContext")):
        self.script = script if script is not None else [Answer.ok()]
        self.key_fields = tuple(key_fields)
        self.requests: list[Request] = []
        self.keys: Counter = Counter()
        self._lock = threading.Lock()
        self._served: dict = Counter()     # per script (path), how many answers were taken
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._arrived = threading.Condition(self._lock)

    # -- life -----------------------------------------------------------------------
    def start(self) -> "Receiver":
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _handle(self):
                receiver._serve(self)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="receiver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    def __enter__(self) -> "Receiver":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- what a test reads ----------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_address[1]

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path if path.startswith('/') else '/' + path}"

    @property
    def distinct_keys(self) -> int:
        with self._lock:
            return len(self.keys)

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def wait_for(self, count: int, timeout: float = 5.0) -> bool:
        """Wait until `count` requests have arrived; whether they did."""
        with self._arrived:
            return self._arrived.wait_for(lambda: len(self.requests) >= count, timeout)

    def reset(self, script=None) -> None:
        """Forget the requests and keys (and start the script over, or use a new one)."""
        with self._lock:
            self.requests.clear()
            self.keys.clear()
            self._served.clear()
            if script is not None:
                self.script = script

    # -- serving --------------------------------------------------------------------
    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        parts = urllib.parse.urlsplit(handler.path)
        request = Request(handler.command, parts.path, dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)),
                          dict(handler.headers.items()), body, time.time(), handler.path)
        with self._lock:
            self.requests.append(request)
            key = self._key(request)
            if key is not None:
                self.keys[key] += 1
            answer = self._answer(request)
            self._arrived.notify_all()
        if answer.delay:
            time.sleep(answer.delay)
        payload, content_type = answer.encode()
        try:
            handler.send_response(answer.status)
            handler.send_header("Content-Type", answer.headers.get("Content-Type", content_type))
            handler.send_header("Content-Length", str(len(payload)))
            for name, value in answer.headers.items():
                if name != "Content-Type":
                    handler.send_header(name, value)
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _key(self, request: Request):
        for name in KEY_HEADERS:
            value = request.header(name)
            if value:
                return value
        data = request.data()
        for name in self.key_fields:
            if isinstance(data, dict) and data.get(name):
                return data[name]
        return None

    def _answer(self, request: Request) -> Answer:
        script, slot = self.script, None
        if isinstance(script, dict):
            if request.path not in script:
                return Answer(404, {"error": "no such path"})
            script, slot = script[request.path], request.path
        if callable(script):
            answer = script(request)
        else:
            n = self._served[slot]
            answer = script[min(n, len(script) - 1)] if script else Answer.ok()
        self._served[slot] += 1
        return answer if isinstance(answer, Answer) else Answer.ok(answer)
