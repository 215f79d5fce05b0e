"""The organization a seed app ships (`seeds/<app>/org.json`): departments by code, demo
users with their app roles (FAB roles `<app>.<role>`), department memberships and the
departments they manage. Idempotent: what exists (by code or user name) is kept."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from flask_appbuilder.security.sqla import models as fab_models
from werkzeug.security import generate_password_hash

from ..storage import models as m
from ..storage.database import writing
from ..security.roles import ensure_fab_role, fab_role_name

DEMO_PASSWORD = "demo2026pass"


def read_org(folder: Path) -> dict | None:
    path = folder / "org.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def ensure_departments(conn, specs: list[dict]) -> dict[str, int]:
    """Create missing departments (parents first); returns code -> id for all of them."""
    d = m.department
    ids = dict(conn.execute(sa.select(d.c.code, d.c.id)).all())
    for i, s in enumerate(specs):
        if s["code"] in ids:
            continue
        ids[s["code"]] = conn.execute(d.insert().values(
            code=s["code"], name=s["name"], name_en=s.get("name_en"), parent_id=ids.get(s.get("parent")),
            sort=i, created_at=datetime.now().replace(microsecond=0)).returning(d.c.id)).scalar_one()
    return ids


def ensure_users(conn, app: str, specs: list[dict], departments: dict[str, int], password: str) -> list[int]:
    """Create missing users in bulk (one password hash for all) with their roles and
    departments; returns the ids in the order of `specs`."""
    users, link = fab_models.User.__table__, fab_models.assoc_user_role
    ud, dep = m.user_department, m.department
    hashed = generate_password_hash(password)
    existing = dict(conn.execute(sa.select(users.c.username, users.c.id)).all())
    role_ids: dict[str, int] = {}
    now = datetime.now().replace(microsecond=0)
    for s in specs:
        if s["username"] in existing:
            continue
        uid = conn.execute(users.insert().values(
            username=s["username"], first_name=s.get("first_name", ""), last_name=s.get("last_name", ""),
            email=s.get("email") or f"{s['username']}@example.com", password=hashed, active=True,
            created_on=now, changed_on=now).returning(users.c.id)).scalar_one()
        existing[s["username"]] = uid
        for role in s.get("roles", []):
            name = fab_role_name(app, role)
            if name not in role_ids:
                role_ids[name] = ensure_fab_role(conn, name)
            conn.execute(link.insert().values(user_id=uid, role_id=role_ids[name]))
        if s.get("department") in departments:
            conn.execute(ud.insert().values(user_id=uid, department_id=departments[s["department"]], is_primary=True))
        for code in s.get("manages", []):
            conn.execute(dep.update().where(dep.c.code == code).values(manager_id=uid))
    return [existing[s["username"]] for s in specs]


def load_org(engine, folder: Path, app: str, managers: list[dict]) -> tuple[dict[str, int], list[int]]:
    """Departments, demo users and the account managers of the generated clients.
    Returns (department code -> id, manager ids in the order of `managers`)."""
    org = read_org(folder) or {"departments": [], "users": []}
    with writing(engine) as conn:  # one writer: a job committing meanwhile cannot stale this read
        if not sa.inspect(conn).has_table("ab_user"):
            return {}, []
        departments = ensure_departments(conn, org.get("departments", []))
        password = org.get("password", DEMO_PASSWORD)
        ensure_users(conn, app, org.get("users", []), departments, password)
        role = org.get("account_manager_role")
        specs = [dict(s, roles=[role] if role else [], department=s.get("branch")) for s in managers]
        manager_ids = ensure_users(conn, app, specs, departments, password)
    return departments, manager_ids
