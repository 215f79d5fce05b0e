"""A Trellis server of its own in a child process (`tests/fuzz_server.py`: the futures CRM
seeded, served on loopback), for tests that need an app apart from the session's: one Python
process holds one Flask-AppBuilder app."""
from __future__ import annotations

import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

SERVER = Path(__file__).resolve().parent / "fuzz_server.py"


@contextmanager
def served(home: Path, clients: int = 20, database: str | None = None, env: dict | None = None):
    """Yields the server's address; its log is `home/server.log`, shown when it does not start."""
    args = [sys.executable, str(SERVER), str(home), "--clients", str(clients),
            *(["--database", database] if database else [])]
    with open(home / "server.log", "w") as log:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=log, text=True, env=env)
        try:
            line = proc.stdout.readline()
            assert line.startswith("READY"), (home / "server.log").read_text()[-3000:]
            yield f"http://127.0.0.1:{line.split()[1]}"
        finally:
            proc.terminate()
            proc.wait(timeout=30)
