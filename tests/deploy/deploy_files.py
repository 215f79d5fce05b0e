"""Reading the deployment's files as Docker, compose and systemd would: docker-compose.yml
with its `${VAR}` interpolation, the Dockerfile's stages and instructions, the systemd
units' ExecStart lines, and the settings the source reads from the environment."""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
SYSTEMD = ROOT / "deploy" / "systemd"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
PLATFORM = ROOT / "platform" / "trellis"

# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR; `$$` is a literal `$`
_INTERP = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)")
# names a container's shell reads with `$$NAME` (compose leaves `$NAME` to the shell)
_SHELL_VAR = re.compile(r"\$\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def load_compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def interpolate(text: str, env: dict) -> str:
    """compose's interpolation of one string; an unset `${VAR:?msg}` raises ValueError."""
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        name = m.group(1) or m.group(4)
        op, arg = m.group(2), m.group(3)
        value = env.get(name)
        if op in (":-", ":?") and not value or op in ("-", "?") and value is None:
            if op.endswith("?"):
                raise ValueError(f"{name}: {arg}")
            return arg or ""
        return value or ""
    return _INTERP.sub(sub, text)


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v)


def compose_variables(compose: dict) -> set[str]:
    """Every variable the compose file interpolates or hands to a container's shell, and
    every name a service's `environment:` sets."""
    names: set[str] = set()
    for text in _strings(compose):
        names |= {m.group(1) or m.group(4) for m in _INTERP.finditer(text) if m.group(0) != "$$"}
        names |= set(_SHELL_VAR.findall(text))
    for service in compose["services"].values():
        env = service.get("environment") or {}
        names |= set(env if isinstance(env, dict) else (e.split("=", 1)[0] for e in env))
    return names


def command_argv(command, env: dict) -> list[str]:
    """A service's command (list or string form) after interpolation, as argv."""
    if isinstance(command, str):
        return shlex.split(interpolate(command, env))
    return [interpolate(str(part), env) for part in command]


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[tuple[str, str]] = field(default_factory=list)


def dockerfile_stages() -> list[Stage]:
    """The Dockerfile's stages with their instructions (continuation lines joined,
    comments dropped), ARGs before the first FROM resolved in FROM lines."""
    lines, buf = [], ""
    for raw in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not buf and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        lines.append(buf + line)
        buf = ""
    args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in lines:
        word, _, rest = line.partition(" ")
        word = word.upper()
        if word == "ARG" and not stages:
            name, _, default = rest.strip().partition("=")
            args[name] = default
        elif word == "FROM":
            parts = rest.split()
            base = re.sub(r"\$\{?(\w+)\}?", lambda m: args.get(m.group(1), m.group(0)), parts[0])
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else None
            stages.append(Stage(base, name))
        else:
            stages[-1].instructions.append((word, rest.strip()))
    return stages


def exec_form(text: str) -> list[str] | None:
    """A JSON-array instruction argument as a list, else None (shell form)."""
    import json

    text = text.strip()
    if text.startswith("["):
        return json.loads(text)
    return None


def dockerfile_variables(stages: list[Stage]) -> tuple[set[str], set[str]]:
    """(ENV names and variables referenced in the run stage, build ARG names)."""
    env_names: set[str] = set()
    build_args: set[str] = set()
    for text in DOCKERFILE.read_text(encoding="utf-8").splitlines():
        if text.strip().upper().startswith("ARG "):
            build_args.add(text.split()[1].split("=")[0])
    for word, rest in stages[-1].instructions:
        if word == "ENV":
            env_names |= set(re.findall(r"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=", rest))
        env_names |= {n for n in re.findall(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)", rest)}
    return env_names - build_args, build_args


def unit_exec_lines(path: Path) -> list[tuple[str, list[str]]]:
    """(key, argv) of a systemd unit's Exec*= lines."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition("=")
        if sep and key.strip().startswith("Exec"):
            out.append((key.strip(), shlex.split(value)))
    return out


def unit_variables(path: Path) -> set[str]:
    """Variables a unit substitutes (`${NAME}`, `$NAME`) or hands to a shell (`$$NAME`)."""
    text = "\n".join(" ".join(argv) for _, argv in unit_exec_lines(path))
    return set(re.findall(r"\$+\{?([A-Za-z_][A-Za-z0-9_]*)", text))


# --- the settings the source reads ------------------------------------------------------------
_READ_CALL = re.compile(
    r"(?:os\.environ\.get|os\.getenv|environ\.get|environ\.setdefault|\benv\.get)\(\s*"
    r"(?:\"([A-Z][A-Z0-9_]*)\"|'([A-Z][A-Z0-9_]*)'|([A-Z][A-Z0-9_]*)\s*[,)])")
_READ_ITEM = re.compile(r"environ\[\s*(?:\"([A-Z][A-Z0-9_]*)\"|([A-Z][A-Z0-9_]*))\s*\](?!\s*=[^=])")
_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*)\s*=\s*[\"']([A-Z][A-Z0-9_]*)[\"']", re.M)
SETTING_NAME = re.compile(r"^(TRELLIS_|PROMETHEUS_)")


def source_settings(root: Path = PLATFORM) -> dict[str, str]:
    """{setting name: first file reading it} for every TRELLIS_* / PROMETHEUS_* name read
    from the environment (a call with a literal name, or a module constant holding it)."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        constants = dict(_CONSTANT.findall(text))
        names = []
        for m in _READ_CALL.finditer(text):
            names.append(m.group(1) or m.group(2) or constants.get(m.group(3) or "", ""))
        for m in _READ_ITEM.finditer(text):
            names.append(m.group(1) or constants.get(m.group(2) or "", ""))
        for name in names:
            if name and SETTING_NAME.match(name):
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def config_docstring_settings() -> set[str]:
    """The settings web/config.py's docstring lists (its `- NAME / NAME:` lines)."""
    import ast

    doc = ast.get_docstring(ast.parse((PLATFORM / "web" / "config.py").read_text(encoding="utf-8"))) or ""
    names: set[str] = set()
    for line in doc.splitlines():
        m = re.match(r"^- ((?:[A-Z][A-Z0-9_]*(?: / )?)+):", line)
        if m:
            names |= {n.strip() for n in m.group(1).split("/") if n.strip()}
    return names


GUIDE = ROOT / "docs" / "deploy.md"


def guide_commands() -> list[list[str]]:
    """The `trellis …` command lines of docs/deploy.md's shell blocks (`trellis-admin` is the
    guide's alias for `trellis` with the settings file), comments and shell syntax dropped."""
    out, shell = [], False
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            shell = line.strip() in ("```bash", "```sh")
            continue
        if not shell or line.lstrip().startswith(("#", "alias ")):
            continue
        line = re.sub(r"\s#\s.*$", "", line).replace("$(date +%F)", "2026-12-07")
        for segment in re.split(r"&&|;|\|\||\|", line):
            tokens = segment.replace("'", " ").replace('"', " ").split()
            for i, token in enumerate(tokens):
                named = token in ("trellis", "trellis-admin") or token.endswith("/bin/trellis")
                # `-u trellis`, `-O trellis`: an option's value, not the program (but `sh -c`'s command is)
                if not named or (i and tokens[i - 1].startswith("-") and tokens[i - 1] != "-c") or i + 1 >= len(tokens):
                    continue
                if re.fullmatch(r"[a-z][a-z-]*", tokens[i + 1]):
                    out.append(["trellis", *tokens[i + 1:]])
                break
    return out
