"""Fixtures of the import tests: a runtime with a file store on each dialect, the demo app
of samples.py installed. Helpers (workbook writers, `run_import`, ...) are in
import_helpers.py."""
from __future__ import annotations

import pytest

from samples import install
from trellis.runtime import Runtime


@pytest.fixture
def irt(engine, tmp_path):
    """A runtime with a file store, the demo app installed (SQLite and PostgreSQL)."""
    rt = Runtime(engine, ttl=0, files_dir=str(tmp_path / "files"))
    install(rt)
    return rt


@pytest.fixture
def srt(sqlite_engine, tmp_path):
    """The same on SQLite only."""
    rt = Runtime(sqlite_engine, ttl=0, files_dir=str(tmp_path / "files"))
    install(rt)
    return rt
