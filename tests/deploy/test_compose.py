"""The deployment's files checked without Docker (images cannot be pulled here):
docker-compose.yml's services and their commands (real `trellis` subcommands and Celery
apps, their options parsed by the commands' own parsers in a child process that runs with
.env.example's settings), every variable of compose, the Dockerfile and the systemd units
and every setting the source reads documented in .env.example (and nothing stale there),
the Dockerfile's stages, COPY sources and health check, the systemd units verified by
systemd-analyze when present."""
from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from deploy_files import (COMPOSE, DOCKERFILE, GUIDE, ROOT, SYSTEMD, command_argv, compose_variables,
                          config_docstring_settings, dockerfile_stages, dockerfile_variables, exec_form,
                          guide_commands, load_compose, source_settings, unit_exec_lines, unit_variables)
from envfile import child_environment, documented_names, env_defaults, read_env_example
from settings_doc import guide_table, settings_table

VENV_BIN = Path(sys.executable).parent
TRELLIS_SERVICES = ("init", "web", "worker", "beat")
# set by Docker in every container, not by the deployment
CONTAINER_PROVIDED = {"HOSTNAME"}
# the Python interpreter's own switches, set in the image
INTERPRETER = {"PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"}
# systemd's own variables in Exec lines
SYSTEMD_PROVIDED = {"MAINPID"}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def compose():
    return load_compose()


@pytest.fixture(scope="module")
def stages():
    return dockerfile_stages()


def _deployment_commands(compose, stages) -> list[list[str]]:
    """Every Trellis command line of the deployment: compose's services and health checks,
    the image's CMD, the systemd units' ExecStart (programs by their names)."""
    env = env_defaults()
    out = []
    for name in TRELLIS_SERVICES:
        out.append(command_argv(compose["services"][name]["command"], env))
    test = compose["services"]["worker"]["healthcheck"]["test"]
    assert test[0] == "CMD-SHELL"
    out.append(command_argv(test[1].replace("$$", "$"), {**env, "HOSTNAME": "worker-1"}))
    out.append(exec_form(dict(stages[-1].instructions)["CMD"]))
    for unit in sorted(SYSTEMD.glob("*.service")):
        for key, argv in unit_exec_lines(unit):
            if key == "ExecStart":
                argv = [Path(argv[0]).name] + [a.replace("%i", "5000") for a in argv[1:]]
                out.append(command_argv(argv, env))
    return out


# --- settings ---------------------------------------------------------------------------------

def test_env_example_blocks_are_bilingual_with_default_and_example():
    settings = read_env_example()
    names = [s.name for s in settings]
    assert len(names) == len(set(names)), f"documented twice: {sorted({n for n in names if names.count(n) > 1})}"
    for s in settings:
        text = "\n".join(s.comment)
        assert s.comment and s.comment[0] == s.name, f"{s.name}: its block starts with its name"
        assert CJK.search(text), f"{s.name}: no Chinese comment"
        assert re.search(r"[A-Za-z]{4,} [a-z]{2,}", text), f"{s.name}: no English comment"
        assert "默认 / Default:" in text and "示例 / Example:" in text, f"{s.name}: default and example"


def test_every_setting_the_source_reads_is_documented():
    documented = documented_names()
    read = source_settings()
    assert len(read) > 30, "the scan of platform/ finds the settings read from the environment"
    missing = {name: where for name, where in read.items() if name not in documented}
    assert not missing, f"read by the source but not in .env.example: {missing}"
    listed = config_docstring_settings()
    assert {"TRELLIS_HOME", "TRELLIS_DATABASE_URL", "TRELLIS_REDIS_URL"} <= listed
    assert not listed - documented, f"web/config.py lists, .env.example lacks: {sorted(listed - documented)}"


def test_every_deployment_variable_is_documented_and_none_is_stale(compose, stages):
    documented = documented_names()
    compose_vars = compose_variables(compose) - CONTAINER_PROVIDED
    image_vars, _build_args = dockerfile_variables(stages)
    image_vars -= INTERPRETER
    unit_vars = set().union(*(unit_variables(u) for u in SYSTEMD.glob("*.service"))) - SYSTEMD_PROVIDED
    for where, names in (("docker-compose.yml", compose_vars), ("Dockerfile", image_vars),
                         ("deploy/systemd", unit_vars)):
        assert not names - documented, f"{where} uses, .env.example lacks: {sorted(names - documented)}"
    used = set(source_settings()) | compose_vars | image_vars | unit_vars
    assert not documented - used, f".env.example documents what nothing reads: {sorted(documented - used)}"


def test_compose_settings_interpolate_and_image_defaults_agree(compose, stages):
    env = env_defaults()
    for name, service in compose["services"].items():
        for text in json.dumps(service, ensure_ascii=False).split('"'):
            command_argv([text], env)  # an unset ${VAR:?} would raise
    image_env = dict(re.findall(r"([A-Z_][A-Z0-9_]*)=(\S+)", " ".join(
        rest for word, rest in stages[-1].instructions if word == "ENV")))
    for name in ("TRELLIS_HOME", "PROMETHEUS_MULTIPROC_DIR", "TZ", "TRELLIS_TIMEZONE"):
        if name in env:
            assert env[name] == image_env[name], f"{name}: .env.example {env[name]!r}, image {image_env[name]!r}"


# --- docker-compose.yml -----------------------------------------------------------------------

def test_compose_services_volumes_and_order(compose):
    services = compose["services"]
    assert {"postgres", "redis", *TRELLIS_SERVICES, "nginx"} <= set(services)
    assert services["nginx"].get("profiles") == ["nginx"]
    for name in TRELLIS_SERVICES:
        s = services[name]
        assert s.get("env_file") in (".env", [".env"]), f"{name}: env_file .env"
        assert any(str(v).split(":")[1] == "/var/lib/trellis" for v in s["volumes"]), f"{name}: the files volume"
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["init"]["condition"] == "service_completed_successfully", name
    assert services["init"]["restart"] == "no"
    assert services["init"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("postgres", "redis", "web", "worker", "nginx"):
        assert services[name]["healthcheck"]["test"], f"{name}: a health check"
    for name in ("init", "beat"):
        assert services[name]["healthcheck"] == {"disable": True}, f"{name}: the image's web check does not apply"
    assert {"db", "files"} <= set(compose["volumes"])
    assert any(str(v).startswith("db:") for v in services["postgres"]["volumes"])
    nginx_mounts = [str(v) for v in services["nginx"]["volumes"]]
    assert any(v.startswith("./deploy/nginx.conf:") for v in nginx_mounts)
    assert (ROOT / "deploy" / "nginx.conf").is_file()


def test_health_checks_ask_a_route_the_app_serves(compose, stages):
    """The compose web check and the image's HEALTHCHECK ask /healthz of port 5000, where `trellis run` listens."""
    image_check = dict(stages[-1].instructions)["HEALTHCHECK"]
    web_check = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    for check in (image_check, web_check):
        assert "http://127.0.0.1:5000/healthz" in check
    assert "/healthz" in " ".join(compose["services"]["nginx"]["healthcheck"]["test"])
    web = command_argv(compose["services"]["web"]["command"], env_defaults())
    assert web[web.index("--port") + 1] == "5000" and web[web.index("--host") + 1] == "0.0.0.0"


@pytest.fixture(scope="module")
def probe(compose, stages, tmp_path_factory):
    """Every command line parsed, and the app asked for its routes, in one child process
    running with .env.example's settings (SQLite in a temporary home, no server contacted)."""
    tmp = tmp_path_factory.mktemp("deploy_probe")
    dist = tmp / "dist"
    dist.mkdir()
    (dist / "index.html").write_text("<!doctype html><title>Trellis</title><p>built-ui-marker</p>", encoding="utf-8")
    commands = _deployment_commands(compose, stages) + guide_commands()
    spec = tmp / "spec.json"
    spec.write_text(json.dumps({"commands": commands, "paths": ["/healthz", "/"]}), encoding="utf-8")
    env = child_environment({
        "TRELLIS_HOME": str(tmp / "home"), "TRELLIS_DATABASE_URL": None,
        "TRELLIS_REDIS_URL": "redis://127.0.0.1:9/0",  # never contacted: the app is only built
        "PROMETHEUS_MULTIPROC_DIR": str(tmp / "metrics"), "TRELLIS_FRONTEND_DIST": str(dist),
    })
    (tmp / "metrics").mkdir()
    env["PYTHONPATH"] = str(ROOT / "platform")
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("entry_probe.py")), str(spec)],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_command_is_a_real_entry_point_whose_options_parse(probe):
    bad = [c for c in probe["commands"] if not c["ok"]]
    assert not bad, bad
    programs = {Path(c["argv"][0]).name for c in probe["commands"]}
    assert programs == {"trellis", "celery"}
    assert probe["celery_app"] == "celery.app.base.Celery"


def test_trellis_subcommands_answer_help(compose, stages, tmp_path):
    """`trellis <cmd> --help` of every subcommand the deployment and the guide run, as a user would type it."""
    subcommands = sorted({argv[1] for argv in _deployment_commands(compose, stages) + guide_commands()
                          if Path(argv[0]).name == "trellis"})
    assert "run" in subcommands and "init" in subcommands
    env = child_environment({"TRELLIS_HOME": str(tmp_path), "TRELLIS_DATABASE_URL": None})
    procs = {sub: subprocess.Popen([str(VENV_BIN / "trellis"), sub, "--help"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path) for sub in subcommands}
    for sub, proc in procs.items():
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0 and f"trellis {sub}" in out, (sub, err[-2000:])


def test_the_app_serves_the_health_check_and_the_ui_from_its_setting(probe):
    status, body = probe["paths"]["/healthz"]
    assert status == 200 and '"ok"' in body
    status, body = probe["paths"]["/"]
    assert status == 200 and "built-ui-marker" in body, "TRELLIS_FRONTEND_DIST names the built web UI"


# --- Dockerfile -------------------------------------------------------------------------------

def test_dockerfile_stages_and_copy_sources(stages):
    names = [s.name for s in stages]
    assert stages[0].base.startswith("node:20") and stages[-1].base.startswith("python:3.11-slim")
    runs = {s.name: " && ".join(r for w, r in s.instructions if w == "RUN") for s in stages}
    assert "npm ci" in runs["frontend"] and "npm run build" in runs["frontend"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    rating_build = re.search(r"^\$\(RATING_JS\):.*\n\t(.+)$", makefile, re.M).group(1).strip()
    assert rating_build in runs["frontend"], "the rating plugin's module is built as `make plugins` does"
    for i, stage in enumerate(stages):
        for word, rest in stage.instructions:
            if word not in ("COPY", "ADD"):
                continue
            parts = [p for p in rest.split() if not p.startswith("--")]
            origin = re.search(r"--from=(\S+)", rest)
            if origin:
                assert origin.group(1) in names[:i], f"COPY --from={origin.group(1)}: an earlier stage"
                continue
            for source in parts[:-1]:
                assert glob.glob(str(ROOT / source)), f"COPY {source}: not in the repository"
                ignored = subprocess.run(["git", "check-ignore", "-q", source], cwd=ROOT).returncode == 0
                assert not ignored, f"COPY {source}: ignored by git, so not in a clean checkout"
    final = dict(stages[-1].instructions)
    run_stage = " ".join(r for w, r in stages[-1].instructions if w == "RUN")
    for package in ("fonts-wqy-zenhei", "postgresql-client"):
        assert package in run_stage, package
    assert final["USER"] not in ("root", "0"), "the processes run as an unprivileged user"
    assert exec_form(final["CMD"])[:2] == ["trellis", "run"]
    image_env = dict(re.findall(r"([A-Z_][A-Z0-9_]*)=(\S+)", " ".join(
        r for w, r in stages[-1].instructions if w == "ENV")))
    assert image_env["TRELLIS_HOME"] in exec_form(final["VOLUME"])
    dist_copy = [r for w, r in stages[-1].instructions if w == "COPY" and "frontend/dist" in r]
    assert dist_copy and "--from=frontend" in dist_copy[0]
    workdir = final["WORKDIR"]
    target = dist_copy[0].split()[-1]
    target = target if target.startswith("/") else f"{workdir}/{target}"
    assert Path(image_env["TRELLIS_FRONTEND_DIST"]) == Path(os.path.normpath(target)), "the UI is copied where the setting points"
    plugins = sorted(p.name for p in (ROOT / "plugins").glob("trellis_*") if (p / "pyproject.toml").is_file())
    assert plugins and "./plugins/trellis_*/" in runs["wheels"], "the core and every plugin (Makefile install)"


def test_dockerignore_keeps_what_the_build_copies():
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8")
    assert "!tests/logic" in ignore and ".venv" in ignore and "frontend/dist" in ignore


# --- systemd units ----------------------------------------------------------------------------

def test_systemd_units_run_the_same_entry_points():
    units = {p.name: p for p in SYSTEMD.glob("*.service")}
    assert {"trellis-web@.service", "trellis-worker.service", "trellis-beat.service"} <= set(units)
    for name, path in units.items():
        text = path.read_text(encoding="utf-8")
        assert "EnvironmentFile=/etc/trellis/trellis.env" in text and "User=trellis" in text, name


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed")
def test_systemd_units_verify(tmp_path):
    """systemd-analyze verify, with the programs pointed at this checkout's venv."""
    for path in sorted(SYSTEMD.glob("*.service")):
        text = path.read_text(encoding="utf-8").replace("/opt/trellis/.venv/bin", str(VENV_BIN))
        text = text.replace("/etc/trellis/trellis.env", str(ROOT / ".env.example"))
        target = tmp_path / path.name.replace("@.", "@5000.")
        target.write_text(text, encoding="utf-8")
        done = subprocess.run(["systemd-analyze", "verify", str(target)], capture_output=True, text=True, timeout=120)
        complaints = [line for line in (done.stdout + done.stderr).splitlines()
                      if path.name.split("@")[0] in line or "Unknown" in line]
        assert done.returncode == 0 and not complaints, (path.name, done.stdout + done.stderr)


def test_compose_and_dockerfile_exist_at_the_root():
    assert COMPOSE.is_file() and DOCKERFILE.is_file()


# --- the guide --------------------------------------------------------------------------------

def test_guide_settings_table_is_made_from_env_example():
    table = guide_table(GUIDE.read_text(encoding="utf-8"))
    assert table == settings_table(), "run .venv/bin/python tests/deploy/settings_doc.py"


def test_guide_commands_are_among_the_parsed():
    """The guide's `trellis` commands (backup, restore, upgrade, migrate-db, ...) are parsed by
    the probe with the others: the options the guide tells IT to type exist."""
    subcommands = {argv[1] for argv in guide_commands()}
    assert {"backup", "restore", "upgrade", "migrate-db", "init", "run"} <= subcommands
