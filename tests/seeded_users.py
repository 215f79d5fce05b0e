"""The seed's demo users as actors: `actor_of(runtime, "am0001")` carries the user's id and
FAB roles, as a signed-in request would."""
from __future__ import annotations

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models

from trellis.actor import Actor


def actor_of(rt, username: str) -> Actor:
    users, roles, link = fab_models.User.__table__, fab_models.Role.__table__, fab_models.assoc_user_role
    with rt.engine.connect() as conn:
        uid = conn.execute(sa.select(users.c.id).where(users.c.username == username)).scalar_one()
        names = conn.execute(sa.select(roles.c.name).join(link, link.c.role_id == roles.c.id)
                             .where(link.c.user_id == uid)).scalars().all()
    return Actor(id=uid, username=username, roles=tuple(names))
