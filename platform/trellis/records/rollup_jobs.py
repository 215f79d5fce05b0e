"""The rollup engine's install step (plugins/core.py): the lifecycle handler that keeps
rollups exact on every write (records/rollups.py), two jobs and a publish listener.

- `rollups.recompute` {app, form, fields}: every row of a form, in batches (one
  transaction per batch); enqueued by the publish of a form whose rollup fields are new
  or changed (source, aggregate, field, filter, window or value type), so existing rows
  get their values without a command (`trellis recompute` does the same by hand).
- `rollups.refresh` {app}: windows move with time: the windowed rollups of every parent
  of the app are recomputed daily at 00:05 in the instance's zone; each run enqueues the
  next day's (one job per app and day, by key) while some row is still inside or ahead of
  a window. A publish of a form with windowed rollups, and a write that puts rows into a
  window, enqueue the next run (a no-op when it exists), which restarts the chain.
"""
from __future__ import annotations

import sqlalchemy as sa

from . import rollups

RECOMPUTE = "rollups.recompute"
REFRESH = rollups.REFRESH
schedule_refresh = rollups.schedule_refresh
KEYS = ("source", "aggregate", "field", "filter", "window", "value_type", "deleted")


def recompute_form(runtime, app: str, form_id: str, fields=None, progress=None, only_windowed=False) -> int:
    """Recompute rollup `fields` (ids; None: every rollup) of every row of a form, one
    transaction per batch of rows; `progress(done, total)` after each. Returns rows set."""
    parent = runtime.form(app, form_id)
    chosen = [r.field for r in rollups.rollups_of(runtime, app) if r.parent.id == form_id
              and (fields is None or r.field.id in fields) and (not only_windowed or r.field.windowed)]
    if not chosen:
        return 0
    table = parent.table
    with runtime.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
    done, last = 0, 0
    while True:
        with runtime.transaction() as conn:
            page = conn.execute(sa.select(table.c.id).where(table.c.id > last).order_by(table.c.id)
                                .limit(rollups.BATCH)).scalars().all()
            if not page:
                break
            rollups.recompute(conn, runtime, parent, chosen, page)
        last = page[-1]
        done += len(page)
        if progress:
            progress(done, max(total, done))
    return done


def _signature(field: dict) -> dict:
    return {k: field.get(k) for k in KEYS}


def _on_publish(runtime):
    def listener(conn, action, app, kind, key, before, after, user_id, note=None) -> None:
        if action != "definition.publish" or kind != "form" or not after:
            return
        old = {f["id"]: f for f in (before or {}).get("fields", []) if f.get("type") == "rollup"}
        new = [f for f in after.get("fields", []) if f.get("type") == "rollup" and not f.get("deleted")]
        changed = [f["id"] for f in new if f["id"] not in old or _signature(old[f["id"]]) != _signature(f)]
        if changed:
            runtime.jobs.enqueue(RECOMPUTE, {"app": app, "form": key, "fields": changed},
                                 run_at=runtime.clock.now(),  # the publish's connection carries no clock
                                 key=f"{RECOMPUTE}:{app}:{key}:{note or ''}:{','.join(changed)}"[:200],
                                 app=app, conn=conn)
        if any(f.get("window") for f in new):
            schedule_refresh(runtime, app, conn)
    return listener


def install(runtime) -> None:
    """Subscribe the maintenance to every write; register the jobs; listen to publishes."""
    for event in ("after_insert", "after_update", "after_delete", "after_restore"):
        runtime.lifecycle.subscribe(event, rollups.maintain, order=10, name="rollups")

    def run_recompute(app: str, form: str, fields=None) -> dict:
        runtime.invalidate()  # the publish that enqueued it may be newer than this process's cache
        return {"rows": recompute_form(runtime, app, form, fields)}

    def run_refresh(app: str) -> dict:
        done = 0
        forms = sorted({r.parent.id for r in rollups.rollups_of(runtime, app) if r.field.windowed})
        for form_id in forms:
            done += recompute_form(runtime, app, form_id, only_windowed=True)
        with runtime.engine.connect() as conn:
            still = forms and rollups.windows_open(conn, runtime, app)
        if still:  # else every row has aged out: the next write into a window (or a publish) starts it again
            schedule_refresh(runtime, app)
        return {"rows": done}

    runtime.jobs.register(RECOMPUTE, run_recompute, max_attempts=5, lease=300)
    runtime.jobs.register(REFRESH, run_refresh, max_attempts=5, lease=300)
    runtime.store.listeners.append(_on_publish(runtime))
