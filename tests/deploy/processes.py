"""The processes of a topology on loopback (tests/deploy/topology.py): a command run in a
process group of its own, logging to one file, killed as a whole (SIGKILL to the group) or
stopped gracefully (SIGTERM to its leader, then whatever is left); free loopback ports."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path


def free_ports(n: int) -> list[int]:
    """`n` distinct loopback ports free now (held together while chosen, so none repeats)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def free_port() -> int:
    return free_ports(1)[0]


class Proc:
    """A command run in a process group of its own, logging to one file."""

    def __init__(self, name: str, args: list[str], env: dict, log: Path, cwd: Path, metrics: Path | None = None):
        self.name, self.args, self.log, self.cwd = name, args, log, cwd
        self.metrics = metrics  # its own PROMETHEUS_MULTIPROC_DIR, emptied at each start
        self.env = dict(env, **({"PROMETHEUS_MULTIPROC_DIR": str(metrics)} if metrics else {}))
        self.popen: subprocess.Popen | None = None
        self.killed = False  # by kill(): left out of the readiness waits until started again
        self._log_start = 0  # where this start's output begins in the log

    def start(self) -> "Proc":
        self.killed = False
        self._log_start = self.log.stat().st_size if self.log.exists() else 0
        if self.metrics is not None:
            shutil.rmtree(self.metrics, ignore_errors=True)
            self.metrics.mkdir(parents=True)
        with open(self.log, "ab") as out:
            out.write(f"\n--- {time.strftime('%H:%M:%S')} start: {' '.join(self.args)}\n".encode())
            out.flush()
            self.popen = subprocess.Popen(self.args, env=self.env, cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, start_new_session=True)
        return self

    @property
    def pid(self) -> int | None:
        return self.popen.pid if self.popen else None

    def alive(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group (the master and its children), at once."""
        if self.popen is None:
            return
        self.killed = True
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait(10)

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM the leader (gunicorn's and Celery's masters stop their children gracefully),
        then SIGKILL whatever is left of the group after `timeout`."""
        if self.popen is None:
            return
        self.terminate()
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass
        try:  # children that outlive their master (a pool process) go too
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.popen.wait(5)
        except subprocess.TimeoutExpired:
            pass

    def terminate(self) -> None:
        if self.alive():
            self.popen.send_signal(signal.SIGTERM)

    def tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def output(self) -> str:
        """What this start of the process has logged so far."""
        try:
            with open(self.log, "rb") as f:
                f.seek(self._log_start)
                return f.read().decode(errors="replace")
        except OSError:
            return ""


