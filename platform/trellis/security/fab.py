"""Trellis's Flask-AppBuilder security manager (configured as FAB_SECURITY_MANAGER_CLASS)."""
from flask_appbuilder.security.sqla.manager import SecurityManager


class TrellisSecurityManager(SecurityManager):
    pass
