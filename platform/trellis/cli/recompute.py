"""`trellis recompute APP FORM [FIELD]`: recompute a stored computed field (a rollup) for
every row of a form, in batches (one transaction each), with the percentage done on
stderr; without FIELD, every rollup of the form. Used after a definition change when
the recompute job a publish enqueues should not be waited for, or to check values."""
from __future__ import annotations

import click
from flask.cli import with_appcontext

from ..kernel.errors import TrellisError
from ..records.rollup_jobs import recompute_form
from ..records.rollups import rollups_of
from .main import _runtime, cli


def recompute(rt, app: str, form_id: str, field: str | None = None, err=None) -> int:
    """Recompute one rollup (or all of the form's); the number of rows set. `err(text)`
    receives the progress lines."""
    form = rt.form(app, form_id)
    mine = [r.field.id for r in rollups_of(rt, app) if r.parent.id == form.id]
    if field is not None and field not in mine:
        raise click.ClickException(f"表单 {form_id} 没有汇总字段 {field}(可用:{'、'.join(mine) or '无'}) / "
                                   f"form {form_id} has no rollup field {field} (known: {', '.join(mine) or 'none'})")
    if not mine:
        return 0
    fields = [field] if field else mine

    def progress(done: int, total: int) -> None:
        if err:
            err(f"\r{form_id} {', '.join(fields)}: {100 * done // max(total, 1):3d}% ({done}/{total})")

    done = recompute_form(rt, app, form_id, fields, progress=progress)
    if err:
        err("\n")
    return done


@cli.command("recompute")
@click.argument("app")
@click.argument("form")
@click.argument("field", required=False)
@with_appcontext
def recompute_cmd(app, form, field):
    """Recompute a rollup field (or all of a form's) for every row / 重新计算汇总字段."""
    try:
        done = recompute(_runtime(), app, form, field, err=lambda text: click.echo(text, err=True, nl=False))
    except TrellisError as e:
        raise click.ClickException(f"{e.message['zh']} / {e.message['en']}") from None
    click.echo(f"已重新计算 {done} 行 / {done} rows recomputed")
