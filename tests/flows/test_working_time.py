"""Working time of SLAs (flows/working_time.py) on both databases: working hours around the
lunch break and the 2026 National Day holiday (chinese-calendar: 1-7 October off, Sunday
20 September and Saturday 10 October make-up working days), make-up Saturdays that are not
trading days, starts outside working hours, reminders before the due time, the time left,
and the administrators' overrides (flows/calendar_days.py) changing the answers."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from trellis.flows import calendar, calendar_days
from trellis.flows.working_time import UNITS, WorkingTime, parse_hours

ZONE = "Asia/Shanghai"


def at(y, mo, d, h=0, mi=0) -> datetime:
    """A Shanghai wall-clock time as the server-local naive time the runtime keeps."""
    return calendar.to_local(datetime(y, mo, d, h, mi), ZONE)


def wall(local: datetime) -> datetime:
    return calendar.to_wall(local, ZONE)


@pytest.fixture
def wt(runtime):
    calendar_days.forget(runtime)
    return WorkingTime(runtime)


def _override(runtime, d: date, working: bool, trading: bool, note="test"):
    with runtime.transaction() as conn:
        calendar_days.save(runtime, conn, d, working, trading, note, None, datetime(2026, 12, 1))


def test_eight_working_hours_from_the_afternoon_before_national_day(wt):
    for d in range(1, 8):
        assert not wt.is_working_day(date(2026, 10, d)), f"2026-10-0{d} is a day off"
    assert wt.is_working_day(date(2026, 10, 8))
    # 15:00-18:00 on 30 September, then 09:00-12:00 and 13:00-15:00 on Thursday 8 October
    due = wt.add(at(2026, 9, 30, 15), 8, "working_hours")
    assert wall(due) == datetime(2026, 10, 8, 15, 0)
    assert wall(wt.add(at(2026, 9, 30, 9), 8, "working_hours")) == datetime(2026, 9, 30, 18, 0)


def test_make_up_days_are_working_days_but_a_make_up_saturday_is_no_trading_day(wt):
    sat, sun = date(2026, 10, 10), date(2026, 9, 20)
    assert wt.is_working_day(sat) and not wt.is_trading_day(sat)
    assert wt.is_working_day(sun) and not wt.is_trading_day(sun)
    assert wt.is_trading_day(date(2026, 10, 9)) and not wt.is_trading_day(date(2026, 10, 11))
    start = at(2026, 10, 9, 10, 30)
    assert wall(wt.add(start, 1, "business_days")) == datetime(2026, 10, 10, 10, 30)
    assert wall(wt.add(start, 1, "trading_days")) == datetime(2026, 10, 12, 10, 30)
    assert wall(wt.add(at(2026, 10, 9, 17), 2, "working_hours")) == datetime(2026, 10, 10, 10, 0)
    assert wall(wt.add(at(2026, 9, 30, 10), 1, "trading_days")) == datetime(2026, 10, 8, 10, 0)
    assert wall(wt.add(at(2026, 10, 8, 10), -1, "trading_days")) == datetime(2026, 9, 30, 10, 0)


def test_the_lunch_break_does_not_count(wt):
    assert wall(wt.add(at(2026, 9, 29, 11), 2, "working_hours")) == datetime(2026, 9, 29, 14, 0)
    assert wall(wt.add(at(2026, 9, 29, 11, 30), 0.5, "working_hours")) == datetime(2026, 9, 29, 12, 0)
    assert wall(wt.add(at(2026, 9, 29, 14), -2, "working_hours")) == datetime(2026, 9, 29, 11, 0)
    assert wt.left(at(2026, 9, 29, 11), at(2026, 9, 29, 14)) == 120


def test_a_start_outside_working_hours_counts_from_the_next_working_moment(wt):
    assert wall(wt.add(at(2026, 9, 29, 7, 30), 1, "working_hours")) == datetime(2026, 9, 29, 10, 0)
    assert wall(wt.add(at(2026, 9, 29, 12, 30), 1, "working_hours")) == datetime(2026, 9, 29, 14, 0)
    assert wall(wt.add(at(2026, 9, 29, 19), 1, "working_hours")) == datetime(2026, 9, 30, 10, 0)
    assert wall(wt.add(at(2026, 10, 3, 10), 1, "working_hours")) == datetime(2026, 10, 8, 10, 0)
    assert wall(wt.add(at(2026, 10, 3, 10), 0, "working_hours")) == datetime(2026, 10, 3, 10, 0)


def test_negative_amounts_remind_before_the_due_time(wt):
    due = at(2026, 10, 8, 10)
    assert wall(wt.add(due, -2, "working_hours")) == datetime(2026, 9, 30, 17, 0)
    assert wall(wt.add(at(2026, 10, 8, 9), -1, "working_hours")) == datetime(2026, 9, 30, 17, 0)
    assert wall(wt.add(due, -1, "business_days")) == datetime(2026, 9, 30, 10, 0)
    start = at(2026, 9, 28, 9, 15)
    for n in (1, 3, 8, 17, 40):
        assert wt.add(wt.add(start, n, "working_hours"), -n, "working_hours") == start


def test_plain_units_and_unknown_ones(wt):
    start = at(2026, 10, 1, 10)
    assert wt.add(start, 90, "minutes") == at(2026, 10, 1, 11, 30)
    assert wt.add(start, 5, "hours") == at(2026, 10, 1, 15)
    assert wt.add(start, -2, "days") == at(2026, 9, 29, 10)
    assert set(UNITS) == {"working_hours", "business_days", "trading_days", "hours", "days", "minutes"}
    with pytest.raises(ValueError):
        wt.add(start, 1, "fortnights")


def test_time_left_is_negative_when_overdue(wt):
    now, due = at(2026, 9, 30, 15), at(2026, 10, 8, 15)
    assert wt.left(now, due) == 480
    assert wt.left(due, due) == 0
    assert wt.left(at(2026, 10, 8, 16, 30), due) == -90
    # overdue in the holiday: no working time has passed, still overdue
    assert wt.left(at(2026, 10, 3, 10), at(2026, 9, 30, 18)) == -1
    assert wt.left(at(2026, 10, 3, 10), at(2026, 10, 8, 9, 30)) == 30


def test_an_override_changes_the_days_and_add(runtime, wt):
    # 2027 is not in chinese-calendar yet: weekdays, until an administrator says otherwise
    assert calendar_days.package_day(date(2027, 1, 4)) == (True, True, "weekday")
    friday = at(2027, 1, 1, 17)
    assert wall(wt.add(friday, 2, "working_hours")) == datetime(2027, 1, 4, 10, 0)
    _override(runtime, date(2027, 1, 4), False, False, "元旦调休")
    _override(runtime, date(2027, 1, 9), True, False, "调休上班")
    assert not wt.is_working_day(date(2027, 1, 4)) and not wt.is_trading_day(date(2027, 1, 4))
    assert wall(wt.add(friday, 2, "working_hours")) == datetime(2027, 1, 5, 10, 0)
    assert wall(wt.add(at(2026, 12, 31, 17), 2, "working_hours")) == datetime(2027, 1, 1, 10, 0)
    _override(runtime, date(2027, 1, 1), False, False, "元旦")
    assert wall(wt.add(at(2026, 12, 31, 17), 2, "working_hours")) == datetime(2027, 1, 5, 10, 0)
    assert wt.is_working_day(date(2027, 1, 9)) and not wt.is_trading_day(date(2027, 1, 9))
    assert wall(wt.add(at(2027, 1, 8, 10), 1, "business_days")) == datetime(2027, 1, 9, 10, 0)
    assert wall(wt.add(at(2027, 1, 8, 10), 1, "trading_days")) == datetime(2027, 1, 11, 10, 0)
    assert wt.left(at(2026, 12, 31, 17), at(2027, 1, 5, 10)) == 120
    # flows/calendar.py's helpers follow the overrides when given the runtime, not without
    assert not calendar.is_business_day(date(2027, 1, 4), runtime)
    assert calendar.is_business_day(date(2027, 1, 4))
    assert calendar.shift(at(2026, 12, 31, 9), 1, "business_days", ZONE, runtime) == at(2027, 1, 5, 9)
    assert calendar.shift(at(2026, 12, 31, 9), 1, "business_days", ZONE) == at(2027, 1, 1, 9)
    assert calendar.is_trading_day(date(2027, 1, 9)) is False
    # dropped: the package's answer again
    with runtime.transaction() as conn:
        assert calendar_days.delete(runtime, conn, date(2027, 1, 4))
        assert not calendar_days.delete(runtime, conn, date(2027, 1, 4))
    assert wt.is_working_day(date(2027, 1, 4))


def test_an_override_beats_the_package_in_a_known_year(runtime, wt):
    assert not wt.is_working_day(date(2026, 10, 7))
    _override(runtime, date(2026, 10, 7), True, True, "公司上班")
    assert wt.is_working_day(date(2026, 10, 7)) and wt.is_trading_day(date(2026, 10, 7))
    assert wall(wt.add(at(2026, 9, 30, 15), 8, "working_hours")) == datetime(2026, 10, 7, 15, 0)
    with runtime.engine.connect() as conn:
        days = {d["day"]: d for d in calendar_days.year_days(conn, 2026)}
    assert len(days) == 365
    assert days["2026-10-07"]["source"] == "override" and days["2026-10-07"]["note"] == "公司上班"
    assert days["2026-10-06"]["source"] == "package" and days["2026-10-06"]["holiday"]["zh"] == "国庆节"


def test_working_hours_setting(runtime, monkeypatch):
    assert parse_hours("09:00-12:00,13:00-18:00") == ((540, 720), (780, 1080))
    for bad in ("9-12", "12:00-09:00", "09:00-12:00,11:00-13:00", "25:00-26:00", ""):
        with pytest.raises(ValueError):
            parse_hours(bad)
    monkeypatch.setenv("TRELLIS_WORKING_HOURS", "08:30-17:30")
    wt = WorkingTime(runtime)
    assert wall(wt.add(at(2026, 9, 29, 17), 1, "working_hours")) == datetime(2026, 9, 30, 9, 0)
    monkeypatch.setenv("TRELLIS_WORKING_HOURS", "nonsense")
    assert WorkingTime(runtime).periods == ((540, 720), (780, 1080))
    night = WorkingTime(runtime, hours="20:00-24:00")
    assert wall(night.add(at(2026, 9, 29, 23), 2, "working_hours")) == datetime(2026, 9, 30, 21, 0)
