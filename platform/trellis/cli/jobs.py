"""`trellis jobs list|run|retry|cancel|purge`: the job queue from the command line.

`trellis jobs run --until ISO_TIME` runs jobs as they fall due until that (real) time;
with `--simulate` it runs, now, everything due up to that time with the runtime's clock
set to each job's `run_at` (refused unless the instance holds demo data from `trellis
seed --clients N`, or TRELLIS_SIMULATION=1 is set). `trellis jobs advance --by 3d` moves
the shared simulated clock every process of a scaled instance reads under
TRELLIS_SIMULATION=1 (jobs/shared_clock.py; refused likewise)."""
from __future__ import annotations

import json
from datetime import datetime

import click
from flask.cli import with_appcontext

from ..jobs.store import STATES
from ..kernel.errors import TrellisError
from ..kernel.timestamps import local, stamp
from .main import _runtime, cli


def _fail(e: TrellisError):
    click.echo(f"{e.message['zh']} / {e.message['en']}", err=True)
    raise SystemExit(1)


def _line(r: dict) -> str:
    when = stamp(r["run_at"])
    error = f"  {r['last_error'].splitlines()[-1][:80]}" if r.get("last_error") else ""
    return f"{r['id']:>8}  {r['state']:<7} {r['attempts']:>2}  {when}  {r['name']}  {json.dumps(r['args'], ensure_ascii=False)[:60]}{error}"


@cli.group("jobs")
def jobs_group():
    """The job queue: deferred work, timers, retries / 任务队列."""


@jobs_group.command("list")
@click.option("--state", type=click.Choice(STATES), help="only jobs in this state")
@click.option("--name", help="only jobs of this name")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10000))
@with_appcontext
def list_cmd(state, name, limit):
    """The newest jobs, and how many there are in each state."""
    rt = _runtime()
    with rt.engine.connect() as conn:
        rows = rt.jobs.store.listing(conn, state=state, name=name, limit=limit)
        counts = rt.jobs.store.counts(conn)
    click.echo("  ".join(f"{s}={n}" for s, n in counts.items()))
    for r in rows:
        click.echo(_line(r))


@jobs_group.command("run")
@click.option("--until", "until", required=True, help="ISO 8601 time, e.g. 2026-12-09T09:00")
@click.option("--simulate", is_flag=True, help="move a simulated clock to each job's run_at instead of waiting")
@with_appcontext
def run_cmd(until, simulate):
    """Run jobs due up to a time (in real time, or at once with --simulate)."""
    from ..jobs.simulation import run_until

    try:
        when = local(datetime.fromisoformat(until))
    except ValueError:
        click.echo(f"--until 应为 ISO 8601 时间: {until!r} / --until is an ISO 8601 time: {until!r}", err=True)
        raise SystemExit(2)
    try:
        out = run_until(_runtime(), when, simulate=simulate,
                        on_job=lambda now, n: click.echo(f"{stamp(now)}  {n} job(s)"))
    except TrellisError as e:
        _fail(e)
    click.echo(f"已运行 {out['ran']} 个任务 / ran {out['ran']} job(s); 时钟 / clock: {stamp(out['now'])}")


_UNITS = {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}


def _seconds(text: str) -> int | None:
    """'3d', '12h', '1d12h', '90m', '45s', '2w' (or plain seconds) -> seconds; None if unreadable."""
    import re

    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    parts = re.findall(r"(\d+)\s*([wdhms])", text)
    if not parts or re.sub(r"(\d+)\s*([wdhms])", "", text).strip():
        return None
    return sum(int(n) * _UNITS[u] for n, u in parts)


@jobs_group.command("advance")
@click.option("--by", "by", required=True, help="how far: 3d, 12h, 1d12h, 90m, 45s, 2w")
@with_appcontext
def advance_cmd(by):
    """Move the instance's shared simulated clock forward (every process with TRELLIS_SIMULATION=1)."""
    from ..jobs.shared_clock import advance, simulating

    seconds = _seconds(by)
    if seconds is None:
        click.echo(f"--by 应为时长,如 3d、12h、90m: {by!r} / --by is a duration such as 3d, 12h, 90m: {by!r}", err=True)
        raise SystemExit(2)
    rt = _runtime()
    try:
        offset = advance(rt.engine, seconds)
    except TrellisError as e:
        _fail(e)
    if hasattr(rt.clock, "refresh"):
        rt.clock.refresh()
    if not simulating():
        click.echo("注意:只有设置了 TRELLIS_SIMULATION=1 的进程读取模拟时钟 / note: only processes run with "
                   "TRELLIS_SIMULATION=1 read the simulated clock", err=True)
    from datetime import datetime, timedelta

    click.echo(f"模拟时钟领先 {offset} 秒 / the simulated clock runs {offset} s ahead: "
               f"{stamp(datetime.now() + timedelta(seconds=offset))}")


@jobs_group.command("retry")
@click.argument("job_id", type=int)
@with_appcontext
def retry_cmd(job_id):
    """Run a failed or dead job again (its attempts counted anew)."""
    rt = _runtime()
    try:
        click.echo(_line(rt.jobs.store.retry(job_id, rt.clock.now())))
    except TrellisError as e:
        _fail(e)


@jobs_group.command("cancel")
@click.argument("job_id", type=int)
@with_appcontext
def cancel_cmd(job_id):
    """Give up on a queued or failed job (it becomes dead)."""
    rt = _runtime()
    try:
        click.echo(_line(rt.jobs.store.cancel(job_id, rt.clock.now(), "cli")))
    except TrellisError as e:
        _fail(e)


@jobs_group.command("purge")
@click.option("--older-than-days", "days", default=30, show_default=True, type=click.IntRange(0, 36500),
              help="finished at least this many days ago")
@with_appcontext
def purge_cmd(days):
    """Delete done and dead jobs finished long ago (their idempotency keys become free)."""
    from datetime import timedelta

    rt = _runtime()
    n = rt.jobs.store.purge(rt.clock.now() - timedelta(days=days))
    click.echo(f"已删除 {n} 个已结束的任务 / deleted {n} finished job(s)")
