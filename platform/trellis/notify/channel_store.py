"""An app's configured channels (`trellis_channels`): a name (the medium routing refers to:
"email", "sms", "push", "wecom", ...), the channel type that delivers it, a label, enabled,
and the configuration, sealed at rest (sealing.py). What the API returns never holds a
secret: values of the type's `writeOnly` properties are left out, their names listed in
`secrets_set`; a save that leaves a secret out (or null) keeps the stored one."""
from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa
from jsonschema import Draft202012Validator

from ..kernel.errors import BadRequest, NotFound, ValidationFailed, FieldError
from ..storage import models
from .sealing import seal, unseal

T = models.channel
D = models.delivery
NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def secret_names(kind) -> set[str]:
    props = (kind.config_schema or {}).get("properties") or {}
    return {k for k, p in props.items() if isinstance(p, dict) and p.get("writeOnly")}


class ChannelStore:
    def __init__(self, registry, secret, changed=None):
        self.registry = registry  # registries.channels: type name -> Channel class
        self._secret = secret
        self._changed = changed or (lambda: None)  # called after a save or delete (caches drop what they keep)

    def kind(self, type_name: str):
        if type_name not in self.registry:
            raise BadRequest(f"没有名为 {type_name} 的渠道类型(插件未安装?)",
                             f"there is no channel type {type_name!r} (is its plugin installed?)",
                             code="unknown_channel_type", details={"field": "type"})
        return self.registry.get(type_name)

    # -- reading ----------------------------------------------------------------------------
    def rows(self, conn, app: str) -> list[dict]:
        return [dict(r) for r in conn.execute(sa.select(T).where(T.c.app == app).order_by(T.c.name)).mappings()]

    def row(self, conn, app: str, name: str) -> dict:
        r = conn.execute(sa.select(T).where(T.c.app == app, T.c.name == name)).mappings().first()
        if r is None:
            raise NotFound(f"渠道 {name} 不存在", f"channel {name} does not exist", code="channel_not_found")
        return dict(r)

    def config(self, row: dict) -> dict:
        """The decrypted configuration (for sending only: never returned, never logged)."""
        return unseal(self._secret, row["config"], row["name"])

    def public(self, conn, row: dict, now) -> dict:
        """A channel as the API shows it: non-secret values, which secrets are set, and the
        last 7 days' sent / failed counts from the delivery log."""
        kind = self.registry.get(row["type"]) if row["type"] in self.registry else None
        hidden = secret_names(kind) if kind else set()
        try:
            config = self.config(row)
            unreadable = False
        except Exception:
            config, unreadable = {}, True
        counts = dict(conn.execute(
            sa.select(D.c.state, sa.func.count()).where(D.c.app == row["app"], D.c.channel == row["name"],
                                                        D.c.created_at >= now - timedelta(days=7))
            .group_by(D.c.state)).all())
        return {"name": row["name"], "type": row["type"], "label": row["label"], "enabled": bool(row["enabled"]),
                "config": {k: v for k, v in config.items() if k not in hidden},
                "secrets_set": sorted(k for k in hidden if config.get(k) not in (None, "", {})),
                "installed": kind is not None, "unreadable": unreadable,
                "sent": int(counts.get("sent", 0)), "failed": int(counts.get("failed", 0)),
                "updated_at": row["updated_at"]}

    # -- writing ----------------------------------------------------------------------------
    def save(self, conn, app: str, name: str, body, user_id, now) -> dict:
        if not NAME.match(name or ""):
            raise BadRequest("渠道名称须为小写字母开头的字母、数字或下划线(如 sms)",
                             "a channel name is lower-case letters, digits and underscores, starting with a letter "
                             "(e.g. sms)", code="malformed", details={"field": "name"})
        if not isinstance(body, dict):
            raise BadRequest("请求体应为对象", "the body is an object", code="malformed")
        kind = self.kind(body.get("type"))
        config = body.get("config") or {}
        if not isinstance(config, dict):
            raise BadRequest("config 应为对象", "config is an object", code="malformed", details={"field": "config"})
        existing = conn.execute(sa.select(T).where(T.c.app == app, T.c.name == name)).mappings().first()
        old = {}
        if existing is not None and existing["type"] == kind.type:
            try:
                old = self.config(dict(existing))
            except Exception:
                old = {}
        merged = {k: v for k, v in config.items() if v is not None}
        for k in secret_names(kind):
            if merged.get(k) in (None, "") and k in old:
                merged[k] = old[k]  # left out: keep the stored secret
        self.check(kind, merged)
        label = body.get("label") if isinstance(body.get("label"), dict) else (existing["label"] if existing else None)
        enabled = bool(body.get("enabled", existing["enabled"] if existing else True))
        values = {"type": kind.type, "label": label, "enabled": enabled, "config": seal(self._secret, merged),
                  "updated_at": now, "updated_by": user_id}
        if existing is None:
            conn.execute(T.insert().values(app=app, name=name, **values))
        else:
            conn.execute(T.update().where(T.c.id == existing["id"]).values(**values))
        self._changed()
        return self.row(conn, app, name)

    @staticmethod
    def check(kind, config: dict) -> None:
        """Every problem of `config` against the type's schema at once, each naming its field
        (a secret's value never appears in a message)."""
        hidden = secret_names(kind)
        errors = []
        for e in sorted(Draft202012Validator(kind.config_schema).iter_errors(config), key=lambda e: list(e.path)):
            path = ".".join(str(p) for p in e.path) or (e.validator == "required" and str(e.message).split("'")[1]) or ""
            shown = "(已隐藏 / hidden)" if path.split(".")[0] in hidden else e.message
            errors.append(FieldError(f"config.{path}" if path else "config", "invalid",
                                     f"渠道配置 {path or ''} 不正确:{shown}",
                                     f"channel configuration {path or ''} is wrong: {shown}"))
        if errors:
            raise ValidationFailed(errors)

    def delete(self, conn, app: str, name: str) -> None:
        self.row(conn, app, name)
        conn.execute(T.delete().where(T.c.app == app, T.c.name == name))
        self._changed()
