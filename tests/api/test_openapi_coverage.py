"""The OpenAPI document is the API: every rule and method the app registers under /api/v1
is documented, every documented path and method is served, and each operation lists the
error answers its endpoint gives."""
from __future__ import annotations

import re

from werkzeug.exceptions import MethodNotAllowed, NotFound

METHODS = {"get", "put", "post", "patch", "delete"}


def _sample(op: dict, name: str) -> str:
    """A value for a path parameter that the rule's converter takes."""
    for p in op.get("parameters", []):
        if p.get("in") == "path" and p["name"] == name:
            schema = p.get("schema", {})
            if schema.get("enum"):
                return str(schema["enum"][0])
            return "1" if schema.get("type") == "integer" else "x"
    raise AssertionError(f"path parameter {name} is not declared")


def _served(app, doc: dict) -> tuple[set, list]:
    adapter = app.url_map.bind("localhost")
    served, unknown = set(), []
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            if method not in METHODS:
                continue
            concrete = re.sub(r"\{(\w+)\}", lambda m: _sample(op, m.group(1)), path)
            try:
                endpoint, _ = adapter.match(concrete, method.upper())
            except (NotFound, MethodNotAllowed):
                unknown.append(f"{method.upper()} {path}")
                continue
            served.add((endpoint, method.upper()))
    return served, unknown


def test_every_endpoint_is_documented_and_every_documented_one_exists(crm, login):
    doc = login("admin").get("/api/v1/openapi.json").get_json()
    served, unknown = _served(crm, doc)
    assert unknown == [], f"documented but not served: {unknown}"
    missing = sorted(f"{m} {rule.rule}" for rule in crm.url_map.iter_rules() if rule.rule.startswith("/api/v1")
                     for m in rule.methods - {"HEAD", "OPTIONS"} if (rule.endpoint, m) not in served)
    assert missing == [], f"served but not documented: {missing}"


def test_the_document_names_its_errors_and_strict_bodies(crm, login):
    doc = login("admin").get("/api/v1/openapi.json").get_json()
    paths, schemas = doc["paths"], doc["components"]["schemas"]
    records = paths["/api/v1/apps/futures_crm/forms/client/records/{id}"]
    assert {"401", "403", "404", "409", "422", "400", "413"} <= set(records["patch"]["responses"])
    assert set(paths["/api/v1/files"]["post"]["responses"]) >= {"201", "413", "415"}
    assert "429" in paths["/api/v1/security/login"]["post"]["responses"]
    new = schemas["futures_crm__client_input"]
    assert new["additionalProperties"] is False and "name" in new["required"]
    assert "anyOf" not in new["properties"]["name"]           # a required field is not nullable
    app_param = paths["/api/v1/apps/{app}/roles"]["get"]["parameters"][0]
    assert "futures_crm" in app_param["schema"]["enum"]
    assert schemas["Token"]["properties"]["created_at"]["format"] == "date-time"


def test_anonymous_callers_see_the_endpoints_but_no_form(crm, login):
    anonymous = crm.test_client().get("/api/v1/openapi.json").get_json()
    assert "/api/v1/security/login" in anonymous["paths"] and "/api/v1/tokens" in anonymous["paths"]
    assert not [p for p in anonymous["paths"] if p.startswith("/api/v1/apps/futures_crm/")]
    assert "futures_crm__client" not in anonymous["components"]["schemas"]
    am = login("am0001").get("/api/v1/openapi.json").get_json()
    assert "/api/v1/apps/futures_crm/forms/client/records" in am["paths"]


def _refs(node):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for v in node.values():
            yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_every_reference_resolves_and_definitions_are_the_meta_schemas(crm, login):
    doc = login("admin").get("/api/v1/openapi.json").get_json()
    components = doc["components"]
    broken = sorted({r for r in _refs(doc) if r.split("/")[2] not in components
                     or r.split("/")[3] not in components[r.split("/")[2]]})
    assert broken == []
    put = doc["paths"]["/api/v1/apps/{app}/forms/{form}/definition"]["put"]["requestBody"]
    draft = components["schemas"][put["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    assert draft["additionalProperties"] is False and {"id", "fields"} <= set(draft["required"])
    assert components["schemas"]["Meta_form_field"]["properties"]["label"]["$ref"].endswith("/Meta_common_text")


def test_records_read_with_expand_match_their_schema(crm, login):
    import schemathesis

    from fuzzing import CHECKS

    am = login("am0001")
    headers = {"Authorization": am._headers["Authorization"]}
    schema = schemathesis.openapi.from_dict(am.get("/api/v1/openapi.json").get_json())
    schema.app = crm
    path = "/api/v1/apps/futures_crm/forms/ticket/records"
    case = schema[path]["GET"].Case(query={"limit": 20, "expand": "client,assignee,department"})
    response = case.call(headers=headers)
    assert response.status_code == 200 and any(isinstance(r["client"], dict) for r in response.json()["items"])
    case.validate_response(response, checks=CHECKS, headers=headers)
