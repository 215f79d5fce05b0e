"""The designer's formula endpoints: the function table, and a check of an expression against
a form (the published one, or the designer's unsaved fields) with its value on a sample
record; a bad formula is a 422 naming the position; only those who may design the form ask.
And the form definition the web UI reads carries each computed field's compiled logic."""
from __future__ import annotations

URL = "/api/v1/apps/futures_crm/forms/client/formula"


def test_the_function_table_lists_names_aliases_and_help(crm, api):
    r = api.get("/api/v1/formula/functions")
    assert r.status_code == 200
    fns = {f["name"]: f for f in r.get_json()["functions"]}
    assert {"IF", "ROUND", "DATEDIF", "SUM", "CONCATENATE", "DECIDE"} <= set(fns)
    assert "四舍五入" in fns["ROUND"]["aliases"] and fns["ROUND"]["type"] == "number"
    assert fns["IF"]["help"]["zh"] and fns["IF"]["help"]["en"] and fns["IF"]["example"]


def test_a_formula_is_checked_and_valued_on_a_sample_record(crm, api):
    one = api.get("/api/v1/apps/futures_crm/forms/client/records?limit=1&sort=-id").get_json()["items"][0]
    r = api.post(URL, json={"expression": "ROUND(客户权益 / 10000, 1)", "record": one["id"]})
    assert r.status_code == 200, r.get_json()
    body = r.get_json()
    assert body["type"] == "number" and body["refs"] == ["equity"] and body["volatile"] is False
    assert body["value"] == round((one["equity"] or 0) / 10000 + 1e-9, 1)
    assert body["record"] == {"id": one["id"], "title": one["name"]}
    r = api.post(URL, json={"expression": 'DATEDIF(开户日期, TODAY(), "D")'})  # the latest record
    assert r.status_code == 200 and r.get_json()["volatile"] is True and r.get_json()["record"] is not None


def test_the_designers_unsaved_fields_count(crm, api):
    fields = api.get("/api/v1/apps/futures_crm/forms/client").get_json()["fields"]
    fields = [{k: v for k, v in f.items() if k not in ("logic", "value_type", "lookup_field", "readonly")}
              for f in fields]
    fields.append({"id": "bonus", "type": "money", "label": {"zh": "奖金", "en": "Bonus"}})
    r = api.post(URL, json={"expression": "奖金 * 2 + 客户权益", "fields": fields})
    assert r.status_code == 200, r.get_json()
    assert set(r.get_json()["refs"]) == {"bonus", "equity"}


def test_a_bad_formula_is_a_422_naming_the_position(crm, api):
    r = api.post(URL, json={"expression": "客户权益 + 不存在的字段"})
    assert r.status_code == 422
    body = r.get_json()
    assert body["code"] == "formula_error" and body["details"]["position"] == 7
    assert "不存在的字段" in body["message"]["zh"] and "character 8" in body["message"]["en"]
    for bad in ({}, {"expression": 3}, {"expression": "1", "record": "x"}, {"expression": "1", "fields": "x"},
                {"expression": "1", "fields": [{"id": 1}]}):
        r = api.post(URL, json=bad)
        assert r.status_code == 400, (bad, r.get_json())


def test_only_designers_check_formulas(crm, login):
    am = login("am0001")
    r = am.post(URL, json={"expression": "1 + 1"})
    assert r.status_code == 403


def test_the_web_ui_gets_compiled_formulas_and_value_types(crm, api):
    fields = {f["id"]: f for f in api.get("/api/v1/apps/futures_crm/forms/client").get_json()["fields"]}
    assert fields["tier"]["value_type"] == "text" and "if" in fields["tier"]["logic"]
    assert fields["recency_days"]["value_type"] == "number"
    assert fields["last_trade_date"]["value_type"] == "date"
    assert "logic" not in fields["last_trade_date"]
