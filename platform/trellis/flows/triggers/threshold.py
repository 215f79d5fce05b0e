"""Threshold (达到阈值时): `condition` (JsonLogic over the record) became true for a record
of the flow's form. It fires once per crossing: the record is marked
(trellis_flow_marks) when it fires, and the mark is removed, re-arming it, when the
condition is false again; margin usage crossing 80% starts one run, not one per update
above 80%. Any write counts (the UI, the API, an import, another flow: all go through
the record service's lifecycle), one query per write batch for the marks.

A scan compiles the condition to SQL (the guarded query as the system) and, in the
database, starts runs for the rows where it holds that have no mark (at most SCAN_BATCH
per pass; a continuation is queued at once when more are left) and unmarks the marked
rows where it no longer holds. Publishing arms the first scan at once, so records already
past the threshold fire then. When `scan_every` is set, or the condition's value can change
without a write (it reads `today` / `now`, a rollup, a lookup, or a formula over those), a
scan runs again every `scan_every` minutes (default 60; a condition on days, as days since
the last trade, needs 1440); otherwise writes alone move it and the first scan is the only
one."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from ..trigger_type import TriggerType
from ..trigger_support import TRIGGER_JOB, holding, job_key, records_by_id, rule_problems
from .. import runs
from ...logic import evaluate, truthy
from ...storage.models import flow_mark as M

SCAN_BATCH = 5000


class ThresholdTrigger(TriggerType):
    key = "threshold"
    label = {"zh": "达到阈值时", "en": "When a threshold is crossed"}
    events = ("insert", "update")
    config_schema = {
        "type": "object",
        "required": ["condition"],
        "additionalProperties": False,
        "properties": {
            "condition": {"type": "object", "minProperties": 1, "maxProperties": 1,
                          "description": "JsonLogic over the record: the threshold is crossed when it turns true"},
            "scan_every": {"type": "integer", "minimum": 5, "maximum": 10080, "default": 60,
                           "description": "minutes between scans for values that change without a write"},
        },
    }

    def fields_named(self, trigger: dict) -> list[str]:
        return plain_fields(trigger.get("condition"))

    def problems(self, trigger: dict) -> list[tuple[str, str, str, str]]:
        return rule_problems(trigger.get("condition"), "/condition")

    # -- writes ----------------------------------------------------------------------------
    def firing(self, flow, event: str, pairs: list[tuple], conn, now) -> list[int]:
        rule = flow.body["trigger"]["condition"]
        holds: dict[int, bool] = {}
        for i, (_old, new) in enumerate(pairs):  # the engine set the runtime's clock and zone
            if new is not None and new.get("id") is not None:
                holds[i] = truthy(evaluate(rule, new))
        if not holds:
            return []
        ids = {i: pairs[i][1]["id"] for i in holds}
        have = runs.marked(conn, flow.app, flow.key, list(ids.values()))
        fire = [i for i, yes in holds.items() if yes and ids[i] not in have]
        runs.mark(conn, flow.app, flow.key, sorted({ids[i] for i in fire}), now)
        runs.unmark(conn, flow.app, flow.key, sorted({ids[i] for i, yes in holds.items() if not yes and ids[i] in have}))
        return fire

    def event_info(self, trigger: dict, event: str, old: dict | None, new: dict | None) -> dict:
        return {"type": "threshold", "by": event}

    # -- scans -----------------------------------------------------------------------------
    def arm(self, engine, flow, conn) -> None:
        now = engine.runtime.clock.now()
        engine.runtime.jobs.enqueue(TRIGGER_JOB, _args(flow, now), run_at=now, key=job_key(flow, "scan", _slot(now)),
                                    app=flow.app, conn=conn)

    def due(self, engine, flow, args: dict) -> dict:
        rt = engine.runtime
        trigger = flow.body["trigger"]
        slot = args.get("slot") or _slot(rt.clock.now())
        with rt.transaction() as conn:
            started, fresh, cleared = scan(engine, flow, conn, slot)
            now = rt.clock.now()
            if fresh >= SCAN_BATCH:  # more rows crossed than one pass takes: go on at once
                nxt, key = now, job_key(flow, "scan", slot, "more", args.get("part", 0) + 1)
                extra = {"slot": slot, "part": args.get("part", 0) + 1}
            elif "scan_every" in trigger or moves_alone(rt, flow):
                nxt = now + timedelta(minutes=int(trigger.get("scan_every") or 60))
                key, extra = job_key(flow, "scan", _slot(nxt)), {"slot": _slot(nxt)}
            else:
                return {"started": started, "crossed": fresh, "rearmed": cleared}
            rt.jobs.enqueue(TRIGGER_JOB, dict(_args(flow, nxt), **extra), run_at=nxt, key=key, app=flow.app,
                            conn=conn)
        return {"started": started, "crossed": fresh, "rearmed": cleared}


_SYSTEM = {"id", "version", "created_at", "created_by", "updated_at", "updated_by"}


def moves_alone(rt, flow) -> bool:
    """Can the condition's value for a record change without a write of that record?"""
    from ...logic.structure import reads_clock

    rule = flow.body["trigger"]["condition"]
    if reads_clock(rule):
        return True
    form = rt.form(flow.app, flow.body["form"])
    for name in plain_fields(rule):
        t = form.field(name)
        if t is None or not t.computed:
            continue
        if t.key != "formula" or form.computed.moves_alone(name):
            return True
    return False


def plain_fields(rule) -> list[str]:
    """The form's own fields a condition reads (not system fields, paths or $ variables)."""
    from ...logic import rule_vars

    return sorted(n for n in rule_vars(rule or {}) if "." not in n and not n.startswith("$") and n not in _SYSTEM)


def _slot(at) -> str:
    return at.replace(microsecond=0).isoformat()


def _args(flow, at) -> dict:
    return {"app": flow.app, "flow": flow.key, "version": flow.version, "slot": _slot(at)}


def scan(engine, flow, conn, slot: str) -> tuple[int, int, int]:
    """One pass: (runs started, rows newly past the threshold, marks removed)."""
    rt = engine.runtime
    form, query = holding(rt, flow, flow.body["trigger"]["condition"])
    t = form.table
    marked = sa.exists().where(M.c.app == flow.app, M.c.flow == flow.key, M.c.record_id == t.c.id)
    stmt = query.filter_sql(~marked).statement(t.c.id).order_by(t.c.id).limit(SCAN_BATCH)
    fresh = list(conn.execute(stmt).scalars())
    still = query.filter_sql(t.c.id == M.c.record_id).statement(sa.literal(1)).correlate(M)
    cleared = conn.execute(M.delete().where(M.c.app == flow.app, M.c.flow == flow.key,
                                            ~sa.exists(still))).rowcount
    if not fresh:
        return 0, 0, cleared
    now = rt.clock.now()
    runs.mark(conn, flow.app, flow.key, fresh, now)
    started = 0
    for rec in records_by_id(rt, flow.app, flow.body["form"], conn, fresh):
        run_id = engine.start(conn, flow, event=f"threshold:{rec['id']}:{slot}", record=rec,
                              info={"type": "threshold", "by": "scan"})
        started += run_id is not None
    return started, len(fresh), cleared
