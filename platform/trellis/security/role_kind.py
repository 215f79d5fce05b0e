"""The role kind: publishing checks the role against the app's published forms and makes
sure its Flask-AppBuilder role exists (security/roles.py); only administrators edit roles."""
from __future__ import annotations

from ..kernel.errors import Forbidden
from ..meta.kind import DefinitionKind
from .roles import check_role


class RoleKind(DefinitionKind):
    key = "role"
    label = ("角色", "role")
    removable = False  # its Flask-AppBuilder role and members would be left behind

    def publish(self, conn, app, body, previous, store):
        return check_role(conn, app, body, previous, store)

    def may_edit(self, rt, who, app, key, body, existing) -> None:
        if not who.is_admin:
            raise Forbidden("只有系统管理员可以管理角色", "only administrators manage roles")
