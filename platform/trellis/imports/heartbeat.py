"""A running import's heartbeat: a file in the batch's folder touched every few seconds
by a thread of the process running it (files, not rows: an "all" import holds SQLite's
write lock for its whole run). When the import's job is claimed again after its lease
expired, a fresh heartbeat means the first run is alive (the job is deferred), a stale
one that its process died (the batch is marked failed; rows a "skip" run committed stay
and can be rolled back)."""
from __future__ import annotations

import os
import threading
import time

from . import batches

FILE = "heartbeat"
EVERY = 5.0


def stale_after() -> float:
    """Seconds of silence after which a running batch's process is taken for dead."""
    return float(os.environ.get("TRELLIS_IMPORT_STALE_SECONDS") or 30)


def age(files_dir: str | None, batch_id: int) -> float | None:
    """Seconds since the batch's last heartbeat (None: it never beat)."""
    if not files_dir:
        return None
    try:
        return time.time() - os.path.getmtime(batches.folder(files_dir, batch_id) / FILE)
    except OSError:
        return None


class BatchHeartbeat:
    """`with BatchHeartbeat(files_dir, batch_id):` beats while the block runs."""

    def __init__(self, files_dir: str | None, batch_id: int, every: float = EVERY):
        self.files_dir = files_dir
        self.batch_id = batch_id
        self.every = every
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def beat(self) -> None:
        if not self.files_dir:
            return
        path = batches.folder(self.files_dir, self.batch_id)
        path.mkdir(parents=True, exist_ok=True)
        (path / FILE).write_text(str(os.getpid()))

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.beat()
            except OSError:
                pass

    def __enter__(self):
        self.beat()
        self._thread = threading.Thread(target=self._loop, name=f"trellis-import-{self.batch_id}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(self.every + 1)
        return False
