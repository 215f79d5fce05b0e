"""`trellis backup`, `trellis restore`, `trellis upgrade`, `trellis migrate-db`: operating
a private deployment. They read the instance's settings (TRELLIS_HOME,
TRELLIS_DATABASE_URL, TRELLIS_CONFIG) without building the web app (provision/instance.py);
every refusal is a bilingual line on stderr and exit code 1."""
from __future__ import annotations

import functools
import json

import click

from ..kernel.errors import TrellisError
from .main import cli


def _ops(fn):
    """The command's TrellisError as "中文 / English" on stderr, exit 1 (never a traceback)."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except TrellisError as e:
            click.echo(f"{e.message['zh']} / {e.message['en']}", err=True)
            raise SystemExit(1) from None
        except OSError as e:
            where = f" {e.filename}" if e.filename else ""
            click.echo(f"文件操作失败{where}:{e.strerror} / file operation failed{where}: {e.strerror}", err=True)
            raise SystemExit(1) from None
    return run


def _instance():
    from ..provision.instance import configured

    return configured()


@cli.command("backup", with_appcontext=False)
@click.argument("path", type=click.Path(dir_okay=True, file_okay=True))
@click.option("--folder", is_flag=True, help="write a folder instead of one tar file")
@click.option("--no-compress", "plain", is_flag=True,
              help="keep the SQLite copy uncompressed (faster, about 3x larger; PostgreSQL dumps are compressed by pg_dump)")
@_ops
def backup_cmd(path, folder, plain):
    """Back up the database, definitions, files and secret key into one archive at PATH."""
    from ..provision.backup import backup

    manifest = backup(_instance(), path, folder=folder, compress=not plain, progress=click.echo)
    size = sum(x["size"] for x in manifest["members"].values())
    click.echo(f"备份完成 / backup written: {path} ({size / 1e6:.1f} MB, {len(manifest['members'])} members, "
               f"{sum(manifest['row_counts'].values())} rows, {manifest['seconds']} s)")
    warning = manifest["warning"]
    click.echo(f"注意 / note: {warning['zh']} / {warning['en']}", err=True)


@cli.command("restore", with_appcontext=False)
@click.argument("path", type=click.Path())
@click.option("--force", is_flag=True, help="overwrite an instance that is not empty")
@_ops
def restore_cmd(path, force):
    """Restore a backup into the configured (empty) instance and check it."""
    from ..provision.restore import restore

    result = restore(_instance(), path, force=force, progress=click.echo)
    for w in result["warnings"]:
        click.echo(f"{w['zh']} / {w['en']}", err=True)
    click.echo(f"恢复完成并已校验 / restored and checked: {result['tables']} tables, {result['rows']} rows, "
               f"{result['files']} files, audit chain intact ({result['audit_checked']} entries), {result['seconds']} s")


@cli.command("upgrade", with_appcontext=False)
@click.option("--force", is_flag=True, help="upgrade even without a backup of the last day")
@_ops
def upgrade_cmd(force):
    """Migrate the database to the current schema and upgrade stored definitions."""
    from ..provision.upgrade import upgrade

    result = upgrade(_instance(), force=force, progress=click.echo)
    click.echo(json.dumps(result, ensure_ascii=False))


@cli.command("migrate-db", with_appcontext=False)
@click.option("--to", "to", required=True, metavar="postgresql://USER@HOST:PORT/DB",
              help="an empty PostgreSQL database")
@_ops
def migrate_db_cmd(to):
    """Copy the embedded SQLite instance into an empty PostgreSQL database and check it."""
    from ..provision.migrate_db import migrate_db

    result = migrate_db(_instance(), to, progress=click.echo)
    click.echo(f"迁移完成并已校验 / migrated and checked: {result['tables']} tables, {result['rows']} rows, "
               f"audit chain intact ({result['audit_checked']} entries), {result['seconds']} s")
    click.echo(f"请修改设置 / now change the setting: {result['setting']}  (文件目录不变 / the files folder stays)")
