"""The scale-out topology on this machine, without containers: `trellis init` (and a seed),
N gunicorn instances (`trellis run`) on free loopback ports, Celery workers and beat on
Redis, and Debian's nginx in front, all on one PostgreSQL database.

    with pg_database("trellis_topo") as url, \\
            Topology(tmp / "home", url, redis_url(12), webs=2, workers=2, clients=20) as topo:
        requests.get(topo.url + "/healthz")
        topo.kill_web(0)            # SIGKILL the instance's whole process group
        topo.restart_worker(1)

Each process runs in a process group of its own (so a kill takes gunicorn's or Celery's
children with it) and logs to `home/logs/<name>.log`; everything is stopped when the block
ends, failed or not. Each process's environment is the compose deployment's documented
settings (`.env.example`, read by `envfile.load_env_example` beside this file when it
exists) with the instance's home, database, Redis and secret key put over them, then
`env`. `skip_reason()` says why the topology cannot run here (no PostgreSQL, Redis or
nginx)."""
from __future__ import annotations

import importlib.util
import os
import secrets
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
for _folder in (HERE, HERE.parent):  # the sibling modules and tests/, however this one was imported
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))
from processes import Proc, free_port, free_ports  # noqa: E402
from redis_service import redis_error as _redis_error  # noqa: E402
BIN = Path(sys.executable).parent
NGINX = "/usr/sbin/nginx"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS = ("127.0.0.1", 6379)
ADMIN_PASSWORD = "admin-pass-1"
DEMO_PASSWORD = "demo2026pass"


# -- what the machine offers --------------------------------------------------------------------
def _pg_error() -> str | None:
    try:
        eng = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with eng.connect() as conn:
            conn.execute(sa.text("select 1"))
        eng.dispose()
        return None
    except Exception as e:  # any failure: the topology cannot run, say why
        return str(e).splitlines()[0]


def skip_reason() -> str | None:
    """None when PostgreSQL, Redis and nginx are all here, else why the topology cannot run."""
    err = _pg_error()
    if err:
        return f"PostgreSQL not reachable at 127.0.0.1:5432: {err}"
    err = _redis_error()
    if err:
        return f"Redis not reachable at {REDIS[0]}:{REDIS[1]}: {err}"
    if not os.access(NGINX, os.X_OK):
        return f"nginx is not installed ({NGINX}; apt-get install nginx)"
    return None


@contextmanager
def pg_database(prefix: str = "trellis_topology"):
    """A new PostgreSQL database for one run (its SQLAlchemy URL), dropped afterwards."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def redis_url(db: int = 12) -> str:
    return f"redis://{REDIS[0]}:{REDIS[1]}/{db}"


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    client.close()


def _env_example(overrides: dict) -> dict | None:
    """`envfile.load_env_example(overrides)` beside this file, when it exists."""
    path = HERE / "envfile.py"
    if not path.exists() or not (ROOT / ".env.example").exists():
        return None
    module = sys.modules.get("deploy_envfile")
    if module is None:
        spec = importlib.util.spec_from_file_location("deploy_envfile", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules["deploy_envfile"] = module  # a dataclass looks its module up there
        spec.loader.exec_module(module)
    return dict(module.load_env_example(overrides))


# -- the topology --------------------------------------------------------------------------------
NGINX_CONF = """\
{user}worker_processes 1;
pid {home}/nginx/nginx.pid;
error_log {logs}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {logs}/nginx-access.log;
    client_body_temp_path {home}/nginx/tmp/body;
    proxy_temp_path {home}/nginx/tmp/proxy;
    fastcgi_temp_path {home}/nginx/tmp/fastcgi;
    uwsgi_temp_path {home}/nginx/tmp/uwsgi;
    scgi_temp_path {home}/nginx/tmp/scgi;
    client_max_body_size 64m;
    upstream trellis {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://trellis;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-Id $request_id;
            # a dead instance: the request goes to the next one; POST/PATCH/DELETE only when
            # nothing was sent yet (nginx never resends a non-idempotent request it sent)
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_tries 3;
            proxy_connect_timeout 2s;
            proxy_read_timeout 300s;
            proxy_send_timeout 300s;
        }}
    }}
}}
"""


class Topology:
    """nginx -> `webs` gunicorn instances (`web_processes` each) + `workers` Celery workers + beat,
    on `database_url` and `redis_url` (its Redis database is flushed at start). `clients`:
    seed the futures CRM with that many synthetic clients after `trellis init`."""

    def __init__(self, home: Path, database_url: str, redis_url: str, *, webs: int = 2, workers: int = 2,
                 beat: bool = True, nginx: bool = True, env: dict | None = None, clients: int | None = None,
                 web_processes: int = 1, threads: int | None = None, concurrency: int = 2,
                 ready_timeout: float = 120.0):
        self.home = Path(home).resolve()
        self.database_url, self.redis_url = database_url, redis_url
        self.n_webs, self.n_workers, self.with_beat, self.with_nginx = webs, workers, beat, nginx
        self.extra_env = dict(env or {})
        self.clients = clients
        self.web_processes, self.threads, self.concurrency = web_processes, threads, concurrency
        self.ready_timeout = ready_timeout
        self.logs = self.home / "logs"
        self.secret = secrets.token_hex(32)
        self.admin_password = ADMIN_PASSWORD
        self.webs: list[Proc] = []
        self.web_ports: list[int] = []
        self.workers: list[Proc] = []
        self.beat: Proc | None = None
        self.nginx: Proc | None = None
        self.nginx_port: int | None = None
        self.env: dict = {}

    # -- addresses --------------------------------------------------------------------------------
    @property
    def web_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.web_ports]

    @property
    def url(self) -> str:
        if self.with_nginx and self.nginx is not None:
            return f"http://127.0.0.1:{self.nginx_port}"
        return self.web_urls[0]

    # -- life ----------------------------------------------------------------------------------------
    def __enter__(self) -> "Topology":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        for d in (self.home, self.logs, self.home / "nginx" / "tmp"):
            d.mkdir(parents=True, exist_ok=True)
        self.env = self._environment()
        flush_redis(self.redis_url)
        self.cli("init")
        if self.clients is not None:
            self.seed(self.clients)
        *self.web_ports, self.nginx_port = free_ports(self.n_webs + 1)
        self.webs = [self._web(i).start() for i in range(self.n_webs)]
        self.workers = [self._worker(i).start() for i in range(self.n_workers)]
        if self.with_beat:
            self.beat = Proc("beat", [str(BIN / "celery"), "-A", "trellis.web.worker", "beat", "--loglevel", "INFO",
                                      "-s", str(self.home / "celerybeat-schedule"),
                                      "--pidfile", str(self.home / "celerybeat.pid")],
                             self.env, self.logs / "beat.log", self.home, self.home / "metrics" / "beat").start()
        if self.with_nginx:
            self._start_nginx()
        self.wait_ready()

    def stop(self) -> None:
        """Stop everything (nginx first, so nothing new comes in), SIGKILL what lingers."""
        procs = [self.nginx, *self.webs, self.beat, *self.workers]
        for p in procs:
            if p is not None:
                p.terminate()
        for p in procs:
            if p is not None:
                p.stop(timeout=15)

    # -- commands ------------------------------------------------------------------------------------
    def cli(self, *args: str, timeout: float = 600, check: bool = True) -> subprocess.CompletedProcess:
        """Run `trellis ARGS` with the instance's environment; its output goes to logs/cli.log too."""
        r = subprocess.run([str(BIN / "trellis"), *args], env=self.env, cwd=self.home, capture_output=True, text=True,
                           timeout=timeout)
        with open(self.logs / "cli.log", "a") as log:
            log.write(f"\n$ trellis {' '.join(args)}  (exit {r.returncode})\n{r.stdout}{r.stderr}")
        if check and r.returncode != 0:
            raise RuntimeError(f"trellis {' '.join(args)} failed ({r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-3000:]}")
        return r

    def seed(self, clients: int = 0, app: str = "futures_crm") -> None:
        """Load the seed app (its flows enabled) with `clients` synthetic clients and its demo users."""
        self.cli("seed", app, "--clients", str(clients))

    # -- processes ---------------------------------------------------------------------------------
    def _environment(self) -> dict:
        overrides = {"TRELLIS_HOME": str(self.home), "TRELLIS_DATABASE_URL": self.database_url,
                     "TRELLIS_REDIS_URL": self.redis_url, "TRELLIS_SECRET_KEY": self.secret,
                     "TRELLIS_ADMIN_PASSWORD": self.admin_password}
        base = {k: v for k, v in os.environ.items() if not k.startswith("TRELLIS_")}
        documented = _env_example(overrides)
        if documented is not None:
            base.update({k: str(v) for k, v in documented.items() if v is not None})
        base.update(overrides)
        base.update({k: str(v) for k, v in self.extra_env.items()})
        if "PROMETHEUS_MULTIPROC_DIR" in base:  # the commands' own folder; each server gets one of its own
            base["PROMETHEUS_MULTIPROC_DIR"] = str(self.home / "metrics" / "cli")
            (self.home / "metrics" / "cli").mkdir(parents=True, exist_ok=True)
        base["PATH"] = f"{BIN}:{base.get('PATH', '/usr/bin:/bin')}"
        base.setdefault("PYTHONUNBUFFERED", "1")
        return base

    def _web(self, i: int) -> Proc:
        args = [str(BIN / "trellis"), "run", "--host", "127.0.0.1", "--port", str(self.web_ports[i]),
                "--workers", str(self.web_processes)]
        if self.threads:
            args += ["--threads", str(self.threads)]
        return Proc(f"web{i}", args, self.env, self.logs / f"web{i}.log", self.home, self.home / "metrics" / f"web{i}")

    def _worker(self, i: int) -> Proc:
        return Proc(f"worker{i}", [str(BIN / "celery"), "-A", "trellis.web.worker", "worker", "--loglevel", "INFO",
                                   "--concurrency", str(self.concurrency), "-n", f"w{i}@%h"],
                    self.env, self.logs / f"worker{i}.log", self.home, self.home / "metrics" / f"worker{i}")

    def _start_nginx(self) -> None:
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in self.web_ports)
        conf = self.home / "nginx" / "nginx.conf"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.home / "nginx" / "tmp" / sub).mkdir(parents=True, exist_ok=True)
        user = "user root;\n" if os.geteuid() == 0 else ""  # workers write the temp files under home
        conf.write_text(NGINX_CONF.format(user=user, home=self.home, logs=self.logs, servers=servers,
                                          port=self.nginx_port))
        check = subprocess.run([NGINX, "-t", "-p", str(self.home / "nginx"), "-e", str(self.logs / "nginx-error.log"),
                                "-c", str(conf)], capture_output=True, text=True)
        if check.returncode != 0:
            raise RuntimeError(f"nginx refused its configuration:\n{check.stderr}")
        self.nginx = Proc("nginx", [NGINX, "-p", str(self.home / "nginx"), "-e", str(self.logs / "nginx-error.log"),
                                    "-c", str(conf), "-g", "daemon off;"],
                          self.env, self.logs / "nginx.log", self.home).start()

    # -- faults --------------------------------------------------------------------------------------
    def kill_web(self, i: int) -> None:
        self.webs[i].kill()

    def kill_worker(self, i: int) -> None:
        self.workers[i].kill()

    def restart_web(self, i: int, wait: bool = True) -> None:
        self.webs[i].kill()
        self.webs[i].start()
        if wait:
            self._wait_url(self.web_urls[i], self.webs[i])

    def restart_worker(self, i: int, wait: bool = True) -> None:
        self.workers[i].kill()
        self.workers[i].start()
        if wait:
            self._wait_worker(self.workers[i], time.monotonic() + self.ready_timeout)

    # -- readiness ---------------------------------------------------------------------------------
    def wait_ready(self, timeout: float | None = None) -> None:
        """Every web instance and nginx answer their readiness (or liveness) check; every
        worker has connected to Redis (those killed on purpose are left out)."""
        deadline = time.monotonic() + (timeout or self.ready_timeout)
        for url, proc in zip(self.web_urls, self.webs):
            if not proc.killed:
                self._wait_url(url, proc, deadline)
        if self.with_nginx:
            self._wait_url(self.url, self.nginx, deadline)
        for w in self.workers:
            if not w.killed:
                self._wait_worker(w, deadline)

    @staticmethod
    def _wait_worker(w: Proc, deadline: float) -> None:
        while "ready." not in w.output():
            if not w.alive():
                raise RuntimeError(f"{w.name} exited ({w.popen.returncode}):\n{w.tail()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{w.name} not ready:\n{w.tail()}")
            time.sleep(0.2)

    def _wait_url(self, base: str, proc: Proc, deadline: float | None = None) -> None:
        deadline = deadline or time.monotonic() + self.ready_timeout
        # readiness counts on the scheduler's heartbeat (beat's tick on a worker): without
        # them, liveness
        paths = ["/readyz", "/healthz"] if self.with_beat and self.n_workers else ["/healthz"]
        while True:
            for path in paths:
                try:
                    with urlopen(base + path, timeout=5) as r:
                        if r.status == 200:
                            return
                except HTTPError as e:
                    if e.code == 404 and path == "/readyz":
                        continue  # no readiness check in this version: liveness then
                except (URLError, OSError):
                    pass
                break
            if not proc.alive():
                raise RuntimeError(f"{proc.name} exited ({proc.popen.returncode}):\n{proc.tail()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"{proc.name} did not answer {base}{paths[0]}:\n{proc.tail()}")
            time.sleep(0.25)

    def log(self, name: str) -> str:
        """The log of one process by name (web0, worker1, beat, nginx, cli)."""
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


__all__ = ["Topology", "Proc", "pg_database", "redis_url", "flush_redis", "free_port", "free_ports", "skip_reason",
           "ADMIN_PASSWORD", "DEMO_PASSWORD"]
