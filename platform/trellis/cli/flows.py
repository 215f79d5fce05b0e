"""`trellis flows purge`: flow runs that ended long ago and their step logs, deleted (a
run's idempotency key becomes free, as a purged job's does)."""
from __future__ import annotations

from datetime import timedelta

import click
from flask.cli import with_appcontext

from .main import _runtime, cli


@cli.group("flows")
def flows_group():
    """Flows: automations and customer journeys / 流程与自动化."""


@flows_group.command("purge")
@click.option("--older-than-days", "days", default=90, show_default=True, type=click.IntRange(0, 36500),
              help="ended at least this many days ago")
@with_appcontext
def purge_cmd(days):
    """Delete runs that ended (done, failed, cancelled, exited) long ago, with their step logs."""
    from ..flows import runs

    rt = _runtime()
    with rt.transaction() as conn:
        n = runs.purge(conn, rt.clock.now() - timedelta(days=days))
    click.echo(f"已删除 {n} 个已结束的流程运行 / deleted {n} ended flow run(s)")
