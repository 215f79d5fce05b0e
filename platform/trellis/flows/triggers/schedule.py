"""Schedule (定时): a cron text of five fields (minute hour day month weekday) read on the
wall clock of the instance's zone (Asia/Shanghai by default); `trading_days_only` skips
the fires that fall on a day the exchanges are closed (weekends, Chinese public
holidays, make-up Saturdays). When the flow names a form, each fire starts one run per
record where `condition` holds (JsonLogic compiled to SQL through the guarded query as
the system; at most `limit` records, ≤ 10,000); otherwise one run without a record.

Publishing queues the next fire as a `flows.trigger` job keyed by (flow, version, fire
time); the job starts the fire's runs and queues the following fire (after the later of
the fire and now: a stopped server does not replay every missed fire)."""
from __future__ import annotations

from datetime import datetime, time, timedelta

from ..calendar import is_trading_day, to_local, to_wall
from ..trigger_type import TriggerType
from ..trigger_support import TRIGGER_JOB, holding, job_key, records_by_id, rule_problems

MAX_LIMIT = 10_000
LOOK_AHEAD = 800  # days looked at for the next fire on a trading day


class ScheduleTrigger(TriggerType):
    key = "schedule"
    label = {"zh": "定时", "en": "On a schedule"}
    needs_form = False
    config_schema = {
        "type": "object",
        "required": ["cron"],
        "additionalProperties": False,
        "properties": {
            "cron": {"type": "string", "minLength": 9, "maxLength": 100,
                     "description": "minute hour day-of-month month day-of-week, in the instance's zone"},
            "trading_days_only": {"type": "boolean", "default": False},
            "condition": {"type": "object", "maxProperties": 1,
                          "description": "JsonLogic over the flow form's records: one run per record where it holds"},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 1000},
        },
    }

    def problems(self, trigger: dict) -> list[tuple[str, str, str, str]]:
        text = trigger.get("cron")
        if not valid_cron(text):
            return [("/cron", "invalid_cron", f"定时表达式“{text}”无效,应为 5 段:分 时 日 月 周",
                     f"the schedule “{text}” is not a cron text of 5 fields: minute hour day month weekday")]
        return rule_problems(trigger.get("condition"), "/condition")

    def fields_named(self, trigger: dict) -> list[str]:
        from .threshold import plain_fields

        return plain_fields(trigger.get("condition"))

    def arm(self, engine, flow, conn) -> None:
        rt = engine.runtime
        _enqueue_next(rt, flow, rt.clock.now(), conn)

    def due(self, engine, flow, args: dict) -> dict:
        rt = engine.runtime
        trigger = flow.body["trigger"]
        fire = datetime.fromisoformat(args["fire"])
        started = []
        with rt.transaction() as conn:
            if not trigger.get("trading_days_only") or is_trading_day(fire.date()):
                started = _start(engine, flow, conn, args["fire"])
            _enqueue_next(rt, flow, max(to_local(fire, rt.timezone), rt.clock.now()), conn)
        return {"started": len(started)}


def valid_cron(text) -> bool:
    from croniter import croniter

    return isinstance(text, str) and len(text.split()) == 5 and croniter.is_valid(text)


def next_fire(trigger: dict, after_local: datetime, zone: str) -> datetime | None:
    """The zone's wall time of the first fire after a server-local moment (None: none
    within LOOK_AHEAD days, as a cron of February 30th or of Saturdays on trading days)."""
    from croniter import croniter

    start = to_wall(after_local, zone)
    for _ in range(LOOK_AHEAD):
        try:
            wall = croniter(trigger["cron"], start).get_next(datetime)
        except Exception:  # croniter gives up on a date that never comes
            return None
        if not trigger.get("trading_days_only") or is_trading_day(wall.date()):
            return wall
        start = datetime.combine(wall.date() + timedelta(days=1), time(0)) - timedelta(seconds=1)  # the next day
    return None


def _enqueue_next(rt, flow, after_local: datetime, conn) -> None:
    wall = next_fire(flow.body["trigger"], after_local, rt.timezone)
    if wall is None:
        return
    fire = wall.isoformat(timespec="minutes")
    args = {"app": flow.app, "flow": flow.key, "version": flow.version, "fire": fire}
    rt.jobs.enqueue(TRIGGER_JOB, args, run_at=to_local(wall, rt.timezone), key=job_key(flow, "at", fire),
                    app=flow.app, conn=conn)


def _start(engine, flow, conn, fire: str) -> list[int]:
    info = {"type": "schedule", "fire": fire}
    if not flow.body.get("form"):
        run_id = engine.start(conn, flow, event=f"schedule:{fire}", info=info)
        return [run_id] if run_id is not None else []
    rt = engine.runtime
    trigger = flow.body["trigger"]
    form, query = holding(rt, flow, trigger.get("condition"))
    t = form.table
    limit = min(int(trigger.get("limit") or 1000), MAX_LIMIT)
    ids = list(conn.execute(query.statement(t.c.id).order_by(t.c.id).limit(limit)).scalars())
    out = []
    for i in range(0, len(ids), 500):
        for rec in records_by_id(rt, flow.app, flow.body["form"], conn, ids[i:i + 500]):
            run_id = engine.start(conn, flow, event=f"schedule:{fire}:{rec['id']}", record=rec, info=info)
            if run_id is not None:
                out.append(run_id)
    return out

