"""The `trellis` command (a Flask CLI group): init, run, seed, app export / import."""
from __future__ import annotations

import json

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from ..web.app import create_app


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_version_option=False)
def cli():
    """Trellis 低代码平台 / the Trellis low-code platform."""


def _runtime():
    return current_app.extensions["trellis"]


@cli.command("init")
@click.option("--admin", default="admin", show_default=True, help="admin user name")
@with_appcontext
def init_cmd(admin):
    """Create or upgrade the database and create the admin user."""
    from ..provision.setup import init_db

    from sqlalchemy.engine import make_url

    generated = init_db(current_app, admin_username=admin)
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
    click.echo(f"数据库已就绪 / database ready: {url}")  # the password stays out of the logs
    if generated:
        click.echo(f"管理员 / admin user: {admin}  密码 / password: {generated}  (只显示这一次 / shown once)")


@cli.command("seed")
@click.argument("app")
@click.option("--clients", default=0, type=click.IntRange(0, 1_000_000), help="synthetic clients to generate")
@click.option("--as-of", "as_of", default=None, metavar="YYYY-MM-DD|today",
              help="the synthetic data's 'today' (default: the generator's fixed date)")
@with_appcontext
def seed_cmd(app, clients, as_of):
    """Load a seed app's definitions and, with --clients N, synthetic demo data."""
    import datetime as dt
    import os

    from ..provision.seed import seed_app

    if as_of:
        try:
            day = _runtime().clock.now().date() if as_of == "today" else dt.date.fromisoformat(as_of)
        except ValueError:
            raise click.BadParameter("应为 YYYY-MM-DD 或 today / YYYY-MM-DD or today", param_hint="--as-of") from None
        os.environ["TRELLIS_SEED_AS_OF"] = day.isoformat()

    out = seed_app(_runtime(), current_app.config["TRELLIS_SEEDS"], app, clients, progress=click.echo)
    click.echo(json.dumps(out, ensure_ascii=False))


@cli.group("app")
def app_group():
    """Export and import app definitions as folders of files."""


@app_group.command("export")
@click.argument("app")
@click.argument("folder", type=click.Path(file_okay=False))
@with_appcontext
def export_cmd(app, folder):
    from ..meta.io import export_app

    paths = export_app(_runtime(), app, folder)
    click.echo(f"{len(paths)} files written to {folder}")


@app_group.command("import")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@with_appcontext
def import_cmd(folder):
    from ..meta.io import import_app

    click.echo(json.dumps(import_app(_runtime(), folder), ensure_ascii=False))


@cli.group("audit")
def audit_group():
    """The tamper-evident audit log."""


@audit_group.command("verify")
@with_appcontext
def audit_verify_cmd():
    """Recompute the audit log's hash chain; exit 1 when it is broken."""
    from ..security.audit import verify

    result = verify(_runtime().engine)
    if result["ok"]:
        click.echo(f"审计日志完整,共校验 {result['checked']} 条 / audit log intact, {result['checked']} entries checked")
        return
    reason = result["first_broken"]["reason"]
    click.echo(f"审计日志已被篡改 / audit log tampered with: {reason['zh']} / {reason['en']}", err=True)
    raise SystemExit(1)


from .sheets import export_cmd as records_export_cmd  # noqa: E402  (trellis export)
cli.add_command(records_export_cmd)


from . import imports as cli_imports  # noqa: E402,F401  (registers `trellis import` and `trellis import-rollback`)
from . import jobs as cli_jobs  # noqa: E402,F401  (registers `trellis jobs ...`)
from . import flows as cli_flows  # noqa: E402,F401  (registers `trellis flows purge`)
from . import recompute as cli_recompute  # noqa: E402,F401  (registers `trellis recompute`)
from . import ops as cli_ops  # noqa: E402,F401  (registers backup, restore, upgrade, migrate-db)
from .serve import run_cmd  # noqa: E402  (`trellis run` on gunicorn, replacing Flask's dev server)
cli.add_command(run_cmd)


def main():
    cli(prog_name="trellis")
