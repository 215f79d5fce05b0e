"""The deployment's settings as `.env.example` states them, for tests that start Trellis's
processes the way docker-compose.yml does (`env_file: .env`, a copy of `.env.example`).

`.env.example` is one commented block per setting; a block ends with the setting's line:
`KEY=VALUE` when the deployment sets it (compose passes it to every Trellis service), or
`#KEY=VALUE` (no space after `#`) when it is documented but left at Trellis's default.
Prose lines start with `# ` and are never settings.

    from envfile import load_env_example
    env = {**os.environ, **load_env_example({"TRELLIS_DATABASE_URL": url, ...})}

`HOST_SPECIFIC` names the settings whose compose values name the containers' hosts or
paths (the `postgres` / `redis` services, the volume): a test on one machine overrides them.
An empty value means unset (Trellis reads an empty variable as its default), so it is left
out; an override of None removes a setting."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_EXAMPLE = ROOT / ".env.example"
SETTING_LINE = re.compile(r"^(#?)([A-Z][A-Z0-9_]*)=(.*)$")
HOST_SPECIFIC = ("TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL", "TRELLIS_HOME", "PROMETHEUS_MULTIPROC_DIR")


@dataclass(frozen=True)
class Setting:
    """One documented setting: its name, its example or default value, whether the
    deployment sets it (an uncommented line), and the prose above it."""

    name: str
    value: str
    active: bool
    comment: tuple[str, ...]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def read_env_example(path: Path | str = ENV_EXAMPLE) -> list[Setting]:
    """Every setting of the file in order, each with the comment lines of its block."""
    out: list[Setting] = []
    prose: list[str] = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        match = SETTING_LINE.match(line)
        if match:
            out.append(Setting(match.group(2), _unquote(match.group(3)), not match.group(1), tuple(prose)))
            prose = []
        elif line.startswith("#"):
            prose.append(line.lstrip("#").strip())
        else:
            prose = []  # a blank line ends a block's prose
    return out


def documented_names(path: Path | str = ENV_EXAMPLE) -> set[str]:
    """Names of every setting the file documents, set or not."""
    return {s.name for s in read_env_example(path)}


def env_defaults(path: Path | str = ENV_EXAMPLE) -> dict[str, str]:
    """The settings the deployment sets (uncommented lines with a value)."""
    return {s.name: s.value for s in read_env_example(path) if s.active and s.value != ""}


def load_env_example(overrides: dict | None = None, path: Path | str = ENV_EXAMPLE) -> dict[str, str]:
    """The deployment's settings merged with `overrides` (a None value removes one)."""
    env = env_defaults(path)
    for key, value in (overrides or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def child_environment(overrides: dict | None = None, path: Path | str = ENV_EXAMPLE) -> dict[str, str]:
    """A process environment: this process's, without any documented setting or other
    TRELLIS_* variable it carries, then `load_env_example(overrides)`."""
    names = documented_names(path)
    base = {k: v for k, v in os.environ.items() if k not in names and not k.startswith("TRELLIS_")}
    return {**base, **load_env_example(overrides, path)}
