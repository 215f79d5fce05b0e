"""Trellis's Flask-AppBuilder security manager (configured as FAB_SECURITY_MANAGER_CLASS)."""
from contextlib import nullcontext

from flask import current_app, request
from flask_appbuilder.security.sqla.manager import SecurityManager

from ..storage.database import serialized
from .audit import append, login_entry


class TrellisSecurityManager(SecurityManager):
    def auth_user_db(self, username, password):
        """FAB's password check, plus a "login" / "login_failed" audit entry (never the password)."""
        runtime = current_app.extensions.get("trellis")
        with serialized(runtime.engine) if runtime is not None else nullcontext():
            # FAB records the attempt (last login, failure count) through its own session
            user = super().auth_user_db(username, password)
        if user is not None:  # loaded now, so it stays readable once the session lets go
            self.session.refresh(user)
            list(user.roles)
        self.session.close()  # one pooled connection at a time: the audit write below needs one
        if runtime is not None:
            entry = login_entry(user.id if user else None, user.username if user else username,
                                request.remote_addr, user is not None)
            with runtime.transaction() as conn:
                append(conn, [entry])
        return user
