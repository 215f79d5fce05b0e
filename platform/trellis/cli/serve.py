"""`trellis run`: serve Trellis with gunicorn, a production WSGI server, sized to the
machine (one process per core, a few threads each), or with `--dev` Flask's reloading
development server.

The app is built once before the workers fork; each worker starts with an empty
connection pool of its own and its own job scheduler thread (started post-fork: threads
do not survive a fork, and the master runs no jobs). SQLite writes of all workers queue
at the write gate (`trellis.database.WriteGate`, which opens its lock file anew in each
process).

Operations: PROMETHEUS_MULTIPROC_DIR is made ready before the app loads (web/multiproc.py:
TRELLIS_HOME/metrics when unset), so /metrics of any worker sums all of them, and a worker
that exits is marked dead; log lines follow TRELLIS_LOG_FORMAT / TRELLIS_LOG_LEVEL, gunicorn's
error log too (web/gunicorn_log.py); `--access-log` turns on Trellis's access line
(TRELLIS_ACCESS_LOG), which carries the route, user and request id gunicorn's would not.
"""
from __future__ import annotations

import os
from pathlib import Path

import click
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    return int(os.environ.get("TRELLIS_WORKERS") or max(1, os.cpu_count() or 1))


def default_threads() -> int:
    return int(os.environ.get("TRELLIS_THREADS") or 4)


class TrellisServer(BaseApplication):
    """gunicorn serving `trellis.app.create_app()`. The app is built once, before the
    workers fork (start-up work such as Flask-AppBuilder's permission sync runs once, not
    racing in every worker); each worker then drops the inherited pool, so no database
    connection is shared across processes."""

    def __init__(self, options: dict):
        self.options = options
        self.flask_app = None
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)
        self.cfg.set("preload_app", True)
        self.cfg.set("post_fork", self._post_fork)
        self.cfg.set("child_exit", self._child_exit)
        self.cfg.set("logger_class", "trellis.web.gunicorn_log.Logger")

    def load(self):
        from ..kernel import logs
        from ..web.app import create_app

        logs.setup()

        self.flask_app = create_app()
        self.flask_app.extensions["trellis"].engine.dispose()  # the master keeps no connection
        return self.flask_app

    def _post_fork(self, _server, _worker):
        rt = self.flask_app.extensions["trellis"]
        rt.engine.dispose(close=False)
        rt.jobs.start()  # each worker runs the job scheduler thread; the master runs none

    @staticmethod
    def _child_exit(_server, worker):
        from ..web.multiproc import mark_dead

        mark_dead(worker.pid)


@click.command("run")
@click.option("--host", "-h", default="127.0.0.1", show_default=True, help="address to listen on")
@click.option("--port", "-p", default=5000, show_default=True, type=int, help="port to listen on")
@click.option("--workers", "-w", type=click.IntRange(1, 64), default=None,
              help="processes (default: TRELLIS_WORKERS or one per core)")
@click.option("--threads", "-t", type=click.IntRange(1, 64), default=None,
              help="threads per process (default: TRELLIS_THREADS or 4)")
@click.option("--access-log/--no-access-log", default=None,
              help="log every request (default: TRELLIS_ACCESS_LOG, off)")
@click.option("--dev", is_flag=True, help="Flask's development server with the reloader and debugger")
def run_cmd(host, port, workers, threads, access_log, dev):
    """Serve Trellis / 启动 Trellis 服务."""
    if dev:
        from ..web.app import create_app

        create_app().run(host=host, port=port, debug=True, use_reloader=True, threaded=True)
        return
    from ..kernel import logs
    from ..kernel.errors import TrellisError
    from ..web.multiproc import prepare

    try:
        logs.settings()  # an unknown TRELLIS_LOG_FORMAT / TRELLIS_LOG_LEVEL stops here, named
    except TrellisError as e:
        raise click.ClickException(f"{e.message['zh']} / {e.message['en']}") from None
    prepare(Path(os.environ.get("TRELLIS_HOME") or "instance").resolve())  # before the app defines its metrics
    if access_log is not None:
        os.environ["TRELLIS_ACCESS_LOG"] = "on" if access_log else "off"
    workers = workers or default_workers()
    threads = threads or default_threads()
    # a request works on one connection; a cache miss of the runtime (a definition, a
    # user's context) briefly takes a second: room for both per thread, plus background work
    os.environ.setdefault("TRELLIS_DB_POOL_SIZE", str(max(10, 2 * threads + 4)))
    click.echo(f"Trellis: http://{host}:{port}  ({workers} 进程 × {threads} 线程 / "
               f"{workers} processes × {threads} threads)")
    TrellisServer({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 120,           # a worker silent this long is restarted
        "graceful_timeout": 20,
        "keepalive": 5,
        "backlog": 2048,
        "accesslog": None,        # Trellis's own access line instead (TRELLIS_ACCESS_LOG)
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "trellis",
    }).run()
