"""Who is calling (`/api/v1/me`) and a user search for pickers (`/api/v1/users?q=`):
ids and display names only, for any signed-in user."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify, request

from .auth import actor, login_required, runtime
from .params import int_param

bp = Blueprint("trellis_people", __name__, url_prefix="/api/v1")


@bp.get("/me")
@login_required
def me():
    who = actor()
    rt = runtime()
    with rt.engine.connect() as conn:
        title = rt.users_by_id(conn, [who.id]).get(who.id, {}).get("title") if who.id is not None else None
    return jsonify({"id": who.id, "username": who.username, "name": title or who.username,
                    "roles": list(who.roles), "is_admin": who.is_admin,
                    "timezone": rt.timezone})  # the zone the caller's rules read now / today in


@bp.get("/users")
@login_required
def users():
    rt = runtime()
    t = rt.user_table()
    limit = min(int_param(request.args, "limit", 20), 100)
    q = (request.args.get("q") or "").strip()
    stmt = sa.select(t.c.id).order_by(t.c.id).limit(limit)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(sa.or_(t.c.username.ilike(like), t.c.first_name.ilike(like), t.c.last_name.ilike(like),
                                 (sa.func.coalesce(t.c.last_name, "") + sa.func.coalesce(t.c.first_name, "")).ilike(like)))
    with rt.engine.connect() as conn:
        ids = list(conn.execute(stmt).scalars())
        found = rt.users_by_id(conn, ids)
    return jsonify({"items": [found[i] for i in ids if i in found]})
