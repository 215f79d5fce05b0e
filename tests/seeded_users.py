"""The futures CRM seeded on a bare runtime (`crm_runtime(engine, files_dir)`), and its demo
users as actors: `actor_of(runtime, "am0001")` carries the user's id and FAB roles, as a
signed-in request would."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.kernel.actor import Actor
from trellis.runtime import Runtime
from trellis.provision.seed import seed_app

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def crm_runtime(engine, files_dir: str, clients: int = 30) -> Runtime:
    """A runtime on `engine` with FAB's tables and the futures CRM seeded (`clients` clients)."""
    rt = Runtime(engine, ttl=0, files_dir=files_dir)
    fab_models.User.metadata.create_all(rt.engine)
    seed_app(rt, str(SEEDS), "futures_crm", clients, progress=lambda *a: None, chunk=50)
    return rt


def actor_of(rt, username: str) -> Actor:
    users, roles, link = fab_models.User.__table__, fab_models.Role.__table__, fab_models.assoc_user_role
    with rt.engine.connect() as conn:
        uid = conn.execute(sa.select(users.c.id).where(users.c.username == username)).scalar_one()
        names = conn.execute(sa.select(roles.c.name).join(link, link.c.role_id == roles.c.id)
                             .where(link.c.user_id == uid)).scalars().all()
    return Actor(id=uid, username=username, roles=tuple(names))
