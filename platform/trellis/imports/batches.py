"""Import batches: one row per run (`trellis_import_batch`) with its status, counts and
final message, and a small folder per batch beside the uploaded files
(`<files>/imports/<id>/`) holding what must be readable and writable while the run holds
the database: `progress.json` (rewritten atomically after every chunk: done / total,
rows per second, ETA, counts), the `cancel` flag, and the error workbook `errors.xlsx`.
A run's all-or-nothing transaction may hold SQLite's single write lock for minutes;
files keep progress and cancel working for any other process meanwhile.

Status: queued -> running -> done | failed | cancelled; done/cancelled/failed batches
that wrote rows -> rolled_back.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from ..storage import models as m
from ..kernel.actor import Actor
from ..kernel.errors import NotFound
from ..kernel.timestamps import stamp
from .report import PROBLEMS_FILE

T = m.import_batch
FINAL = ("done", "failed", "cancelled", "rolled_back")
USER_ROLES = sa.table("ab_user_role", sa.column("user_id"), sa.column("role_id"))
ROLES = sa.table("ab_role", sa.column("id"), sa.column("name"))
USERS = sa.table("ab_user", sa.column("id"), sa.column("username"), sa.column("active"))


def now() -> datetime:
    return datetime.now().replace(microsecond=0)


def folder(files_dir: str, batch_id: int) -> Path:
    return Path(files_dir) / "imports" / str(int(batch_id))


def create(conn, *, app: str, form: str, actor: Actor, filename: str, upload: str, sheet, header_row,
           mode: str, keys: list, mapping: dict, options: dict, dry_run: bool, on_error: str,
           total: int | None) -> int:
    values = dict(app=app, form=form, user_id=actor.id, username=actor.username, filename=filename[:255],
                  upload=upload, sheet=sheet, header_row=header_row, mode=mode, keys=list(keys),
                  mapping={str(k): v for k, v in mapping.items()}, options=options or {}, dry_run=bool(dry_run),
                  on_error=on_error, status="queued", total=total, created_at=now())
    return conn.execute(T.insert().values(values).returning(T.c.id)).scalar_one()


def row(conn, batch_id: int) -> dict:
    r = conn.execute(sa.select(T).where(T.c.id == int(batch_id))).mappings().first()
    if r is None:
        raise NotFound(f"导入批次 {batch_id} 不存在", f"import batch {batch_id} not found")
    return dict(r)


def update(conn, batch_id: int, **values) -> None:
    conn.execute(T.update().where(T.c.id == int(batch_id)).values(**values))


def listing(conn, app: str, form: str, user_id=None, limit: int = 100) -> list[dict]:
    q = sa.select(T).where(T.c.app == app, T.c.form == form).order_by(T.c.id.desc()).limit(limit)
    if user_id is not None:
        q = q.where(T.c.user_id == user_id)
    return [dict(r) for r in conn.execute(q).mappings()]


# -- the per-batch folder ---------------------------------------------------------------------

def write_progress(files_dir: str, batch_id: int, values: dict) -> None:
    """Atomically replace the batch's progress file."""
    path = folder(files_dir, batch_id)
    path.mkdir(parents=True, exist_ok=True)
    tmp = path / "progress.json.part"
    tmp.write_text(json.dumps(values, ensure_ascii=False, default=str), encoding="utf-8")
    os.replace(tmp, path / "progress.json")


def read_progress(files_dir: str | None, batch_id: int) -> dict | None:
    if not files_dir:
        return None
    try:
        return json.loads((folder(files_dir, batch_id) / "progress.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def request_cancel(files_dir: str, batch_id: int) -> None:
    path = folder(files_dir, batch_id)
    path.mkdir(parents=True, exist_ok=True)
    (path / "cancel").write_text(now().isoformat())


def cancel_requested(files_dir: str, batch_id: int) -> bool:
    return (folder(files_dir, batch_id) / "cancel").exists()


def errors_path(files_dir: str, batch_id: int) -> Path:
    return folder(files_dir, batch_id) / "errors.xlsx"


def read_problems(files_dir: str | None, batch_id: int) -> list[dict]:
    """The first problems of a finished batch (see `report.ErrorReport`); none when it had none."""
    if not files_dir:
        return []
    try:
        out = json.loads((folder(files_dir, batch_id) / PROBLEMS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return out if isinstance(out, list) else []


def remove_folder(files_dir: str, batch_id: int) -> None:
    shutil.rmtree(folder(files_dir, batch_id), ignore_errors=True)


# -- who runs it ------------------------------------------------------------------------------

def actor_for(conn, user_id: int | None, username: str | None, admin_role: str = "Admin") -> Actor:
    """The actor a queued batch runs as (its roles read again: a worker has no request)."""
    if user_id is None:
        return Actor(id=None, username=username or "system", is_admin=True)
    if not sa.inspect(conn).has_table("ab_user"):
        return Actor(id=user_id, username=username or str(user_id))
    user = conn.execute(sa.select(USERS.c.username, USERS.c.active).where(USERS.c.id == user_id)).first()
    if user is None or user.active is False:
        raise NotFound(f"用户 {username or user_id} 不存在或已停用", f"user {username or user_id} does not exist or is inactive")
    joined = USER_ROLES.join(ROLES, ROLES.c.id == USER_ROLES.c.role_id)
    roles = tuple(conn.execute(sa.select(ROLES.c.name).select_from(joined).where(USER_ROLES.c.user_id == user_id))
                  .scalars())
    return Actor(id=user_id, username=user.username, roles=roles, is_admin=admin_role in roles)


# -- JSON -------------------------------------------------------------------------------------

def to_json(r: dict, files_dir: str | None = None, viewer: Actor | None = None, problems: bool = False) -> dict:
    """The contract's batch object; a running batch shows its latest progress file. With
    `problems`, a finished batch also lists its first refused cells (`problems`)."""
    live = dict(r)
    if r["status"] in ("queued", "running"):
        progress = read_progress(files_dir, r["id"])
        if progress:
            for k in ("done", "total", "inserted", "updated", "skipped", "failed", "rows_per_second", "eta_seconds"):
                if k in progress:
                    live[k] = progress[k]
            if r["status"] == "queued" and progress.get("status") == "running":
                live["status"] = "running"
    base = f"/api/v1/apps/{r['app']}/forms/{r['form']}/imports/{r['id']}"
    has_errors = bool(r["errors_file"]) and bool(files_dir) and errors_path(files_dir, r["id"]).exists()
    wrote = (live["inserted"] or 0) + (live["updated"] or 0) > 0
    owner = viewer is None or viewer.is_admin or viewer.id == r["user_id"]

    def at(k):
        return stamp(r[k])
    out = {
        "id": r["id"], "app": r["app"], "form": r["form"], "filename": r["filename"], "sheet": r["sheet"],
        "header_row": r["header_row"], "mode": r["mode"], "keys": r["keys"] or [], "dry_run": bool(r["dry_run"]),
        "on_error": r["on_error"], "status": live["status"], "total": live["total"], "done": live["done"] or 0,
        "eta_seconds": live["eta_seconds"], "rows_per_second": live["rows_per_second"],
        "inserted": live["inserted"] or 0, "updated": live["updated"] or 0, "skipped": live["skipped"] or 0,
        "failed": live["failed"] or 0, "errors_url": f"{base}/errors.xlsx" if has_errors else None,
        "message": r["message"], "created_at": at("created_at"), "started_at": at("started_at"),
        "finished_at": at("finished_at"), "rolled_back_at": at("rolled_back_at"),
        "user": {"id": r["user_id"], "username": r["username"]},
        "can_cancel": owner and live["status"] in ("queued", "running"),
        "can_rollback": owner and not r["dry_run"] and r["status"] in ("done", "cancelled", "failed") and wrote,
    }
    if problems:
        out["problems"] = read_problems(files_dir, r["id"]) if live["status"] in FINAL and live["failed"] else []
    return out
