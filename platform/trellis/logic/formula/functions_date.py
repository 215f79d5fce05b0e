"""Date functions of the formula language: TODAY, NOW, YEAR, MONTH, DAY, HOUR, MINUTE,
WEEKDAY (1 = Monday … 7 = Sunday), DATE, DATEDIF, DATEADD, EDATE, DAYS. A blank date
gives a blank result. Units are written as a text in the formula:

- DATEDIF(start, end, unit): "D" days (calendar days), "M" whole months, "Y" whole
  years, "H" whole hours, "MI" whole minutes (also 天 / 月 / 年 / 小时 / 分钟); end - start.
- DATEADD(date, amount, unit): the same units plus "W" weeks and "S" seconds; the default
  unit is "D". Months and years clamp to the month's end (Jan 31 + 1 month = Feb 28/29).
"""
from __future__ import annotations

from .compiler import blank_as
from .errors import fail
from .spec import fn
from .types import Value

_UNITS = {
    "D": "days", "DAY": "days", "DAYS": "days", "天": "days", "日": "days",
    "M": "months", "MONTH": "months", "MONTHS": "months", "月": "months",
    "Y": "years", "YEAR": "years", "YEARS": "years", "年": "years",
    "H": "hours", "HOUR": "hours", "HOURS": "hours", "小时": "hours", "时": "hours",
    "MI": "minutes", "MINUTE": "minutes", "MINUTES": "minutes", "分钟": "minutes", "分": "minutes",
    "W": "weeks", "WEEK": "weeks", "WEEKS": "weeks", "周": "weeks",
    "S": "seconds", "SECOND": "seconds", "SECONDS": "seconds", "秒": "seconds",
}
_DIFF_UNITS = ("days", "months", "years", "hours", "minutes")
_ADD_UNITS = _DIFF_UNITS + ("weeks", "seconds")


def _unit(v: Value, fname: str, allowed: tuple) -> str:
    unit = _UNITS.get(v.literal.strip().upper()) if isinstance(v.literal, str) else None
    if unit not in allowed:
        names = "、".join(k for k, u in _UNITS.items() if u in allowed and k.isascii() and len(k) <= 2)
        raise fail(v.pos, v.end, f"{fname} 的单位“{v.literal}”无效,可用:{names}",
                   f"“{v.literal}” is not a unit of {fname}; use one of {names.replace('、', ', ')}",
                   unit=v.literal)
    return unit


def _clock(name, result):
    def build(ctx, node, vals):
        ctx.volatile = True
        return Value({name: []}, result, False, node.pos, node.end)
    return build


def _part(name):
    def build(ctx, node, vals):
        return Value({name: [vals[0].logic]}, "number", True, node.pos, node.end)
    return build


def _make_date(ctx, node, vals):
    return Value({"make_date": [blank_as(v, 0) for v in vals]}, "date", True, node.pos, node.end)


def _datedif(ctx, node, vals):
    start, end, unit = vals
    u = _unit(unit, "DATEDIF", _DIFF_UNITS)
    return Value({"date_diff": [end.logic, start.logic, u]}, "number", True, node.pos, node.end)


def _dateadd(ctx, node, vals):
    when, amount = vals[0], vals[1]
    u = _unit(vals[2], "DATEADD", _ADD_UNITS) if len(vals) > 2 else "days"
    t = "datetime" if u in ("hours", "minutes", "seconds") else when.type
    return Value({"date_add": [when.logic, blank_as(amount, 0), u]}, t, True, node.pos, node.end)


def _edate(ctx, node, vals):
    when, months = vals
    return Value({"date_add": [when.logic, blank_as(months, 0), "months"]}, when.type, True,
                 node.pos, node.end)


def _days(ctx, node, vals):
    end, start = vals
    return Value({"date_diff": [end.logic, start.logic, "days"]}, "number", True, node.pos, node.end)


SPECS = [
    fn("TODAY", ["今天"], "", "date", "date",
       "今天的日期(实例所在时区)。", "Today's date (in the instance's time zone).", "DAYS(TODAY(), 下单日期)",
       _clock("today", "date")),
    fn("NOW", ["现在"], "", "datetime", "date",
       "当前的日期和时间(实例所在时区)。", "The current date and time (in the instance's time zone).",
       'DATEDIF(创建时间, NOW(), "H")', _clock("now", "datetime")),
    fn("YEAR", ["年份"], "date", "number", "date", "日期的年份。", "The year of the date.", "YEAR(生日)",
       _part("year")),
    fn("MONTH", ["月份"], "date", "number", "date", "日期的月份(1–12)。", "The month of the date (1–12).",
       "MONTH(生日)", _part("month")),
    fn("DAY", ["日"], "date", "number", "date", "日期是当月的第几天。", "The day of the month.", "DAY(生日)",
       _part("day")),
    fn("HOUR", ["小时"], "date", "number", "date", "时间的小时(0–23)。", "The hour of the time (0–23).",
       "HOUR(签到时间)", _part("hour")),
    fn("MINUTE", ["分钟"], "date", "number", "date", "时间的分钟(0–59)。", "The minute of the time (0–59).",
       "MINUTE(签到时间)", _part("minute")),
    fn("WEEKDAY", ["星期"], "date", "number", "date",
       "星期几:1 为星期一,7 为星期日。", "The day of the week: 1 is Monday, 7 is Sunday.", "WEEKDAY(TODAY())",
       _part("weekday")),
    fn("DATE", ["日期"], "year:number month:number day:number", "date", "date",
       "由年、月、日组成的日期;不存在的日期为空。", "The date of the year, month and day; blank when there is no such date.",
       "DATE(2024, 2, 29)", _make_date),
    fn("DATEDIF", ["日期差"], "start:date end:date unit:literal", "number", "date",
       "两个日期之差(结束减开始),单位 \"D\" 天、\"M\" 整月、\"Y\" 整年、\"H\" 小时、\"MI\" 分钟。",
       "end minus start in \"D\" days, \"M\" whole months, \"Y\" whole years, \"H\" hours or \"MI\" minutes.",
       'DATEDIF(入职日期, TODAY(), "Y")', _datedif),
    fn("DATEADD", ["日期加"], "date amount:number unit:literal?", "date", "date",
       "日期加上若干单位(默认天;\"D\" \"W\" \"M\" \"Y\" \"H\" \"MI\" \"S\"),月末自动对齐。",
       "The date plus an amount of units (default days; \"D\" \"W\" \"M\" \"Y\" \"H\" \"MI\" \"S\"); "
       "months clamp to the month's end.", 'DATEADD(签约日期, 1, "Y")', _dateadd),
    fn("EDATE", [], "date months:number", "date", "date",
       "若干个月之后的同一天(月末自动对齐)。", "The same day some months later (clamped to the month's end).",
       "EDATE(开始日期, 3)", _edate),
    fn("DAYS", ["天数"], "end:date start:date", "number", "date",
       "两个日期相差的天数(结束减开始)。", "The days from start to end (end minus start).",
       "DAYS(截止日期, TODAY())", _days),
]
