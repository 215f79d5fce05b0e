"""`trellis recompute APP FORM [FIELD]`: recompute a stored computed field (a rollup, or an
indexed formula's column) for every row of a form, in batches (one transaction each),
with the percentage done on stderr; without FIELD, every one of the form. Used after a
definition change when the recompute job a publish enqueues should not be waited for,
or to repair values."""
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
    stored = [t.id for t in form.active if t.key == "formula" and t.has_column]
    known = mine + stored
    if field is not None and field not in known:
        raise click.ClickException(f"表单 {form_id} 没有汇总字段或索引公式 {field}(可用:{'、'.join(known) or '无'}) / "
                                   f"form {form_id} has no rollup or indexed formula {field} "
                                   f"(known: {', '.join(known) or 'none'})")
    if not known:
        return 0
    fields = [field] if field else known

    def progress(done: int, total: int) -> None:
        if err:
            err(f"\r{form_id} {', '.join(fields)}: {100 * done // max(total, 1):3d}% ({done}/{total})")

    done = 0
    if any(f in mine for f in fields):
        done = recompute_form(rt, app, form_id, [f for f in fields if f in mine], progress=progress)
    if any(f in stored for f in fields):
        done = _refresh_formulas(rt, form, progress)
    if err:
        err("\n")
    return done


def _refresh_formulas(rt, form, progress) -> int:
    """Every indexed formula's column set again on every row, a batch per transaction."""
    import sqlalchemy as sa

    from ..forms.computed import refresh_stored

    table, done, last = form.table, 0, 0
    with rt.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
    while True:
        with rt.transaction() as conn:
            ids = conn.execute(sa.select(table.c.id).where(table.c.id > last).order_by(table.c.id)
                               .limit(2000)).scalars().all()
            if not ids:
                return done
            refresh_stored(conn, form, ids)
        last, done = ids[-1], done + len(ids)
        progress(done, max(total, done))


@cli.command("recompute")
@click.argument("app")
@click.argument("form")
@click.argument("field", required=False)
@with_appcontext
def recompute_cmd(app, form, field):
    """Recompute a rollup or indexed formula (or all of a form's) for every row / 重新计算汇总字段与索引公式."""
    try:
        done = recompute(_runtime(), app, form, field, err=lambda text: click.echo(text, err=True, nl=False))
    except TrellisError as e:
        raise click.ClickException(f"{e.message['zh']} / {e.message['en']}") from None
    click.echo(f"已重新计算 {done} 行 / {done} rows recomputed")
