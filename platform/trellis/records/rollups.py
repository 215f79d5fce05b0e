"""Keeping rollup fields (forms/types/rollup.py) exact.

A rollup's value is one correlated aggregate over the live rows of its source form:

    UPDATE parent SET f = (SELECT agg FROM source WHERE source.rel = parent.id
                           AND source.deleted_at IS NULL AND <filter> AND <window>)
    WHERE parent.id IN (...)

built through the guarded query's system view of the source (soft delete applied there),
so the relation column's index serves each parent. The rollups of one parent form whose
parents are the same are set in one UPDATE per batch of ids. The statement writes the
column only: the parent's `version`, `updated_at` and audit log are untouched (a
recompute is not an edit: nobody editing the parent meets a version conflict because a
child changed) and no lifecycle event fires for it.

Values: count / count_distinct and sum over no rows (or no values) are 0; avg, min, max
and latest are null. `latest` is the value of the row with the greatest window field (ties: the
greatest id); without a window, of the row with the greatest id (the last created).
A window of N days holds the rows whose date is within today − (N − 1) .. today, both
ends inclusive (a date-time: from that day's 00:00 to the end of today), "today" being
the runtime's clock in the instance's zone. Sums round to the source's digits and
averages to 4 more (RollupType.scale), as NUMERIC, the same on SQLite and PostgreSQL.

`maintain(ctx)` is the lifecycle handler (after_insert / after_update / after_delete /
after_restore of any form): it finds the parents whose rollups the written rows can
change (old and new parent of a moved row) and recomputes exactly those, in the write's
transaction; a parent form's new rows get their values too, and a rollup over another
rollup follows (a few levels, see MAX_DEPTH).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import sqlalchemy as sa

from ..logic.moment import wall_now, zone_info
from ..storage.binding import chunks
from .guarded import GuardedQuery
from .rollup_delta import apply_deltas, changes, deltable

BATCH = 500       # parents per UPDATE
MAX_DEPTH = 4     # rollups over rollups followed this many levels in one write
REFRESH = "rollups.refresh"
REFRESH_AT = time(0, 5)  # windows move shortly after midnight in the instance's zone


@dataclass(frozen=True)
class Rollup:
    """One rollup field: the form holding it, the field, the form it aggregates."""

    parent: object
    field: object
    source: object

    @property
    def relation(self) -> str:
        return self.field.source_relation


def _build(runtime, app: str) -> list[Rollup]:
    forms = {f.id: f for f in runtime.forms_of(app)}
    out = []
    for parent in forms.values():
        for t in parent.active:
            if t.key == "rollup" and t.source_form in forms and t.source_form != parent.id:
                source = forms[t.source_form]
                if all(source.field(name) is not None for name in t.reads()):  # else kept as it was
                    out.append(Rollup(parent, t, source))
    return out


def rollups_of(runtime, app: str) -> list[Rollup]:
    """Every rollup field of the app's published forms (cached until a publish)."""
    published = getattr(runtime, "published", None)
    if published is None:
        return _build(runtime, app)
    return published.derived(("rollups", app), lambda: _build(runtime, app))


def today() -> date:
    """"Today" of the rule language's context (wrap calls in `runtime.logic_time()`)."""
    return wall_now().date()


# -- windows move with time -------------------------------------------------------------
def next_refresh(runtime) -> tuple[datetime, str]:
    """(when, the zone's date it runs on): the next 00:05 of the instance's zone, as the
    clock's naive server-local time."""
    with runtime.logic_time():
        day = today() + timedelta(days=1)
    at = datetime.combine(day, REFRESH_AT, tzinfo=zone_info(runtime.timezone)).astimezone().replace(tzinfo=None)
    return at, day.isoformat()


def schedule_refresh(runtime, app: str, conn=None) -> None:
    """Enqueue the app's next window refresh (a no-op when that day's job exists)."""
    at, day = next_refresh(runtime)
    runtime.jobs.enqueue(REFRESH, {"app": app}, run_at=at, key=f"{REFRESH}:{app}:{day}", app=app, conn=conn)


def windows_open(conn, runtime, app: str) -> bool:
    """Can a windowed rollup of the app still change as days pass: is there a live
    source row whose window date is today's window start or later? (When every row has
    aged out, the daily refresh stops; the next write into a window schedules it again.)"""
    with runtime.logic_time():
        on = today()
    for r in rollups_of(runtime, app):
        t = r.field
        if not t.window:
            continue
        col = r.source.table.c[t.window["field"]]
        first = on - timedelta(days=int(t.window["days"]) - 1)
        bound = datetime.combine(first, time()) if r.source.field(t.window["field"]).sql_kind == "datetime" else first
        query = GuardedQuery.system(runtime, r.source).filter_sql(col >= bound)
        if conn.execute(query.statement(r.source.table.c.id, limit=1)).first() is not None:
            return True
    return False


# -- the aggregate ------------------------------------------------------------------
def value_expression(runtime, r: Rollup, on: date):
    """The rollup's value for the row of `r.parent.table` the UPDATE is at (correlated)."""
    t, src, parent = r.field, r.source.table, r.parent.table
    conds = [src.c[r.relation] == parent.c.id]
    if t.window:
        wcol = src.c[t.window["field"]]
        first = on - timedelta(days=int(t.window["days"]) - 1)
        if r.source.field(t.window["field"]).sql_kind == "datetime":
            conds += [wcol >= datetime.combine(first, time()), wcol < datetime.combine(on + timedelta(days=1), time())]
        else:
            conds += [wcol >= first, wcol <= on]
    query = GuardedQuery.system(runtime, r.source).filter_sql(*conds)
    if t.filter not in (None, True, {}):
        query = query.where(t.filter)
    col = src.c[t.value_field] if t.value_field else None
    agg = t.aggregate
    if agg == "latest":
        order = ([src.c[t.window["field"]].desc()] if t.window else []) + [src.c.id.desc()]
        return query.statement(col).order_by(*order).limit(1).scalar_subquery()
    if agg == "count":
        expr = sa.func.count(col) if col is not None else sa.func.count()
    elif agg == "count_distinct":
        expr = sa.func.count(sa.distinct(col))
    elif agg in ("sum", "avg"):
        expr = getattr(sa.func, agg)(col)
        if agg == "avg" or t.scale:  # as NUMERIC: PostgreSQL rounds no double precision to digits
            expr = sa.func.round(sa.cast(expr, sa.Numeric(40, 14)), t.scale)
        if agg == "sum":
            expr = sa.func.coalesce(expr, 0)
    else:
        expr = getattr(sa.func, agg)(col)
    return query.statement(expr).scalar_subquery()


def recompute(conn, runtime, parent, fields: list, ids=None, progress=None) -> int:
    """Set rollup `fields` (RollupType instances of form `parent`) of the rows `ids` (all
    rows when None, in batches of BATCH ids), in `conn`'s transaction. `progress(done,
    total)` is called after each batch. Returns the number of rows set."""
    if not fields:
        return 0
    app = parent.app
    by_id = {r.field.id: r for r in rollups_of(runtime, app) if r.parent.id == parent.id}
    table = parent.table
    with runtime.logic_time():
        on = today()
        values = {t.id: value_expression(runtime, by_id[t.id], on) for t in fields if t.id in by_id}
    if not values:
        return 0
    stmt = table.update().values(values)
    done = 0
    if ids is not None:
        ids = sorted(set(ids))
        for part in chunks(ids, BATCH):
            if conn.dialect.name == "postgresql":  # wait for concurrent writers of these parents, then
                # aggregate in a snapshot that sees what they committed (READ COMMITTED, per statement)
                conn.execute(sa.select(table.c.id).where(table.c.id.in_(part)).order_by(table.c.id).with_for_update())
            conn.execute(stmt.where(table.c.id.in_(part)))
            done += len(part)
            if progress:
                progress(done, len(ids))
        return done
    total = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar() or 0
    last = 0
    while True:
        page = conn.execute(sa.select(table.c.id).where(table.c.id > last).order_by(table.c.id).limit(BATCH)).scalars().all()
        if not page:
            break
        conn.execute(stmt.where(table.c.id >= page[0], table.c.id <= page[-1]))
        last = page[-1]
        done += len(page)
        if progress:
            progress(done, total)
    return done


# -- which parents a write touches ----------------------------------------------------
def _changed(r: Rollup, old: dict, new: dict) -> bool:
    return any(old.get(name) != new.get(name) for name in r.field.reads())


def affected(rollups: list[Rollup], ctx) -> dict:
    """{(parent form id, rollup field id): set of parent ids} a write of ctx.form changes."""
    out: dict = {}
    event = ctx.event
    for r in rollups:
        rel = r.relation
        ids = set()
        if event == "after_update":
            for old, new in zip(ctx.old, ctx.records):
                if old is None or _changed(r, old, new):
                    ids.add(new.get(rel))
                    if old is not None:
                        ids.add(old.get(rel))
        else:
            rows = ctx.old if event == "after_delete" else ctx.records
            ids = {row.get(rel) for row in rows}
        ids.discard(None)
        if ids:
            out.setdefault((r.parent.id, r.field.id), set()).update(ids)
    return out


def apply(conn, runtime, app: str, touched: dict, changed: dict | None = None, depth: int = 0) -> None:
    """Recompute the touched rollups: one UPDATE per parent form per set of ids; then the
    rollups over what changed (a rollup whose source is a parent form just set).
    `changed` {parent form id: (field ids, parent ids)} adds values already moved."""
    every = rollups_of(runtime, app)
    forms = {r.parent.id: r.parent for r in every}
    groups: dict = {}
    for (form_id, field_id), ids in touched.items():
        groups.setdefault((form_id, frozenset(ids)), []).append(field_id)
    changed = dict(changed or {})
    for (form_id, ids), field_ids in groups.items():
        parent = forms[form_id]
        recompute(conn, runtime, parent, [parent.field(f) for f in field_ids], list(ids))
        changed.setdefault(form_id, (set(), set()))
        changed[form_id][0].update(field_ids)
        changed[form_id][1].update(ids)
    if depth >= MAX_DEPTH:
        return
    further: dict = {}
    for form_id, (field_ids, ids) in changed.items():
        for r in every:
            if r.source.id != form_id or not (r.field.reads() & field_ids):
                continue
            col = r.source.table.c[r.relation]
            found = set()
            for part in chunks(sorted(ids)):
                found.update(conn.execute(sa.select(col).where(r.source.table.c.id.in_(part), col.is_not(None))
                                          .distinct()).scalars())
            if found:
                further.setdefault((r.parent.id, r.field.id), set()).update(found)
    if further:
        apply(conn, runtime, app, further, None, depth + 1)


def maintain(ctx) -> None:
    """The lifecycle handler: move or recompute the rollups the batch's rows change."""
    form = ctx.form
    every = rollups_of(ctx.runtime, form.app)
    if not every:
        return
    mine = [r for r in every if r.source.id == form.id]
    changed: dict = {}
    if ctx.event == "after_insert" and mine:  # inserts only: counts, sums, min and max move by delta
        on = today()
        by_form: dict = {}
        for r in mine:
            if deltable(r):
                by_form.setdefault(r.parent.id, {})[r] = changes(r, ctx.records, on)
        for form_id, found in by_form.items():
            ids = apply_deltas(ctx.conn, next(iter(found)).parent, found)
            if ids:
                changed[form_id] = ({r.field.id for r in found}, ids)
        mine = [r for r in mine if not deltable(r)]
    touched = affected(mine, ctx)
    if ctx.event == "after_insert":  # new parents start with their values (0 for counts and sums)
        ids = {row.get("id") for row in ctx.records} - {None}
        for r in every:
            if r.parent.id == form.id:
                touched.setdefault((form.id, r.field.id), set()).update(ids)
    if touched or changed:
        apply(ctx.conn, ctx.runtime, form.app, touched, changed)
        windowed = {fid for fids, _ids in changed.values() for fid in fids} | {fid for _f, fid in touched}
        if any(r.field.windowed and r.field.id in windowed for r in every):
            schedule_refresh(ctx.runtime, form.app, ctx.conn)  # rows entered a window: it moves from tomorrow
