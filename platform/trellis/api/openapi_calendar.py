"""The working calendar's endpoints in the OpenAPI document (reading: any signed-in user;
changing a day: system administrators)."""
from __future__ import annotations

from .openapi_parts import BILINGUAL, NULL_STAMP, body, json_ok, obj, op, path, query

TAG = ["calendar"]
DAY = {"$ref": "#/components/schemas/CalendarDay"}
DAY_PARAM = path("day", {"type": "string", "format": "date", "description": "YYYY-MM-DD, years 2000-2100"})
NULL_TEXT = {"type": ["string", "null"]}

SCHEMAS = {
    "CalendarDay": obj({
        "day": {"type": "string", "format": "date"},
        "working": {"type": "boolean"}, "trading": {"type": "boolean"}, "note": NULL_TEXT,
        "source": {"type": "string", "enum": ["override", "package", "weekday"],
                   "description": "an administrator's override, chinese-calendar, or weekdays (a year it does not know)"},
        "holiday": {"anyOf": [BILINGUAL, {"type": "null"}],
                    "description": "the package's holiday a day off or make-up working day belongs to"},
        "weekend": {"type": "boolean"},
        "package": obj({"working": {"type": "boolean"}, "trading": {"type": "boolean"}}, ["working", "trading"]),
        "updated_by": {"type": ["integer", "null"]}, "updated_at": NULL_STAMP},
        ["day", "working", "trading", "note", "source"]),
    "CalendarDayInput": obj({
        "working": {"type": "boolean"},
        "trading": {"type": "boolean", "description": "default: working and Monday to Friday; only on a working day"},
        "note": {**NULL_TEXT, "maxLength": 200}}, ["working"], closed=True),
}


def paths(_app: dict, _form: dict) -> dict:
    return {
        "/api/v1/calendar/days": {"get": op(
            TAG, "Every day of a year: working or not, trading or not, and where the answer comes from",
            json_ok(obj({"year": {"type": "integer"},
                         "known": {"type": "boolean", "description": "false: chinese-calendar does not know the year"},
                         "days": {"type": "array", "items": DAY},
                         "working_hours": {"type": "string", "description": "e.g. 09:00-12:00,13:00-18:00"},
                         "default_working_hours": {"type": "string"},
                         "working_hours_setting": {"type": "string"}},
                        ["year", "known", "days"])),
            400, params=[query("year", {"type": "integer", "minimum": 2000, "maximum": 2100},
                               "default: this year")])},
        "/api/v1/calendar/days/{day}": {
            "put": op(TAG, "Declare a day working or not, trading or not (system administrators)", json_ok(DAY),
                      400, 403, params=[DAY_PARAM],
                      request=body({"$ref": "#/components/schemas/CalendarDayInput"})),
            "delete": op(TAG, "Drop a day's override: the package answers again (system administrators)",
                         json_ok(DAY), 400, 403, params=[DAY_PARAM]),
        },
    }
