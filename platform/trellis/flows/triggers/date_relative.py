"""Relative to a date (日期前后): a run starts `offset` (minutes, hours, days, working days
or trading days; negative: before) from a date or date-time field of each record of the
flow's form: three trading days before a contract's expiry, a day after an account was
opened. A date field's moment is `at` (HH:MM, default 09:00) on the wall clock of the
instance's zone; a date-time field's is its value.

Nothing starts at write time: a write (or the publish, for the records there already)
queues one `flows.trigger` job at the due moment, keyed by (flow, version, record, field
value). When it comes due the record is read again and the run starts only if the field
still holds that value: a moved date leaves the old job with nothing to do and queued a
new one for the new value. Moments already past when the value is written are skipped
(an import of old contracts starts nothing)."""
from __future__ import annotations

from datetime import date, datetime, time

from ..calendar import UNITS, shift, to_local
from ..trigger_type import TriggerType
from ..trigger_support import TRIGGER_JOB, job_key, records_by_id
from ...jobs.outbox import enqueue, enqueue_many
from ...kernel.errors import NotFound
from ...logic.moment import current_zone

ARM_BATCH = 2000


class DateRelativeTrigger(TriggerType):
    key = "date_relative"
    label = {"zh": "日期前后", "en": "Before or after a date"}
    events = ("insert", "update")
    config_schema = {
        "type": "object",
        "required": ["field", "offset"],
        "additionalProperties": False,
        "properties": {
            "field": {"type": "string", "pattern": "^[a-z][a-z0-9_]{0,40}$"},
            "offset": {"type": "object", "required": ["amount", "unit"], "additionalProperties": False,
                       "properties": {"amount": {"type": "integer", "minimum": -3650, "maximum": 3650},
                                      "unit": {"enum": list(UNITS)}}},
            "at": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "default": "09:00"},
        },
    }

    def fields_named(self, trigger: dict) -> list[str]:
        return [trigger["field"]] if isinstance(trigger.get("field"), str) else []

    # -- writes: queue the job of the new value --------------------------------------------
    def firing(self, flow, event: str, pairs: list[tuple], conn, now) -> list[int]:
        trigger = flow.body["trigger"]
        name = trigger["field"]
        jobs, zone = [], current_zone().key  # the engine set the runtime's zone
        for old, new in pairs:
            if new is None or new.get(name) in (None, "") or (old or {}).get(name) == new.get(name):
                continue
            job = _job(flow, new["id"], new[name], now, zone)
            if job is not None:
                jobs.append(job)
        if len(jobs) == 1:
            enqueue(conn, TRIGGER_JOB, jobs[0][0], jobs[0][1], jobs[0][2], app=flow.app)
        elif jobs:
            enqueue_many(conn, TRIGGER_JOB, jobs, app=flow.app)
        return []

    # -- publish: the records there already ------------------------------------------------
    def arm(self, engine, flow, conn) -> None:
        from ...records.guarded import GuardedQuery

        rt = engine.runtime
        name = flow.body["trigger"]["field"]
        form = rt.form(flow.app, flow.body["form"])
        t, kind = form.table, form.field(name)
        if kind is None or name not in t.c:  # not a stored field (publish names the unknown ones)
            return
        live = GuardedQuery.system(rt, form).filter_sql(t.c[name].is_not(None))
        now, last = rt.clock.now(), 0
        while True:
            stmt = live.filter_sql(t.c.id > last).statement(t.c.id, t.c[name]).order_by(t.c.id).limit(ARM_BATCH)
            rows = conn.execute(stmt).all()
            if not rows:
                return
            last = rows[-1][0]
            jobs = [_job(flow, rid, kind.from_db(v), now, rt.timezone) for rid, v in rows]
            enqueue_many(conn, TRIGGER_JOB, [j for j in jobs if j is not None], app=flow.app)

    # -- the job -----------------------------------------------------------------------------
    def due(self, engine, flow, args: dict) -> dict:
        rt = engine.runtime
        name = flow.body["trigger"]["field"]
        with rt.transaction() as conn:
            try:
                found = records_by_id(rt, flow.app, flow.body["form"], conn, [int(args["record"])])
            except NotFound:
                found = []
            if not found or _text(found[0].get(name)) != args.get("value"):
                return {"stale": True}
            rec = found[0]
            run_id = engine.start(conn, flow, event=f"date:{rec['id']}:{args['value']}", record=rec,
                                  info={"type": "date_relative", "field": name, "value": args["value"],
                                        "due": args.get("due")})
        return {"run": run_id}


def due_at(trigger: dict, value, zone: str) -> datetime | None:
    """The server-local moment the trigger comes due for a field value (None: not a date)."""
    text = _text(value)
    try:
        if len(text) == 10:
            hh, mm = (int(x) for x in (trigger.get("at") or "09:00").split(":"))
            base = to_local(datetime.combine(date.fromisoformat(text), time(hh, mm)), zone)
        else:
            base = datetime.fromisoformat(text)
            if base.tzinfo is not None:
                base = base.astimezone().replace(tzinfo=None)
    except (TypeError, ValueError):
        return None
    offset = trigger["offset"]
    return shift(base, int(offset["amount"]), offset["unit"], zone)


def _text(value) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value if isinstance(value, str) else ""


def _job(flow, record_id, value, now, zone: str):
    """(args, run_at, key) of the job for a record's field value, None when past or no date."""
    at = due_at(flow.body["trigger"], value, zone)
    if at is None or at < now:
        return None
    text = _text(value)
    args = {"app": flow.app, "flow": flow.key, "version": flow.version, "record": record_id, "value": text,
            "due": at.isoformat()}
    return args, at, job_key(flow, record_id, text)

