"""The `trellis` command as a user runs it: init, seed, export, import, run."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent / "trellis"


def _run(args, home, **env):
    e = {k: v for k, v in os.environ.items() if k != "TRELLIS_DATABASE_URL"}
    e.update(TRELLIS_HOME=str(home), **env)
    return subprocess.run([str(BIN), *args], env=e, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    if not BIN.exists():
        pytest.skip(f"the trellis command is not installed next to {sys.executable}")
    return tmp_path_factory.mktemp("cli")


def test_init_prints_a_generated_password_once(home):
    first = _run(["init"], home)
    assert first.returncode == 0, first.stderr
    assert "password" in first.stdout and "只显示这一次" in first.stdout
    second = _run(["init"], home)
    assert second.returncode == 0 and "password" not in second.stdout
    assert (home / "secret_key").exists() and (home / "trellis.db").exists()


def test_seed_export_import(home, tmp_path):
    out = _run(["seed", "futures_crm", "--clients", "100"], home)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout.strip().splitlines()[-1])
    assert summary["rows"]["client"] == 100
    exported = _run(["app", "export", "futures_crm", str(tmp_path / "crm")], home)
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "crm" / "forms" / "client.json").exists()
    again = _run(["app", "import", str(tmp_path / "crm")], home)
    assert again.returncode == 0 and json.loads(again.stdout)["published"] == []
    bad = _run(["seed", "futures_crm", "--clients", "2000000"], home)
    assert bad.returncode != 0 and "2000000" in bad.stderr


def test_run_serves(home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, TRELLIS_HOME=str(home))
    proc = subprocess.Popen([str(BIN), "run", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 30
        while True:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).read()
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        assert json.loads(body) == {"ok": True}
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
        assert "Trellis" in page
        assert "2 processes × 4 threads" in proc.stdout.readline()  # gunicorn, not the development server
        for _ in range(50):  # the second worker may still be starting
            workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
            if len(workers) == 2:
                break
            time.sleep(0.2)
        assert len(workers) == 2
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_init_and_seed_on_postgresql(pg_url, tmp_path):
    url = pg_url.replace("postgresql+psycopg://", "postgresql://")
    init = _run(["init"], tmp_path, TRELLIS_DATABASE_URL=url, TRELLIS_ADMIN_PASSWORD="pg-pass-1")
    assert init.returncode == 0, init.stderr
    out = _run(["seed", "futures_crm", "--clients", "120"], tmp_path, TRELLIS_DATABASE_URL=url)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1])["rows"]["client"] == 120
