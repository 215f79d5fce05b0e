"""`trellis import FILE --app A --form F ...` and `trellis import-rollback BATCH_ID`: the
import engine from the command line. Columns are mapped automatically (template ids,
field ids, labels, saved mappings); the run happens here, printing its progress, then
the summary and the batch id (a batch like any other: the web UI lists it, and it can
be rolled back; its job, due a minute later, marks it failed if this process died). Exit status 0 when every row went in, 3 when the run finished but
refused some rows (reported in the error workbook), 1 when it failed or was cancelled."""
from __future__ import annotations

import shutil
import time
from datetime import timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from .main import _runtime, cli
from ..imports import TASK
from ..jobs import enqueue
from ..storage.database import writing

ROWS_REFUSED = 3  # exit status: finished, some rows refused
WATCHDOG_SECONDS = 60  # when the batch's job looks at a run this command started


def _actor(rt, login: str | None):
    from ..kernel.actor import Actor
    from ..imports import batches
    from ..imports.resolve import USERS

    if not login:
        return Actor(id=None, username="system", is_admin=True)
    import sqlalchemy as sa

    with rt.engine.connect() as conn:
        uid = conn.execute(sa.select(USERS.c.id).where(USERS.c.username == login)).scalar()
        if uid is None:
            raise click.ClickException(f"用户 {login} 不存在 / no user {login}")
        return batches.actor_for(conn, uid, login, current_app.config.get("AUTH_ROLE_ADMIN", "Admin"))


def _fail(err) -> click.ClickException:
    msg = getattr(err, "message", None) or {"zh": str(err), "en": str(err)}
    lines = [f"{msg['zh']} / {msg['en']}"]
    for e in getattr(err, "errors", None) or []:
        lines.append(f"  - {e['message']['zh']} / {e['message']['en']}")
    return click.ClickException("\n".join(lines))


@cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--app", "app_id", required=True, help="app id")
@click.option("--form", "form_id", required=True, help="form id")
@click.option("--sheet", default=None, help="sheet name (default: the first sheet with data)")
@click.option("--header-row", type=click.IntRange(1), default=None,
              help="Excel row number of the header (default: found)")
@click.option("--mode", type=click.Choice(["insert", "upsert", "update"]), default="insert", show_default=True)
@click.option("--key", "keys", multiple=True, help="key field of upsert / update (repeat for several)")
@click.option("--dry-run", is_flag=True, help="check everything, write nothing but the error workbook")
@click.option("--on-error", type=click.Choice(["all", "skip"]), default="all", show_default=True,
              help="all: all or nothing; skip: import the valid rows, report the rest")
@click.option("--errors", "errors_out", type=click.Path(dir_okay=False), default=None,
              help="write the error workbook here")
@click.option("--user", "login", default=None, help="run as this user (default: the system, unrestricted)")
@click.option("--chunk", type=click.IntRange(100, 100_000), default=5000, show_default=True, help="rows per chunk")
@with_appcontext
def import_cmd(file, app_id, form_id, sheet, header_row, mode, keys, dry_run, on_error, errors_out, login, chunk):
    """导入 Excel / CSV 文件 / import an Excel or CSV file into a form."""
    from pathlib import Path

    from ..kernel.errors import TrellisError
    from ..storage.files import FileStore
    from ..imports import batches, mapping as mapmod, saved
    from ..imports.job import ImportJob
    from ..sheets import open_book
    from ..sheets.template import template_info

    rt = _runtime()
    who = _actor(rt, login)
    name = Path(file).name
    try:
        svc = rt.records(app_id, form_id, who)
        with open_book(file, name) as book:
            sh = book.sheet(sheet, header_row - 1 if header_row else None)
            with rt.engine.connect() as conn:
                known = saved.listing(conn, app_id, form_id)
            template = template_info(book) if book.kind == "xlsx" else None
            auto = mapmod.auto_map(mapmod.importable(svc), sh.headers, template=template, saved=known)
            columns = {c["column"]: c["field"] for c in auto if c["field"]}
            keys = mapmod.check(svc, sh.headers, columns, mode, list(keys), sh.column_letters)
            head = (sh.name, sh.header_row, sh.total, sh.headers)
        for c in auto:
            shown = c["field"] or "—"
            click.echo(f"  {c['header'] or '(空)'} -> {shown}" + (f"  ({c['by']})" if c["by"] else ""))
        with open(file, "rb") as f:
            meta = FileStore(rt.files_dir).save(f, name, None)
        with writing(rt.engine) as conn:
            batch_id = batches.create(conn, app=app_id, form=form_id, actor=who, filename=name, upload=meta["id"],
                                      sheet=head[0], header_row=head[1], mode=mode, keys=keys, mapping=columns,
                                      options={}, dry_run=dry_run, on_error=on_error, total=head[2])
            # the batch's job, due a minute from now, is its watchdog: this process runs the
            # batch at once; should it die, the job finds the batch orphaned and marks it failed
            enqueue(conn, TASK, [batch_id], key=f"{TASK}:{batch_id}", app=app_id,
                    run_at=rt.clock.now() + timedelta(seconds=WATCHDOG_SECONDS))
    except TrellisError as e:
        raise _fail(e) from None
    click.echo(f"导入批次 / import batch {batch_id}: {head[2]} 行 / rows, sheet {head[0]!r}")
    last = [0.0]

    def progress(p):
        now = time.monotonic()
        if now - last[0] >= 1 or p["done"] >= (p["total"] or 0):
            last[0] = now
            eta = f", ETA {p['eta_seconds']:.0f}s" if p.get("eta_seconds") is not None else ""
            click.echo(f"  {p['done']}/{p['total']} ({p['rows_per_second'] or 0:,.0f} rows/s{eta}) "
                       f"+{p['inserted']} ~{p['updated']} ={p['skipped']} !{p['failed']}")
    out = ImportJob(rt, batch_id, chunk_size=chunk, on_progress=progress).run()
    msg = out["message"] or {"zh": "", "en": ""}
    click.echo(f"{msg['zh']}\n{msg['en']}")
    click.echo(f"状态 / status: {out['status']}  新增 / inserted: {out['inserted']}  更新 / updated: {out['updated']}  "
               f"无变化 / unchanged: {out['skipped']}  失败 / failed: {out['failed']}  "
               f"速度 / rows/s: {out['rows_per_second'] or 0:,.0f}")
    if out["errors_file"]:
        path = batches.errors_path(rt.files_dir, batch_id)
        if errors_out:
            shutil.copyfile(path, errors_out)
            click.echo(f"错误报告 / error workbook: {errors_out}")
        else:
            click.echo(f"错误报告 / error workbook: {path}")
    click.echo(f"batch_id={batch_id}")
    if out["status"] != "done":
        raise SystemExit(1)
    if out["failed"]:
        raise SystemExit(ROWS_REFUSED)


@cli.command("import-rollback")
@click.argument("batch_id", type=int)
@click.option("--user", "login", default=None, help="roll back as this user (default: the system)")
@click.option("--force", is_flag=True, help="also when rows were changed after the import (overwrites those changes)")
@with_appcontext
def import_rollback_cmd(batch_id, login, force):
    """回滚一个导入批次 / roll an import batch back as a whole."""
    from ..kernel.errors import TrellisError
    from ..imports.rollback import rollback

    rt = _runtime()
    try:
        out = rollback(rt, batch_id, _actor(rt, login), force=force)
    except TrellisError as e:
        raise _fail(e) from None
    click.echo(f"{out['message']['zh']}\n{out['message']['en']}")
    click.echo(f"batch_id={batch_id} status={out['status']}")
