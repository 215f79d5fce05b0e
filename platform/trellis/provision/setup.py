"""Creating or upgrading the database and the admin user (`trellis init`)."""
from __future__ import annotations

import os
import secrets

from ..storage import migrate
from ..web.extensions import appbuilder, db


def init_db(app, admin_password: str | None = None, admin_username: str = "admin") -> str | None:
    """Upgrade the platform tables, create FAB's, create the admin once.
    Returns the generated password when one was made (to print once), else None."""
    with app.app_context():
        migrate.upgrade(db.engine)
        appbuilder.sm.create_db()
        sm = appbuilder.sm
        if sm.find_user(username=admin_username) is not None:
            return None
        generated = None
        password = admin_password or os.environ.get("TRELLIS_ADMIN_PASSWORD")
        if not password:
            password = generated = secrets.token_urlsafe(12)
        role = sm.find_role(app.config.get("AUTH_ROLE_ADMIN", "Admin"))
        user = sm.add_user(admin_username, "管理员", "系统", f"{admin_username}@example.com", role, password=password)
        if not user:
            raise RuntimeError("could not create the admin user")
        return generated


def ensure_user(app, username: str, first: str, last: str, email: str, role_name: str = "Public",
                password: str | None = None) -> int:
    """Create a user if missing (demo data); returns the user id."""
    sm = appbuilder.sm
    with app.app_context():
        user = sm.find_user(username=username)
        if user is None:
            role = sm.find_role(role_name) or sm.add_role(role_name)
            user = sm.add_user(username, first, last, email, role, password=password or secrets.token_urlsafe(12))
        return user.id
