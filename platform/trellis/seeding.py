"""Loading a seed app: its definitions (an app import) and, for apps that ship a
generator (`seeds/<app>/generate.py`), synthetic demo data streamed through the record
service's bulk path in chunks, one transaction per chunk."""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models
from werkzeug.security import generate_password_hash

from .actor import SYSTEM
from .meta.io import import_app

MANAGER_ROLE = "客户经理"


def seed_folder(seeds_dir: str, app: str) -> Path:
    folder = Path(seeds_dir) / app
    if not (folder / "app.json").exists():
        raise FileNotFoundError(f"no seed app {app!r} in {seeds_dir}")
    return folder


def load_generator(folder: Path):
    path = folder / "generate.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"trellis_seed_{folder.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def create_users(engine, specs: list[dict], role_name: str = MANAGER_ROLE, password: str = "demo1234") -> list[int]:
    """Create the demo users in bulk (one password hash for all), returning their ids in order."""
    users, roles = fab_models.User.__table__, fab_models.Role.__table__
    link = fab_models.assoc_user_role
    hashed = generate_password_hash(password)
    with engine.begin() as conn:
        role_id = conn.execute(sa.select(roles.c.id).where(roles.c.name == role_name)).scalar()
        if role_id is None:
            role_id = conn.execute(roles.insert().values(name=role_name).returning(roles.c.id)).scalar_one()
        names = [s["username"] for s in specs]
        existing = dict(conn.execute(sa.select(users.c.username, users.c.id).where(users.c.username.in_(names))).all()) \
            if len(names) < 900 else dict(conn.execute(sa.select(users.c.username, users.c.id)).all())
        new = [s for s in specs if s["username"] not in existing]
        now = sa.func.now()
        for s in new:
            uid = conn.execute(users.insert().values(
                username=s["username"], first_name=s["first_name"], last_name=s["last_name"], email=s["email"],
                password=hashed, active=True, created_on=now, changed_on=now).returning(users.c.id)).scalar_one()
            conn.execute(link.insert().values(user_id=uid, role_id=role_id))
            existing[s["username"]] = uid
    return [existing[s["username"]] for s in specs]


def seed_app(runtime, seeds_dir: str, app: str, clients: int = 0, *, progress=print, chunk: int = 5000) -> dict:
    folder = seed_folder(seeds_dir, app)
    result = import_app(runtime, folder)
    gen = load_generator(folder)
    if not clients or gen is None:
        return {"definitions": result, "rows": {}}
    manager_ids = create_users(runtime.engine, gen.managers(clients))
    offsets = {}
    with runtime.engine.connect() as conn:
        for form in runtime.forms_of(app):
            offsets[form.id] = conn.execute(sa.select(sa.func.coalesce(sa.func.max(form.table.c.id), 0))).scalar()
    services = {f.id: runtime.records(app, f.id, SYSTEM) for f in runtime.forms_of(app)}
    counts: dict[str, int] = {}
    started = time.monotonic()
    done_clients = 0
    for form_id, rows in gen.generate(clients, manager_ids=manager_ids, id_offsets=offsets, chunk=chunk):
        with runtime.transaction() as conn:
            # synthetic demo data: loaded as the system, without an audit entry per row
            services[form_id].bulk_create(rows, conn=conn, keep_ids=True, return_records=False, audit=False)
        counts[form_id] = counts.get(form_id, 0) + len(rows)
        if form_id == "client":
            done_clients += len(rows)
            rate = sum(counts.values()) / max(time.monotonic() - started, 1e-9)
            progress(f"  {done_clients}/{clients} clients, {sum(counts.values())} rows, {rate:,.0f} rows/s")
    runtime.analyze(app)
    return {"definitions": result, "rows": counts, "seconds": round(time.monotonic() - started, 1)}
