"""Saved column mappings of a form ({header text: field id} under a name), offered by the
import wizard and by the auto-mapper. Anyone who may import into the form may use them;
saving under an existing name replaces that mapping (its owner or an admin only), and
only the owner or an admin may delete one."""
from __future__ import annotations

import sqlalchemy as sa

from ..storage import models as m
from ..kernel.errors import BadRequest, Forbidden, NotFound, ValidationFailed, bilingual
from ..kernel.timestamps import stamp
from .batches import now

T = m.import_mapping


def to_json(r) -> dict:
    return {"id": r["id"], "name": r["name"], "mapping": r["mapping"] or {}, "user_id": r["user_id"],
            "updated_at": stamp(r["updated_at"])}


def listing(conn, app: str, form: str) -> list[dict]:
    q = sa.select(T).where(T.c.app == app, T.c.form == form).order_by(T.c.updated_at.desc(), T.c.id.desc())
    return [to_json(r) for r in conn.execute(q).mappings()]


def get(conn, app: str, form: str, mapping_id) -> dict:
    try:
        mid = int(mapping_id)
    except (TypeError, ValueError):
        raise BadRequest("映射编号必须是整数", "the mapping id must be an integer", code="malformed") from None
    r = conn.execute(sa.select(T).where(T.c.id == mid, T.c.app == app, T.c.form == form)).mappings().first()
    if r is None:
        raise NotFound(f"保存的映射 {mapping_id} 不存在", f"saved mapping {mapping_id} not found")
    return to_json(r)


def save(conn, app: str, form, name, mapping, actor, known_fields: set[str]) -> dict:
    """Create or replace the mapping `name` of the form; every field must be importable."""
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 100:
        raise ValidationFailed([{"field": "name", "code": "bad_name", "message": bilingual(
            "映射名称必须是 1 到 100 个字符", "the name must be 1 to 100 characters")}])
    if not isinstance(mapping, dict) or not mapping:
        raise ValidationFailed([{"field": "mapping", "code": "bad_mapping", "message": bilingual(
            "映射必须是非空对象 {表头: 字段}", "mapping must be a non-empty object {header: field}")}])
    errors = []
    clean = {}
    for header, fid in mapping.items():
        if fid in (None, ""):
            continue
        if not isinstance(fid, str) or fid not in known_fields:
            errors.append({"field": str(fid), "code": "unknown_field", "message": bilingual(
                f"表头“{header}”映射到了不能导入的字段“{fid}”",
                f"header “{header}” is mapped to field “{fid}”, which cannot be imported")})
        clean[str(header)] = fid
    if errors:
        raise ValidationFailed(errors)
    name = name.strip()
    existing = conn.execute(sa.select(T).where(T.c.app == app, T.c.form == form, T.c.name == name)).mappings().first()
    when = now()
    if existing is not None:
        if not (actor.is_admin or existing["user_id"] == actor.id):
            raise Forbidden(f"映射“{name}”属于其他用户,请换一个名称",
                            f"the mapping “{name}” belongs to someone else; choose another name")
        conn.execute(T.update().where(T.c.id == existing["id"]).values(mapping=clean, updated_at=when))
        mid = existing["id"]
    else:
        mid = conn.execute(T.insert().values(app=app, form=form, name=name, mapping=clean, user_id=actor.id,
                                             created_at=when, updated_at=when).returning(T.c.id)).scalar_one()
    return get(conn, app, form, mid)


def delete(conn, app: str, form: str, mapping_id, actor) -> None:
    found = get(conn, app, form, mapping_id)
    if not (actor.is_admin or found["user_id"] == actor.id):
        raise Forbidden("只能删除自己保存的映射", "you may only delete mappings you saved")
    conn.execute(T.delete().where(T.c.id == found["id"]))
