"""Configuration from the environment (and an optional Python config file).

- TRELLIS_HOME: instance folder (default ./instance): SQLite file, secret key, uploads.
- TRELLIS_DATABASE_URL: SQLAlchemy URL (default: sqlite file trellis.db under TRELLIS_HOME).
- TRELLIS_REDIS_URL: Celery broker; unset means tasks run in-process.
- TRELLIS_SECRET_KEY: generated once into TRELLIS_HOME/secret_key and kept when unset.
- TRELLIS_CONFIG: path of a Python config file (Flask's `from_pyfile`) applied after these.
- TRELLIS_SEEDS: folder of seed apps (default: the repository's seeds/).
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def _secret_key(home: Path) -> str:
    path = home / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    try:
        path.chmod(0o600)
    except OSError:
        pass
    return key


def load_config(overrides: dict | None = None) -> dict:
    """The app's config dict: defaults, then environment, then config file, then overrides."""
    overrides = dict(overrides or {})
    env = os.environ
    home = Path(overrides.get("TRELLIS_HOME") or env.get("TRELLIS_HOME") or "instance").resolve()
    home.mkdir(parents=True, exist_ok=True)
    url = env.get("TRELLIS_DATABASE_URL") or f"sqlite:///{home / 'trellis.db'}"
    cfg = {
        "TRELLIS_HOME": str(home),
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        "TRELLIS_REDIS_URL": env.get("TRELLIS_REDIS_URL") or None,
        "TRELLIS_SEEDS": env.get("TRELLIS_SEEDS") or str(REPO_ROOT / "seeds"),
        "TRELLIS_FILES": str(home / "files"),
        "TRELLIS_COUNT_THRESHOLD": 1000,
        "TRELLIS_DEFINITION_TTL": 2.0,
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "JSON_AS_ASCII": False,
        # Flask-AppBuilder
        "AUTH_TYPE": 1,  # AUTH_DB
        "FAB_ADD_SECURITY_API": True,
        "FAB_API_SWAGGER_UI": False,
        "FAB_UPDATE_PERMS": True,
        "FAB_INDEX_VIEW": "trellis.fab_views.AdminIndexView",
        "FAB_SECURITY_MANAGER_CLASS": "trellis.security.fab.TrellisSecurityManager",
        "APP_NAME": "Trellis",
        "AUTH_ROLE_ADMIN": "Admin",
        "AUTH_ROLE_PUBLIC": "Public",
        "BABEL_DEFAULT_LOCALE": "zh",
        "LANGUAGES": {"zh": {"flag": "cn", "name": "中文"}, "en": {"flag": "gb", "name": "English"}},
        "JWT_ACCESS_TOKEN_EXPIRES": 3600 * 8,
        "WTF_CSRF_ENABLED": True,
    }
    cfg["SECRET_KEY"] = env.get("TRELLIS_SECRET_KEY") or None
    cfg["TRELLIS_CONFIG"] = overrides.get("TRELLIS_CONFIG") or env.get("TRELLIS_CONFIG")
    cfg.update(overrides)
    if cfg.get("TRELLIS_DATABASE_URL"):
        cfg["SQLALCHEMY_DATABASE_URI"] = cfg["TRELLIS_DATABASE_URL"]
    if cfg["SQLALCHEMY_DATABASE_URI"].startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver Trellis ships with
        cfg["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + cfg["SQLALCHEMY_DATABASE_URI"].split("://", 1)[1]
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = _secret_key(Path(cfg["TRELLIS_HOME"]))
    Path(cfg["TRELLIS_FILES"]).mkdir(parents=True, exist_ok=True)
    return cfg
