"""Configuration from the environment (and an optional Python config file).

- TRELLIS_HOME: instance folder (default ./instance): SQLite file, secret key, uploads.
- TRELLIS_DATABASE_URL: SQLAlchemy URL (default: sqlite file trellis.db under TRELLIS_HOME).
- TRELLIS_REDIS_URL: Celery broker; unset means tasks run in-process.
- TRELLIS_SECRET_KEY: generated once into TRELLIS_HOME/secret_key and kept when unset.
- TRELLIS_CONFIG: path of a Python config file (Flask's `from_pyfile`) applied after these.
- TRELLIS_SEEDS: folder of seed apps (default: the repository's seeds/).
- TRELLIS_FRONTEND_DIST: the built web UI, the folder holding index.html (default: the
  repository's frontend/dist; an installed package, as in the container image, names it).
- TRELLIS_REPORT_REPLICA: `on` (default) or `off`: reports over forms of at least
  TRELLIS_REPORT_REPLICA_MIN_ROWS rows (default 20000) are aggregated by DuckDB on a
  columnar copy kept in each process (reports/replica.py).
- TRELLIS_UPLOAD_MAX_MB: the largest attachment upload accepted, in MB (default 20).
- TRELLIS_DB_POOL_SIZE / TRELLIS_DB_MAX_OVERFLOW / TRELLIS_DB_POOL_TIMEOUT: connections kept /
  added on demand per process (default 10 / 20) and how long a request waits for one (30 s).
  A request holds one connection at a time, so the pool needs a little more than the
  server's threads per process.
- TRELLIS_WRITE_WAIT_SECONDS: how long a SQLite write waits for its turn before a 503
  (default 30; see `trellis.storage.database.WriteGate`).
- TRELLIS_WORKERS / TRELLIS_THREADS: `trellis run`'s processes and threads per process
  (default: one process per core, 4 threads each).
- TRELLIS_TIMEZONE: the instance's IANA time zone (default Asia/Shanghai): the wall clock
  date-time field values are kept in, and the zone of `now` / `today` in rules
  (trellis.logic.moment). An unknown zone stops the start with a message naming it.
- TRELLIS_PROXY_HOPS: how many reverse proxies (nginx) stand in front of the web processes
  (default 0). With 1, the client's address (sign-in limits, public form limits, audit),
  scheme and host are read from the X-Forwarded-For / -Proto / -Host headers the proxy sets;
  without it, those headers are ignored, so a client cannot forge its address.
- TRELLIS_MAX_CAUSE_DEPTH: how many writes may cause one another (a lifecycle handler
  writing, whose write's handler writes, ...) before the next is refused (default 8;
  trellis.kernel.cause).
- TRELLIS_LOG_FORMAT: `text` (default) or `json`: log lines on standard error, as text or
  as one JSON object a line (time, level, logger, message, request_id, user, job_id, job;
  an access line adds method, route, path, status, duration_ms, remote). Applies to
  `trellis run` (gunicorn's own error log too), `trellis.web.wsgi` and the Celery worker
  and beat (trellis.kernel.logs).
- TRELLIS_LOG_LEVEL: the lowest level logged: DEBUG, INFO (default), WARNING, ERROR.
- TRELLIS_ACCESS_LOG: `on` logs one line per request (logger trellis.access, INFO), with its
  request id and user (default off; `trellis run --access-log` turns it on).
- TRELLIS_METRICS_TOKEN: a secret; a scrape of GET /metrics sending
  `Authorization: Bearer <it>` is answered from any address (default unset: no token).
- TRELLIS_METRICS_ALLOW: the client addresses allowed to scrape GET /metrics without the
  token: comma-separated addresses or CIDRs, `*` for any, `none` for none (default
  127.0.0.0/8,::1: loopback only). Others get 403. Behind a proxy the client's address
  counts only with TRELLIS_PROXY_HOPS set; a scrape through an undeclared proxy needs the token.
- TRELLIS_READY_MAX_LAG_SECONDS: GET /readyz fails its `queue` check when the oldest due,
  unclaimed job has waited longer than this (default 300).
- PROMETHEUS_MULTIPROC_DIR: a folder where every process of the host keeps its metric
  values, so a scrape of one web process sums all of them (prometheus-client's
  multiprocess mode). `trellis run` uses TRELLIS_HOME/metrics when unset and empties it at
  start; set, only files of processes no longer alive are removed at start. A Celery
  worker on the same host given the same folder is summed into the web's /metrics.

Sign-in is Flask-AppBuilder's: database users by default (passwords checked by
`trellis.security.passwords`; logins rate-limited by AUTH_RATE_LIMIT per client address,
counted in Redis when TRELLIS_REDIS_URL is set, else in memory). LDAP or OAuth/OIDC are
set in the TRELLIS_CONFIG file with FAB's own keys, e.g.

    from flask_appbuilder.const import AUTH_LDAP        # needs `pip install python-ldap`
    AUTH_TYPE = AUTH_LDAP
    AUTH_LDAP_SERVER = "ldaps://ldap.example.com:636"
    AUTH_LDAP_SEARCH = "ou=people,dc=example,dc=com"
    AUTH_LDAP_UID_FIELD = "uid"
    AUTH_LDAP_BIND_USER = "cn=trellis,ou=services,dc=example,dc=com"
    AUTH_LDAP_BIND_PASSWORD = "..."
    AUTH_USER_REGISTRATION = True                       # create the user at first sign-in
    AUTH_USER_REGISTRATION_ROLE = "Public"
    AUTH_ROLES_MAPPING = {"cn=it,ou=groups,dc=example,dc=com": ["Admin"]}
    AUTH_ROLES_SYNC_AT_LOGIN = True

    from flask_appbuilder.const import AUTH_OAUTH       # needs `pip install authlib`
    AUTH_TYPE = AUTH_OAUTH
    OAUTH_PROVIDERS = [{"name": "keycloak", "icon": "fa-key", "token_key": "access_token",
        "remote_app": {"client_id": "trellis", "client_secret": "...",
            "api_base_url": "https://sso.example.com/realms/acme/protocol/",
            "server_metadata_url": "https://sso.example.com/realms/acme/.well-known/openid-configuration",
            "client_kwargs": {"scope": "openid email profile"}}}]
    AUTH_USER_REGISTRATION = True
    AUTH_ROLES_MAPPING = {"trellis-admins": ["Admin"]}  # OIDC `groups` claim -> FAB roles

The README's section "Sign-in (database, LDAP, OAuth)" says more.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from ..logic.moment import DEFAULT_ZONE, zone_info
from ..kernel.cause import DEFAULT_MAX_DEPTH
from ..kernel.logs import settings as log_settings
from ..storage.database import ENGINE_OPTIONS

REPO_ROOT = Path(__file__).resolve().parents[3]


def _password_policy(password: str) -> None:
    """FAB_PASSWORD_COMPLEXITY_VALIDATOR: Trellis's policy, told the username the request is about."""
    from ..api.auth import password_validator

    password_validator(password)


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
        "SQLALCHEMY_ENGINE_OPTIONS": dict(ENGINE_OPTIONS, pool_size=int(env.get("TRELLIS_DB_POOL_SIZE") or 10),
                                          max_overflow=int(env.get("TRELLIS_DB_MAX_OVERFLOW") or 20),
                                          pool_timeout=float(env.get("TRELLIS_DB_POOL_TIMEOUT") or 30)),
        "TRELLIS_REDIS_URL": env.get("TRELLIS_REDIS_URL") or None,
        "TRELLIS_SEEDS": env.get("TRELLIS_SEEDS") or str(REPO_ROOT / "seeds"),
        "TRELLIS_FRONTEND": env.get("TRELLIS_FRONTEND_DIST") or None,  # None: web/front.py's default
        "TRELLIS_FILES": str(home / "files"),
        "TRELLIS_COUNT_THRESHOLD": 1000,
        "TRELLIS_DEFINITION_TTL": 2.0,
        "MAX_CONTENT_LENGTH": 64 * 1024 * 1024,
        "TRELLIS_REPORT_REPLICA": (env.get("TRELLIS_REPORT_REPLICA") or "on").lower(),
        "TRELLIS_REPORT_REPLICA_MIN_ROWS": int(env.get("TRELLIS_REPORT_REPLICA_MIN_ROWS") or 20_000),
        "TRELLIS_UPLOAD_MAX_MB": float(env.get("TRELLIS_UPLOAD_MAX_MB") or 20),
        "TRELLIS_TIMEZONE": env.get("TRELLIS_TIMEZONE") or DEFAULT_ZONE,
        "TRELLIS_BASE_URL": env.get("TRELLIS_BASE_URL") or "",
        "TRELLIS_PROXY_HOPS": int(env.get("TRELLIS_PROXY_HOPS") or 0),
        "TRELLIS_MAX_CAUSE_DEPTH": int(env.get("TRELLIS_MAX_CAUSE_DEPTH") or DEFAULT_MAX_DEPTH),
        "TRELLIS_LOG_FORMAT": (env.get("TRELLIS_LOG_FORMAT") or "text").strip().lower(),
        "TRELLIS_LOG_LEVEL": (env.get("TRELLIS_LOG_LEVEL") or "INFO").strip().upper(),
        "TRELLIS_ACCESS_LOG": (env.get("TRELLIS_ACCESS_LOG") or "off").strip().lower(),
        "TRELLIS_METRICS_TOKEN": env.get("TRELLIS_METRICS_TOKEN") or None,
        "TRELLIS_METRICS_ALLOW": env.get("TRELLIS_METRICS_ALLOW"),  # None: loopback only (web/scrape.py)
        "TRELLIS_READY_MAX_LAG_SECONDS": float(env.get("TRELLIS_READY_MAX_LAG_SECONDS") or 300),
        "JSON_AS_ASCII": False,
        # Flask-AppBuilder
        "AUTH_TYPE": 1,  # AUTH_DB
        # the sign-in page sends provider "db"; under AUTH_LDAP that asks the directory (security/fab.py)
        "AUTH_API_LOGIN_ALLOW_MULTIPLE_PROVIDERS": True,
        "FAB_ADD_SECURITY_API": True,
        "FAB_API_SWAGGER_UI": False,
        "FAB_UPDATE_PERMS": True,
        "FAB_INDEX_VIEW": "trellis.web.fab_views.AdminIndexView",
        "FAB_SECURITY_MANAGER_CLASS": "trellis.security.fab.TrellisSecurityManager",
        "APP_NAME": "Trellis",
        "AUTH_ROLE_ADMIN": "Admin",
        "AUTH_ROLE_PUBLIC": "Public",
        "BABEL_DEFAULT_LOCALE": "zh",
        "LANGUAGES": {"zh": {"flag": "cn", "name": "中文"}, "en": {"flag": "gb", "name": "English"}},
        "JWT_ACCESS_TOKEN_EXPIRES": 3600 * 8,
        "WTF_CSRF_ENABLED": True,
        "FAB_PASSWORD_COMPLEXITY_ENABLED": True,
        "FAB_PASSWORD_COMPLEXITY_VALIDATOR": _password_policy,
        "RATELIMIT_ENABLED": True,
        "AUTH_RATE_LIMITED": True,
        "AUTH_RATE_LIMIT": "10 per 20 second",  # per client address; the JSON login counts failures only
    }
    cfg["SECRET_KEY"] = env.get("TRELLIS_SECRET_KEY") or None
    cfg["TRELLIS_CONFIG"] = overrides.get("TRELLIS_CONFIG") or env.get("TRELLIS_CONFIG")
    cfg.update(overrides)
    zone_info(cfg["TRELLIS_TIMEZONE"])  # an unknown zone stops here, named
    log_settings(cfg["TRELLIS_LOG_FORMAT"], cfg["TRELLIS_LOG_LEVEL"])  # an unknown format or level too
    cfg.setdefault("RATELIMIT_STORAGE_URI", cfg.get("TRELLIS_REDIS_URL") or "memory://")
    if cfg.get("TRELLIS_DATABASE_URL"):
        cfg["SQLALCHEMY_DATABASE_URI"] = cfg["TRELLIS_DATABASE_URL"]
    if cfg["SQLALCHEMY_DATABASE_URI"].startswith(("postgresql://", "postgres://")):
        # psycopg 3 is the driver Trellis ships with
        cfg["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + cfg["SQLALCHEMY_DATABASE_URI"].split("://", 1)[1]
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = _secret_key(Path(cfg["TRELLIS_HOME"]))
    Path(cfg["TRELLIS_FILES"]).mkdir(parents=True, exist_ok=True)
    return cfg
