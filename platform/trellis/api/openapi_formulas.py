"""Formulas in the OpenAPI document: the function table and the designer's formula check."""
from __future__ import annotations

from .openapi_parts import body, json_ok, obj, op

TAG = ["formulas"]
KINDS = ["number", "text", "bool", "date", "datetime", "any"]
SCHEMAS = {
    "FormulaFunction": obj({
        "name": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
        "args": {"type": "array", "items": {"type": "object"}}, "type": {"type": "string"},
        "result": {"type": "string"}, "category": {"type": "string"}, "help": {"type": "object"},
        "example": {"type": "string"}}, ["name", "aliases", "args", "type", "category", "help"]),
}


def paths(app: dict, form: dict) -> dict:
    fn = {"$ref": "#/components/schemas/FormulaFunction"}
    return {
        "/api/v1/formula/functions": {"get": op(
            TAG, "The formula functions (names, Chinese aliases, arguments, result type, help)",
            json_ok(obj({"functions": {"type": "array", "items": fn}}, ["functions"])))},
        "/api/v1/apps/{app}/forms/{form}/formula": {"post": op(
            TAG, "Check a formula against the form (or the designer's unsaved fields) and give its value on a "
                 "sample record; a formula that does not compile is a 422 naming the position",
            json_ok(obj({"logic": {}, "type": {"type": "string", "enum": KINDS},
                         "refs": {"type": "array", "items": {"type": "string"}}, "volatile": {"type": "boolean"},
                         "value": {}, "record": {"type": ["object", "null"]}},
                        ["logic", "type", "refs", "volatile", "value", "record"])),
            403, 404, 422, params=[app, form],
            request=body(obj({"expression": {"type": "string", "maxLength": 4000},
                              "fields": {"type": "array", "items": {"type": "object"}},
                              "field": {"type": "string"}, "record": {"type": "integer", "minimum": 1}},
                             ["expression"])))},
    }
