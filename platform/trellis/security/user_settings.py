"""A user's own settings: the interface language the front end applies at sign-in, whether
the password an administrator set must be changed first, and changing one's own password
(the current one checked, the new one against the policy)."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from werkzeug.security import check_password_hash

from ..kernel.errors import FieldError, NotFound, ValidationFailed
from ..storage import models
from . import passwords
from .users import USERS, hash_password, set_must_change

SETTINGS = models.user_settings
LANGUAGES = ("zh", "en")


def preferences(conn, user_id: int) -> dict:
    """`{"language": "zh" | "en" | None, "must_change_password": bool}` (None: not chosen yet)."""
    row = conn.execute(sa.select(SETTINGS).where(SETTINGS.c.user_id == user_id)).mappings().first()
    return {"language": row["language"] if row else None,
            "must_change_password": bool(row["must_change_password"]) if row else False}


def set_preferences(conn, user_id: int, body) -> dict:
    """Body `{"language": "zh" | "en"}`."""
    if not isinstance(body, dict):
        raise ValidationFailed([FieldError("", "malformed", "请求体必须是对象", "the request body must be an object")])
    errors = [FieldError(k, "unknown", f"未知的设置 {k}", f"unknown setting {k}") for k in sorted(set(body) - {"language"})]
    language = body.get("language")
    if language not in LANGUAGES:
        errors.append(FieldError("language", "enum", "语言只能是 zh 或 en", "the language must be zh or en"))
    if errors:
        raise ValidationFailed(errors)
    now = datetime.now().replace(microsecond=0)
    if not conn.execute(SETTINGS.update().where(SETTINGS.c.user_id == user_id)
                        .values(language=language, updated_at=now)).rowcount:
        conn.execute(SETTINGS.insert().values(user_id=user_id, language=language, must_change_password=False,
                                              updated_at=now))
    return preferences(conn, user_id)


def change_password(conn, user_id: int, body) -> None:
    """Body `{"current", "new"}`: the current password must match, the new one must meet the
    policy and differ from it. Clears "must change"."""
    if not isinstance(body, dict):
        raise ValidationFailed([FieldError("", "malformed", "请求体必须是对象", "the request body must be an object")])
    errors = [FieldError(k, "unknown", f"未知的属性 {k}", f"unknown key {k}") for k in sorted(set(body) - {"current", "new"})]
    current, new = body.get("current"), body.get("new")
    row = conn.execute(sa.select(USERS.c.username, USERS.c.password).where(USERS.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"用户 {user_id} 不存在", f"user {user_id} does not exist")
    if not isinstance(current, str) or not current or not row.password or not check_password_hash(row.password, current):
        errors.append(FieldError("current", "wrong_password", "当前密码不正确", "the current password is wrong"))
    if not isinstance(new, str):
        errors.append(FieldError("new", "required", "请填写新密码", "the new password is required"))
    else:
        errors += [FieldError("new", "weak_password", zh, en) for zh, en in passwords.problems(new, row.username)]
        if isinstance(current, str) and new == current:
            errors.append(FieldError("new", "unchanged", "新密码不能与当前密码相同",
                                     "the new password must differ from the current one"))
    if errors:
        raise ValidationFailed(errors)
    conn.execute(USERS.update().where(USERS.c.id == user_id).values(password=hash_password(new)))
    set_must_change(conn, user_id, False)
