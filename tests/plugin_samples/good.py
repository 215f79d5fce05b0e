"""A working plugin: it requires the audit engine and another plugin (`legacy`, offered after it),
counts the runtimes it is installed into, subscribes to the record lifecycle, registers a job
function and ships a browser module (static/hello.js)."""
from __future__ import annotations

from pathlib import Path

from trellis.plugins import Plugin


class Good(Plugin):
    name = "good"
    version = "1.2.3"
    requires = ("audit", "legacy")
    static = Path(__file__).resolve().parent / "static"
    frontend = ("hello.js",)

    def __init__(self):
        self.installed = []

    def install(self, runtime) -> None:
        self.installed.append(runtime)
        runtime.lifecycle.subscribe("after_insert", lambda *a, **k: None, order=900, name="good.after_insert")
        runtime.jobs.register("good.ping", lambda **kw: {"pong": True}, max_attempts=1)


plugin = Good()
