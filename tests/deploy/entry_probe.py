"""Run in a child process by test_compose.py, in the environment the deployment gives its
processes (.env.example's settings, with a SQLite instance in a temporary folder): loads
the Celery app the way `celery -A <module>` does, parses every service's command line with
the `trellis` and `celery` commands' own option parsers (without running them), and asks
the app for the health check's path and the built web UI (TRELLIS_FRONTEND_DIST).

Input (a JSON file named by argv[1]): {"commands": [[argv...], ...], "paths": ["/healthz", ...]}.
Output (stdout, one JSON object): {"commands": [{"argv", "ok", "error"}...],
"paths": {path: [status, first bytes of the body]}, "celery_app": "<type>"}."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "platform"))


def _celery_app(module: str):
    from celery.app.utils import find_app

    return find_app(module)


def parse_celery(args: list[str]) -> None:
    """Parse `celery <args>` as celery's CLI does, up to the subcommand's options."""
    from celery.bin.base import CLIContext
    from celery.bin.celery import celery as group

    ctx = group.make_context("celery", list(args))
    app_name = ctx.params.get("app")
    ctx.obj = CLIContext(app=_celery_app(app_name) if app_name else None, no_color=True, workdir=None, quiet=True)
    rest = list(getattr(ctx, "_protected_args", None) or ctx.protected_args) + list(ctx.args)
    name, cmd, rest = group.resolve_command(ctx, rest)
    sub_ctx = cmd.make_context(name, rest, parent=ctx)
    while hasattr(cmd, "resolve_command") and (sub_ctx.protected_args or sub_ctx.args):
        name, cmd, rest = cmd.resolve_command(sub_ctx, list(sub_ctx.protected_args) + list(sub_ctx.args))
        sub_ctx = cmd.make_context(name, rest, parent=sub_ctx)


def parse_trellis(args: list[str]) -> None:
    """Parse `trellis <args>`: the subcommand must exist and take these options."""
    import click

    import trellis.cli.ops  # noqa: F401  (its commands register on the group)
    from trellis.cli.main import cli

    group, ctx = cli, cli.make_context("trellis", list(args), resilient_parsing=False)
    rest = list(ctx.protected_args) + list(ctx.args)
    while True:
        cmd = click.Group.get_command(group, ctx, rest[0])  # FlaskGroup's would build an app for an unknown name
        if cmd is None:
            raise click.UsageError(f"no command {rest[0]!r}")
        ctx = cmd.make_context(rest[0], rest[1:], parent=ctx)
        if not isinstance(cmd, click.Group):
            return
        group, rest = cmd, list(ctx.protected_args) + list(ctx.args)
        if not rest:
            raise click.UsageError(f"{cmd.name}: a subcommand is needed")


def main() -> None:
    import warnings

    warnings.simplefilter("ignore", DeprecationWarning)
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out: dict = {"commands": [], "paths": {}}
    # first, as `celery -A trellis.web.worker` does: it builds the one app of this process
    worker = _celery_app("trellis.web.worker")
    out["celery_app"] = type(worker).__module__ + "." + type(worker).__name__
    for argv in spec["commands"]:
        prog, args = Path(argv[0]).name, argv[1:]
        try:
            if prog == "celery":
                parse_celery(args)
            elif prog == "trellis":
                parse_trellis(args)
            else:
                raise ValueError(f"unknown program {prog}")
            out["commands"].append({"argv": argv, "ok": True, "error": None})
        except BaseException as e:  # click's usage errors, SystemExit from an app module
            message = getattr(e, "format_message", lambda: str(e))()
            out["commands"].append({"argv": argv, "ok": False, "error": f"{type(e).__name__}: {message}"})
    import trellis.web.worker as module

    client = module.flask_app.test_client()
    for path in spec["paths"]:
        response = client.get(path)
        out["paths"][path] = [response.status_code, response.get_data()[:200].decode("utf-8", "replace")]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
