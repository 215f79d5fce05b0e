"""What the time-based and condition triggers share (flows/triggers/): the keys of their
`flows.trigger` jobs (at most 200 characters, as the job table takes), the save-time check
of a JsonLogic condition in a trigger, records read by id as the system, and the query
of a form's live rows where a condition holds (the guarded query as the system, so the
condition compiles to SQL with the form's computed fields and the runtime's `today`)."""
from __future__ import annotations

import hashlib

from ..kernel.actor import SYSTEM
from ..logic import LogicError
from ..logic.limits import check_rule_size

TRIGGER_JOB = "flows.trigger"
KEY_MAX = 200


def job_key(flow, *parts) -> str:
    """The idempotency key of a trigger job of `flow`'s version (a long one is hashed)."""
    key = ":".join(str(p) for p in (TRIGGER_JOB, flow.app, flow.key, flow.version, *parts))
    if len(key) <= KEY_MAX:
        return key
    return key[:KEY_MAX - 41] + ":" + hashlib.sha1(key.encode()).hexdigest()


def rule_problems(rule, suffix: str) -> list[tuple[str, str, str, str]]:
    """A condition past the rule language's size limits, at the trigger's `suffix`."""
    if rule is None:
        return []
    try:
        check_rule_size(rule)
    except LogicError as e:
        return [(suffix, e.code, e.message["zh"], e.message["en"])]
    return []


def records_by_id(runtime, app: str, form: str, conn, ids: list) -> list[dict]:
    """The live records of `ids` (every field, in order; a deleted one is left out)."""
    from ..records import reading

    service = runtime.records(app, form, SYSTEM)
    return reading.fetch(conn, service, list(ids), every_field=True)


def holding(runtime, flow, rule):
    """The guarded query (as the system) of the flow form's live rows where `rule` holds."""
    from ..records.guarded import GuardedQuery

    form = runtime.form(flow.app, flow.body["form"])
    return form, GuardedQuery.system(runtime, form).where(rule)
