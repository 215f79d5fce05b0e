"""Public form links on each database. The cases (public_forms_cases.py) build Flask apps of
their own, with the link's form and flow, and one Python process holds one
Flask-AppBuilder app: each database's cases run in a pytest process of their own."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CASES = Path(__file__).with_name("public_forms_cases.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_public_form_links(database):
    run = subprocess.run([sys.executable, "-m", "pytest", str(CASES), "-q", "-o", "addopts=", "-p", "no:cacheprovider", "-k", database],
                         cwd=ROOT, capture_output=True, text=True, timeout=1200)
    print(run.stdout[-3000:])
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-3000:]
    assert " passed" in run.stdout or " skipped" in run.stdout
