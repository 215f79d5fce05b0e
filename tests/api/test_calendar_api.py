"""The working calendar's API (api/calendar.py): a year's days as the package and the
overrides answer them, an administrator's override and its removal (audited), other users
reading only, and bad input refused with 400 naming the field, never a 500."""
from __future__ import annotations

import pytest

from api_client import ensure_user, sign_in

URL = "/api/v1/calendar/days"
DAY = "2099-01-05"  # a Monday of a year no other test reads


@pytest.fixture
def reader(app):
    ensure_user(app, "calendar_reader", "reader-pass-1")
    return sign_in(app, "calendar_reader", "reader-pass-1")


@pytest.fixture
def clean(api):
    yield
    for day in (DAY, "2099-01-10", "2026-10-08"):
        api.delete(f"{URL}/{day}")


def _days(client, year) -> dict:
    r = client.get(f"{URL}?year={year}")
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert body["year"] == year
    return body, {d["day"]: d for d in body["days"]}


def test_a_known_year_as_the_package_answers_it(reader):
    body, days = _days(reader, 2026)
    assert body["known"] is True and len(days) == 365
    assert body["working_hours"] == "09:00-12:00,13:00-18:00"
    for d in range(1, 8):
        day = days[f"2026-10-0{d}"]
        assert (day["working"], day["trading"], day["source"]) == (False, False, "package")
    assert days["2026-10-01"]["holiday"] == {"zh": "国庆节", "en": "National Day"}
    makeup = days["2026-10-10"]
    assert makeup["working"] and not makeup["trading"] and makeup["weekend"]
    assert days["2026-10-08"]["working"] and days["2026-10-08"]["trading"]


def test_an_unknown_year_is_weekdays_and_says_so(reader):
    body, days = _days(reader, 2099)
    assert body["known"] is False and len(days) == 365
    assert days["2099-01-05"]["source"] == "weekday" and days["2099-01-05"]["working"]
    assert not days["2099-01-10"]["working"] and days["2099-01-10"]["source"] == "weekday"


def test_an_admin_overrides_a_day_and_resets_it(api, reader, clean):
    r = api.put(f"{URL}/{DAY}", json={"working": False, "note": "公司年会"})
    assert r.status_code == 200, r.get_data(as_text=True)
    out = r.get_json()
    assert (out["working"], out["trading"], out["note"], out["source"]) == (False, False, "公司年会", "override")
    assert out["package"] == {"working": True, "trading": True} and out["updated_at"]
    _, days = _days(reader, 2099)
    assert days[DAY]["source"] == "override" and not days[DAY]["working"]
    # a Sunday declared a make-up working day: trading defaults to no on a weekend
    sunday = api.put(f"{URL}/2099-01-10", json={"working": True}).get_json()
    assert sunday["working"] and not sunday["trading"] and sunday["note"] is None
    # an override in a known year beats the package
    oct8 = api.put(f"{URL}/2026-10-08", json={"working": False, "trading": False, "note": None}).get_json()
    assert oct8["source"] == "override" and not oct8["working"]
    r = api.delete(f"{URL}/{DAY}")
    assert r.status_code == 200 and r.get_json()["source"] == "weekday" and r.get_json()["working"]
    assert api.delete(f"{URL}/{DAY}").status_code == 200  # nothing left to drop: still the package's answer
    entries = api.get("/api/v1/audit?action=calendar.save").get_json()["items"]
    mine = [e for e in entries if e["target"] == DAY]
    assert mine and mine[0]["after"] == {"working": False, "trading": False, "note": "公司年会"}
    resets = api.get("/api/v1/audit?action=calendar.reset").get_json()["items"]
    assert [e for e in resets if e["target"] == DAY]


def test_only_system_admins_change_days(app, reader):
    for r in (reader.put(f"{URL}/{DAY}", json={"working": False}), reader.delete(f"{URL}/{DAY}")):
        assert r.status_code == 403
        assert r.get_json()["message"]["zh"]
    anonymous = app.test_client()
    assert anonymous.get(f"{URL}?year=2026").status_code == 401
    assert anonymous.put(f"{URL}/{DAY}", json={"working": False}).status_code == 401


@pytest.mark.parametrize("year", ["abc", "1999", "2101", "-1", "99999", "2026.0", "２０２６", " 2026"])
def test_bad_years_are_refused_naming_the_parameter(reader, year):
    r = reader.get(URL, query_string={"year": year})
    assert r.status_code == 400, r.get_data(as_text=True)
    err = r.get_json()
    assert err["details"] == {"param": "year"} and "year" in err["message"]["en"] and "year" in err["message"]["zh"]


@pytest.mark.parametrize("day", ["2027-13-01", "2027-02-30", "abc", "1999-12-31", "2101-01-01", "20270104",
                                 "2027-1-4", "0000-01-01", "9999-99-99"])
def test_bad_days_are_refused_naming_the_field(api, day):
    for r in (api.put(f"{URL}/{day}", json={"working": False}), api.delete(f"{URL}/{day}")):
        assert r.status_code == 400, r.get_data(as_text=True)
        err = r.get_json()
        assert err["details"] == {"field": "day"} and err["message"]["en"].startswith("day ")


@pytest.mark.parametrize("body,field", [
    ({"working": "yes"}, "working"), ({}, "working"), ({"working": 1}, "working"), ({"working": None}, "working"),
    ({"working": True, "trading": "no"}, "trading"), ({"working": False, "trading": True}, "trading"),
    ({"working": True, "note": 5}, "note"), ({"working": True, "note": "x" * 201}, "note"),
    ({"working": True, "note": ["a"]}, "note"), ({"working": True, "note": "a\x00b"}, "note"),
    ({"working": True, "holiday": True}, "holiday"),
])
def test_bad_bodies_are_refused_naming_the_field(api, body, field):
    r = api.put(f"{URL}/{DAY}", json=body)
    assert r.status_code == 400, r.get_data(as_text=True)
    err = r.get_json()
    assert err["details"] == {"field": field}
    assert field in err["message"]["zh"] and field in err["message"]["en"]


@pytest.mark.parametrize("raw", ["[true]", "\"x\"", "not json", "null", "3"])
def test_bodies_that_are_no_object_are_refused(api, raw):
    r = api.put(f"{URL}/{DAY}", data=raw, content_type="application/json")
    assert r.status_code == 400, r.get_data(as_text=True)
    assert r.get_json()["message"]["en"]


def test_answers_match_the_openapi_document(api, clean):
    from jsonschema import Draft202012Validator

    doc = api.get("/api/v1/openapi.json").get_json()
    schemas = doc["components"]["schemas"]

    def check(path: str, method: str, body):
        schema = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        Draft202012Validator({**schema, "components": {"schemas": schemas}}).validate(body)

    check("/api/v1/calendar/days", "get", api.get(f"{URL}?year=2026").get_json())
    check("/api/v1/calendar/days/{day}", "put", api.put(f"{URL}/{DAY}", json={"working": False, "note": "x"}).get_json())
    check("/api/v1/calendar/days/{day}", "delete", api.delete(f"{URL}/{DAY}").get_json())
