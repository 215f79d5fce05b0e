"""Trellis's Flask-AppBuilder security manager (configured as FAB_SECURITY_MANAGER_CLASS).

FAB writes users, roles and login bookkeeping through its own ORM session. On SQLite each
such write takes the write gate's turn like every other write, and ends whatever read
transaction the session had open first: a transaction that read before another writer
committed holds an old snapshot, and SQLite refuses to turn it into a write at once
("database is locked") instead of waiting."""
from contextlib import contextmanager, nullcontext
from functools import wraps

from flask import current_app, has_app_context, request
from flask_appbuilder.const import AUTH_LDAP
from flask_appbuilder.security.sqla.manager import SecurityManager

from ..storage.database import serialized
from .audit import append, login_entry

# FAB's methods that write and commit through the session
WRITES = ("add_user", "update_user", "delete_user", "add_register_user", "del_register_user", "add_role",
          "update_role", "delete_role", "add_group", "delete_group", "add_permission_role", "del_permission_role",
          "noop_user_update")


@contextmanager
def write_turn(session):
    """The write gate's turn for a write through `session`, on a fresh transaction."""
    runtime = current_app.extensions.get("trellis") if has_app_context() else None
    with serialized(runtime.engine) if runtime is not None else nullcontext():
        session.commit()  # end a read begun before this turn (nothing else is pending here)
        yield


def _in_turn(method):
    @wraps(method)
    def gated(self, *args, **kwargs):
        with write_turn(self.session):
            return method(self, *args, **kwargs)
    return gated


def _nobody(_username, _password):
    return None


class TrellisSecurityManager(SecurityManager):
    def auth_user_db(self, username, password):
        """FAB's password check, plus a "login" / "login_failed" audit entry (never the password).
        Under AUTH_LDAP the sign-in form's "db" login asks the directory (`_directory_or_local`)."""
        check = self._directory_or_local if self.auth_type == AUTH_LDAP else super().auth_user_db
        return self._audited(check, username, password)

    def auth_user_ldap(self, username, password):
        """FAB's directory sign-in (user created at first sign-in, roles from AUTH_ROLES_MAPPING),
        audited like the database's; refused when sign-in is not configured for a directory."""
        check = super().auth_user_ldap if self.auth_type == AUTH_LDAP else _nobody
        return self._audited(check, username, password)

    def _directory_or_local(self, username, password):
        """The directory first; an account with a password of its own in the database (the first
        administrator) still signs in with it. An empty password is refused before either."""
        if not password:
            return None
        user = super().auth_user_ldap(username, password)
        return user if user is not None else super().auth_user_db(username, password)

    def _audited(self, check, username, password):
        runtime = current_app.extensions.get("trellis")
        with write_turn(self.session):
            # FAB records the attempt (last login, failure count) through its own session
            user = check(username, password)
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


for _name in WRITES:
    setattr(TrellisSecurityManager, _name, _in_turn(getattr(SecurityManager, _name)))
