"""The working calendar: `GET /api/v1/calendar/days?year=2027` (any signed-in user: every
day of the year, working or not, trading or not, and where the answer comes from: an
administrator's `override`, the `package` chinese-calendar, or plain `weekday`s for a year
the package does not know, `known: false`); `PUT /api/v1/calendar/days/<day>` {working,
trading, note} and `DELETE` (back to the package's answer), system administrators only,
each audited. SLA times of human steps count on these days (flows/working_time.py)."""
from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, jsonify, request

from ..flows import calendar_days
from ..flows.working_time import DEFAULT_HOURS, HOURS_ENV, configured_hours
from ..kernel.errors import BadRequest, Forbidden
from ..kernel.timestamps import stamp
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_calendar", __name__, url_prefix="/api/v1/calendar")
YEARS = (2000, 2100)
NOTE_CHARS = 200
KEYS = ("working", "trading", "note")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bad(field: str, zh: str, en: str) -> BadRequest:
    return BadRequest(f"{field} {zh}", f"{field} {en}", code="malformed", details={"field": field})


def _year_of(value: int, field: str) -> None:
    if not YEARS[0] <= value <= YEARS[1]:
        raise _bad(field, f"的年份必须在 {YEARS[0]} 到 {YEARS[1]} 之间", f"must be a year from {YEARS[0]} to {YEARS[1]}")


def _day(text: str) -> date:
    try:
        if not _DAY.match(text):
            raise ValueError
        d = date.fromisoformat(text)
    except ValueError:
        raise _bad("day", "必须是有效日期,如 2027-01-04", "must be a real date like 2027-01-04") from None
    _year_of(d.year, "day")
    return d


def _admin():
    who = actor()
    if not who.is_admin:
        raise Forbidden("只有系统管理员可以修改工作日历", "only system administrators change the working calendar")
    return who


def _hours_text() -> str:
    return ",".join(f"{a // 60:02d}:{a % 60:02d}-{b // 60:02d}:{b % 60:02d}" for a, b in configured_hours())


def _audit_form(row: dict | None) -> dict | None:
    if row is None:
        return None
    return {"working": bool(row["working"]), "trading": bool(row["trading"]), "note": row["note"]}


def _out(conn, d: date) -> dict:
    row = calendar_days.override_row(conn, d)
    out = calendar_days.day_json(d, row)
    if row is not None:
        out["updated_at"] = stamp(row["updated_at"])
    return out


@bp.get("/days")
@login_required
def days():
    raw = request.args.get("year")
    rt = runtime()
    if raw in (None, ""):
        year = rt.clock.now().year
    else:
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
            raise BadRequest("参数 year 必须是年份,如 2027", "parameter year must be a year like 2027",
                             code="malformed", details={"param": "year"})
        year = int(raw)
        if not YEARS[0] <= year <= YEARS[1]:
            raise BadRequest(f"参数 year 必须在 {YEARS[0]} 到 {YEARS[1]} 之间",
                             f"parameter year must be from {YEARS[0]} to {YEARS[1]}",
                             code="malformed", details={"param": "year"})
    with rt.engine.connect() as conn:
        listed = calendar_days.year_days(conn, year)
    return jsonify({"year": year, "known": calendar_days.package_knows(year), "days": listed,
                    "working_hours": _hours_text(), "default_working_hours": DEFAULT_HOURS,
                    "working_hours_setting": HOURS_ENV})


def _body(d: date) -> tuple[bool, bool, str | None]:
    body = body_json(request)
    if not isinstance(body, dict):
        raise BadRequest("请求体必须是 JSON 对象 {working, trading, note}",
                         "the body must be a JSON object {working, trading, note}", code="malformed")
    unknown = [k for k in body if k not in KEYS]
    if unknown:
        raise _bad(str(unknown[0])[:40], "不是可设置的项(只有 working、trading、note)",
                   "is not a setting (only working, trading, note)")
    working = body.get("working")
    if type(working) is not bool:
        raise _bad("working", "必须是 true 或 false(是否工作日)", "must be true or false (a working day or not)")
    trading = body.get("trading", working and d.weekday() < 5)
    if type(trading) is not bool:
        raise _bad("trading", "必须是 true 或 false(是否交易日)", "must be true or false (a trading day or not)")
    if trading and not working:
        raise _bad("trading", "只能在工作日为 true(非工作日不是交易日)",
                   "can be true only on a working day (a day off is not a trading day)")
    note = body.get("note")
    if note is not None and type(note) is not str:
        raise _bad("note", "必须是文本或 null", "must be text or null")
    note = (note or "").strip() or None
    if note is not None and any(ord(c) < 32 for c in note):
        raise _bad("note", "不能包含控制字符(如换行)", "cannot hold control characters (line breaks and the like)")
    if note is not None and len(note) > NOTE_CHARS:
        raise _bad("note", f"过长(最多 {NOTE_CHARS} 个字符)", f"is too long (at most {NOTE_CHARS} characters)")
    return working, trading, note


@bp.put("/days/<day>")
@login_required
def put_day(day):
    who = _admin()
    d = _day(day)
    working, trading, note = _body(d)
    rt = runtime()
    with rt.transaction() as conn:
        before = calendar_days.override_row(conn, d)
        row = calendar_days.save(rt, conn, d, working, trading, note, who.id, rt.clock.now().replace(microsecond=0))
        rt.record_event("calendar.save", target=d.isoformat(), before=_audit_form(before), after=_audit_form(row),
                        note=note, actor=who, conn=conn)
        out = _out(conn, d)
    return jsonify(out)


@bp.delete("/days/<day>")
@login_required
def delete_day(day):
    who = _admin()
    d = _day(day)
    rt = runtime()
    with rt.transaction() as conn:
        before = calendar_days.override_row(conn, d)
        if calendar_days.delete(rt, conn, d):
            rt.record_event("calendar.reset", target=d.isoformat(), before=_audit_form(before), actor=who, conn=conn)
        out = _out(conn, d)
    return jsonify(out)
