"""What of the time a read's SQL folds in, so a statement built for one moment is kept for
as long as that moment lasts (the guarded query's `by_ids`): the compilers turn `now` /
`today` into literals when they compile (logic/moment.py), to the second."""
from __future__ import annotations

from ..logic.moment import current_zone, wall_now


def clock_unit(form, access, action: str, recycled: bool, fields) -> str | None:
    """"day" when the selected fields read only TODAY(), "second" when a field reads NOW()
    (or is computed in a way that is not a formula) or the row scope reads the clock, None
    when nothing does."""
    if access.scope_reads_clock(action) or (recycled and access.scope_reads_clock("delete")):
        return "second"
    unit = None
    for name in fields:
        t = form.fields[name]
        if t.virtual:
            unit = (form.computed.clock_unit(name) if t.key == "formula" else "second") or unit
            if unit == "second":
                break
    return unit


def moment(unit: str) -> tuple:
    """The moment of the current logic clock at that resolution: (zone, date or wall time)."""
    now = wall_now()
    return current_zone().key, now.date() if unit == "day" else now
