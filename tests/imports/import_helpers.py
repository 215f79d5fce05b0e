"""Helpers of the import tests: workbook / CSV writers, storing a file, `run_import`
(store, create a batch, run it here as the task would), reading the error workbook."""
from __future__ import annotations

import csv
from pathlib import Path

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.kernel.actor import SYSTEM, Actor
from trellis.storage.files import FileStore
from trellis.imports import batches
from trellis.imports.job import ImportJob


def write_xlsx(path: Path, rows: list[list], sheet: str = "Sheet1") -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as f:
        csv.writer(f).writerows(rows)
    return path


def store(rt, path: Path) -> dict:
    with open(path, "rb") as f:
        return FileStore(rt.files_dir).save(f, path.name, None)


def start(rt, path: Path, mapping: dict, *, form: str = "client", app: str = "demo", actor: Actor = SYSTEM,
          mode: str = "insert", keys=(), dry_run=False, on_error="all", sheet=None, header_row=None,
          options=None) -> int:
    meta = store(rt, path)
    with rt.engine.begin() as conn:
        return batches.create(conn, app=app, form=form, actor=actor, filename=path.name, upload=meta["id"],
                              sheet=sheet, header_row=header_row, mode=mode, keys=list(keys), mapping=mapping,
                              options=options or {}, dry_run=dry_run, on_error=on_error, total=None)


def run_import(rt, path: Path, mapping: dict, chunk_size: int = 5000, on_progress=None, **kw) -> dict:
    """Run a batch to its end here; returns the batch row."""
    batch_id = start(rt, path, mapping, **kw)
    return ImportJob(rt, batch_id, chunk_size=chunk_size, on_progress=on_progress).run()


def error_rows(rt, batch: dict) -> list[tuple]:
    """The error workbook's rows (header first), read with openpyxl."""
    import openpyxl

    assert batch["errors_file"], batch["message"]
    wb = openpyxl.load_workbook(batches.errors_path(rt.files_dir, batch["id"]), read_only=True)
    return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]


def count(rt, table: str = "demo__client", where: str = "deleted_at is null") -> int:
    with rt.engine.connect() as conn:
        return conn.execute(sa.text(f"select count(*) from {table} where {where}")).scalar()


def add_users(rt, users: list[tuple[str, str, str]]) -> dict[str, int]:
    """FAB's tables and plain users (login, first name, last name); login -> id."""
    fab_models.User.metadata.create_all(rt.engine)
    t = fab_models.User.__table__
    out = {}
    with rt.engine.begin() as conn:
        for login, first, last in users:
            uid = conn.execute(sa.select(t.c.id).where(t.c.username == login)).scalar()
            if uid is None:
                uid = conn.execute(t.insert().values(username=login, first_name=first, last_name=last,
                                                     email=f"{login}@example.com", active=True, password="x")
                                   .returning(t.c.id)).scalar_one()
            out[login] = uid
    rt.directory._users = None
    return out
