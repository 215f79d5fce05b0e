"""PostgreSQL's own client tools (`pg_dump`, `pg_restore`) for backups: finding a version
that can talk to the server, the connection handed to them, running them.

pg_dump refuses a server newer than itself, and pg_restore an archive written by a newer
pg_dump, so the tool is looked for in TRELLIS_PG_BINDIR when it is set (only there), else
in Debian's /usr/lib/postgresql/<major>/bin folders and on PATH, and the newest one whose
major version is at least the server's is used. The password goes through PGPASSWORD, never
the command line."""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa

from .instance import OperationFailed

_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


def tool_version(path: str) -> tuple[int, int] | None:
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    found = _VERSION.search(out)
    return (int(found.group(1)), int(found.group(2) or 0)) if found else None


def _candidates(name: str) -> list[str]:
    chosen = os.environ.get("TRELLIS_PG_BINDIR")
    if chosen:  # the operator's choice, and only it
        return [str(Path(chosen) / name)] if (Path(chosen) / name).exists() else []
    seen, out = set(), []
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(folder) / name).exists():
            out.append(str(Path(folder) / name))
    on_path = shutil.which(name)
    if on_path:
        out.append(on_path)
    return [p for p in out if not (os.path.realpath(p) in seen or seen.add(os.path.realpath(p)))]


def find_tool(name: str, server_major: int) -> tuple[str, tuple[int, int]]:
    """(path, (major, minor)) of the newest `name` able to work with a server of `server_major`."""
    found = [(p, v) for p in _candidates(name) if (v := tool_version(p))]
    usable = sorted((x for x in found if x[1][0] >= server_major), key=lambda x: x[1], reverse=True)
    if usable:
        return usable[0]
    hint_zh = (f"请安装版本 {server_major} 的客户端工具(Debian/Ubuntu:postgresql-client-{server_major}),"
               f"或设置 TRELLIS_PG_BINDIR 指向其 bin 目录")
    hint_en = (f"install the client tools of version {server_major} (Debian/Ubuntu: postgresql-client-{server_major}) "
               f"or set TRELLIS_PG_BINDIR to their bin folder")
    if not found:
        raise OperationFailed(f"找不到 {name}:{hint_zh}", f"{name} not found: {hint_en}", code="tool_missing")
    have = ", ".join(f"{p} ({v[0]}.{v[1]})" for p, v in found)
    raise OperationFailed(f"{name} 的版本低于数据库服务器({server_major}):现有 {have};{hint_zh}",
                          f"{name} is older than the database server ({server_major}): found {have}; {hint_en}",
                          code="tool_too_old")


def server_major(conn) -> int:
    return int(conn.execute(sa.text("SHOW server_version_num")).scalar()) // 10000


def connection(url: str) -> tuple[str, dict]:
    """(libpq connection string without the password, environment with PGPASSWORD)."""
    u = sa.engine.make_url(url)
    parts = {"host": u.host, "port": u.port, "user": u.username, "dbname": u.database}
    for key, value in u.query.items():
        parts[key] = value if isinstance(value, str) else value[-1]
    text = " ".join(f"{k}='{_quote(str(v))}'" for k, v in parts.items() if v not in (None, ""))
    env = dict(os.environ)
    if u.password is not None:
        env["PGPASSWORD"] = str(u.password)
    return text, env


def _quote(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def run(args: list[str], env: dict, what: tuple[str, str]) -> None:
    """Run a client tool; a failure is a bilingual error with the tool's last lines."""
    proc = subprocess.run(args, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        tail = " | ".join(line for line in proc.stderr.strip().splitlines()[-4:])
        raise OperationFailed(f"{what[0]}失败({Path(args[0]).name} 退出码 {proc.returncode}):{tail}",
                              f"{what[1]} failed ({Path(args[0]).name} exit code {proc.returncode}): {tail}",
                              code="tool_failed")
