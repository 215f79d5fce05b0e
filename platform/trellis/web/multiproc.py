"""The folder of prometheus-client's multiprocess mode (PROMETHEUS_MULTIPROC_DIR), where each
process of the host keeps its metric values in files that a scrape sums.

`prepare(home)` runs before the app (and so prometheus_client) is loaded: unset, the folder
becomes TRELLIS_HOME/metrics, emptied (the files of an earlier run are stale); set by the
deployment, only the files of processes no longer alive are removed, so a Celery worker
sharing the folder keeps its counts. `mark_dead(pid)` is gunicorn's child_exit hook.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

ENV = "PROMETHEUS_MULTIPROC_DIR"
log = logging.getLogger(__name__)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _pid(name: str) -> int | None:
    tail = name[:-3].rsplit("_", 1)[-1] if name.endswith(".db") else ""
    return int(tail) if tail.isdigit() else None


def prepare(home: str | os.PathLike) -> Path:
    """Make the folder ready and name it in the environment; its path."""
    given = os.environ.get(ENV)
    folder = Path(given) if given else Path(home) / "metrics"
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.glob("*.db"):
        pid = _pid(f.name)
        if not given or pid is None or not _alive(pid):
            f.unlink(missing_ok=True)
    os.environ[ENV] = str(folder)
    if "trellis.kernel.metrics" in sys.modules and not given:
        log.warning("metrics were defined before %s was set: this process's counts stay its own", ENV)
    return folder


def mark_dead(pid: int) -> None:
    """A worker exited: drop its live gauges (its counters stay in the sums)."""
    if os.environ.get(ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)
