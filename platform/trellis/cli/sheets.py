"""`trellis export`: a form's records to an .xlsx or .csv file, as the system (everything)
or, with --user, as that user sees them (row scopes and field permissions apply, and the
user needs the export permission), streamed page by page like the API's export."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..kernel.actor import SYSTEM, Actor
from ..kernel.errors import TrellisError


def actor_of(username: str | None) -> Actor:
    """The Actor of a login name (its roles, admin or not); the system when None."""
    if not username:
        return SYSTEM
    user = current_app.appbuilder.sm.find_user(username=username)
    if user is None:
        raise click.ClickException(f"用户 {username} 不存在 / no user {username}")
    roles = tuple(r.name for r in user.roles or [])
    return Actor(id=user.id, username=user.username, roles=roles,
                 is_admin=current_app.config.get("AUTH_ROLE_ADMIN", "Admin") in roles)


@click.command("export")
@click.option("--app", "app_id", required=True, help="app id, e.g. futures_crm")
@click.option("--form", "form_id", required=True, help="form id, e.g. client")
@click.option("--filter", "filter_json", default=None, help='JsonLogic filter, e.g. \'{">=": [{"var": "equity"}, 1000000]}\'')
@click.option("--sort", default=None, help="sort keys, e.g. -equity,name")
@click.option("--fields", default=None, help="columns (field ids), e.g. name,mobile,equity")
@click.option("--q", default=None, help="text search")
@click.option("--view", default=None, help="a saved view id (its filter, sort and columns)")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--user", "username", default=None, help="export as this user (default: the system, every row)")
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@with_appcontext
def export_cmd(app_id, form_id, filter_json, sort, fields, q, view, lang, username, out):
    """Export a form's records to OUT.xlsx or OUT.csv."""
    from ..sheets import export as exporting

    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "csv"):
        raise click.BadParameter("输出文件须以 .xlsx 或 .csv 结尾 / OUT must end in .xlsx or .csv", param_hint="OUT")
    try:
        flt = json.loads(filter_json) if filter_json else None
    except json.JSONDecodeError as e:
        raise click.BadParameter(f"不是有效的 JSON / not valid JSON: {e}", param_hint="--filter") from None
    rt = current_app.extensions["trellis"]
    who = actor_of(username)
    started = time.monotonic()
    try:
        job = exporting.prepare(rt, app_id, form_id, who, fmt=fmt, filter=flt, sort=sort, q=q, lang=lang, view=view,
                                fields=[f.strip() for f in fields.split(",") if f.strip()] if fields else None).start()
        exporting.audit(rt, job, who, fmt, {"filter": flt, "sort": sort, "q": q, "fields": fields, "view": view,
                                            "out": str(out)})
        last = [0.0]

        def progress(n: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 2:
                last[0] = now
                click.echo(f"  {n:,} rows, {n / max(now - started, 1e-9):,.0f} rows/s", err=True)
        rows = job.write(out, progress=progress)
    except TrellisError as err:
        click.echo(f"导出失败 / export failed: {err.message['zh']} / {err.message['en']}", err=True)
        sys.exit(1)
    seconds = time.monotonic() - started
    click.echo(f"已导出 {rows:,} 行到 {out} / exported {rows:,} rows to {out} ({seconds:.1f} s)")
