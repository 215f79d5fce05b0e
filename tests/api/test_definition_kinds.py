"""The definitions API serves every registered kind through one code path: a kind declared
here (a meta-schema and a publish hook, nothing else) gets drafts, publishing, versions,
restore, export, a listing and deletion; unknown kinds are 404; forms, roles and views
answer the same at their generic addresses as at their older ones."""
from __future__ import annotations

import json

import pytest

from api_client import ensure_user, sign_in
from samples import CLIENT, ensure_published
from trellis.kernel.errors import DefinitionInvalid, bilingual
from trellis.meta.kind import DefinitionKind

APP = "demo"
MEMO = f"/api/v1/apps/{APP}/definitions/memo"


class MemoKind(DefinitionKind):
    """A throwaway kind: a short text, refused on publish when it says "refuse"."""

    key = "memo"
    label = ("备忘", "memo")
    schema = {"type": "object", "required": ["id", "text"], "additionalProperties": False,
              "properties": {"id": {"type": "string"}, "schema_version": {"type": "integer"},
                             "label": {"$ref": "common.schema.json#/$defs/text"},
                             "text": {"type": "string", "maxLength": 20}}}

    def __init__(self):
        self.published: list[str] = []

    def publish(self, conn, app, body, previous, store):
        if body["text"] == "refuse":
            raise DefinitionInvalid([{"pointer": "/text", "code": "refused",
                                      "message": bilingual("/text:不接受", "/text: refused")}])
        self.published.append(body["text"])
        return body


@pytest.fixture
def memo(app):
    rt = app.extensions["trellis"]
    kind = rt.definition_kinds.add(MemoKind())
    yield kind
    rt.definition_kinds.remove("memo")


def test_a_registered_kind_gets_every_endpoint(api, app, memo):
    kinds = {k["key"]: k for k in api.get("/api/v1/definition-kinds").get_json()["items"]}
    assert kinds["memo"] == {"key": "memo", "label": {"zh": "备忘", "en": "memo"}, "removable": True, "impact": False}
    assert kinds["form"]["impact"] is True and kinds["form"]["removable"] is False

    bad = api.put(f"{MEMO}/m1", json={"id": "m1", "text": 5, "label": {"zh": 1}})
    assert bad.status_code == 422
    pointers = {e["pointer"] for e in bad.get_json()["errors"]}
    assert pointers >= {"/text", "/label/zh"}
    assert all(e["message"]["zh"] and e["message"]["en"] for e in bad.get_json()["errors"])
    assert api.put(f"{MEMO}/m1", json={"id": "other", "text": "x"}).get_json()["errors"][0]["pointer"] == "/id"

    assert api.put(f"{MEMO}/m1", json={"id": "m1", "text": "first", "label": {"zh": "一"}}).status_code == 200
    assert api.get(f"{MEMO}/m1").get_json()["text"] == "first"
    listed = api.get(MEMO).get_json()["items"]
    assert [(i["id"], i["published_version"], i["label"]) for i in listed] == [("m1", None, {"zh": "一"})]

    assert api.post(f"{MEMO}/m1/publish", json={"note": "一稿"}).get_json() == {"version": 1}
    assert api.post(f"{MEMO}/m1/publish", json={"note": 7}).get_json()["details"] == {"field": "note"}
    api.put(f"{MEMO}/m1", json={"id": "m1", "text": "second"})
    assert api.post(f"{MEMO}/m1/publish").get_json() == {"version": 2}
    assert memo.published == ["first", "second"]                      # the kind's hook ran on each publish
    versions = api.get(f"{MEMO}/m1/versions").get_json()["items"]
    assert [(v["version"], v["note"]) for v in versions] == [(2, None), (1, "一稿")] and versions[0]["published_at"]
    assert api.get(f"{MEMO}/m1/versions/1").get_json()["text"] == "first"
    assert api.get(f"{MEMO}/m1/versions/9").status_code == 404

    as_draft = api.post(f"{MEMO}/m1/versions/1/restore", json={"as_draft": True}).get_json()
    assert as_draft["version"] is None and as_draft["draft"]["text"] == "first"
    assert api.get(f"{MEMO}/m1/versions").get_json()["items"][0]["version"] == 2   # nothing published
    assert api.post(f"{MEMO}/m1/versions/1/restore", json={"as_draft": "yes"}).status_code == 400
    assert api.post(f"{MEMO}/m1/versions/1/restore").get_json() == {"version": 3}
    assert memo.published[-1] == "first"

    api.put(f"{MEMO}/m1", json={"id": "m1", "text": "refuse"})
    refused = api.post(f"{MEMO}/m1/publish")
    assert refused.status_code == 422 and refused.get_json()["errors"][0]["pointer"] == "/text"
    assert api.get(MEMO).get_json()["items"][0]["published_version"] == 3

    exported = api.get(f"{MEMO}/m1/export")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    assert json.loads(exported.get_data(as_text=True)) == {"id": "m1", "text": "first", "label": {"zh": "一"}}

    preview = api.get(f"{MEMO}/m1/publish/preview")
    assert preview.status_code == 404 and preview.get_json()["code"] == "no_preview"

    assert api.delete(f"{MEMO}/m1").status_code == 204
    assert api.get(f"{MEMO}/m1").status_code == 404
    assert api.get(MEMO).get_json()["items"] == []


def test_only_those_the_kind_names_may_edit(api, app, memo):
    api.put(f"{MEMO}/m2", json={"id": "m2", "text": "x"})
    ensure_user(app, "memo_reader", "memo-pass-1")
    reader = sign_in(app, "memo_reader", "memo-pass-1")
    for call in (reader.get(f"{MEMO}/m2"), reader.put(f"{MEMO}/m2", json={"id": "m2", "text": "y"}),
                 reader.post(f"{MEMO}/m2/publish"), reader.get(f"{MEMO}/m2/versions"),
                 reader.get(f"{MEMO}/m2/export"), reader.delete(f"{MEMO}/m2")):
        assert call.status_code == 403 and call.get_json()["message"]["en"], call.get_json()
    assert reader.get(MEMO).get_json()["items"] == []
    assert api.get(f"{MEMO}/m2").get_json()["text"] == "x"
    api.delete(f"{MEMO}/m2")


def test_unknown_kinds_are_404_naming_them(api):
    for r in (api.get(f"/api/v1/apps/{APP}/definitions/gadget"), api.get(f"/api/v1/apps/{APP}/definitions/gadget/g"),
              api.put(f"/api/v1/apps/{APP}/definitions/gadget/g", json={"id": "g"})):
        assert r.status_code == 404 and r.get_json()["code"] == "unknown_kind"
        assert "gadget" in r.get_json()["message"]["zh"] and "gadget" in r.get_json()["message"]["en"]


def test_the_document_lists_registered_kinds(api, memo):
    doc = api.get("/api/v1/openapi.json").get_json()
    kind = doc["paths"]["/api/v1/apps/{app}/definitions/{kind}/{key}"]["put"]["parameters"][1]
    assert kind["name"] == "kind" and {"app", "form", "view", "role", "memo"} <= set(kind["schema"]["enum"])


def test_core_kinds_answer_alike_at_both_addresses(api, app):
    ensure_published(app.extensions["trellis"])
    generic = f"/api/v1/apps/{APP}/definitions/form/client"
    assert api.get(generic).get_json() == api.get(f"/api/v1/apps/{APP}/forms/client/definition").get_json()
    assert api.get(f"{generic}/versions").get_json() == api.get(f"/api/v1/apps/{APP}/forms/client/versions").get_json()
    assert api.get(f"{generic}/publish/preview").get_json() == \
        api.get(f"/api/v1/apps/{APP}/forms/client/publish/preview").get_json()
    forms = api.get(f"/api/v1/apps/{APP}/definitions/form").get_json()
    assert forms == api.get(f"/api/v1/apps/{APP}/forms").get_json() and CLIENT["id"] in [f["id"] for f in forms["items"]]
    refused = api.delete(generic)
    assert refused.status_code == 400 and refused.get_json()["code"] == "not_removable"
    assert json.loads(api.get(f"{generic}/export").get_data(as_text=True))["id"] == "client"
    role = {"schema_version": 1, "id": "kinds_probe", "label": {"zh": "探针"}}
    assert api.put(f"/api/v1/apps/{APP}/definitions/role/kinds_probe", json=role).status_code == 200
    assert api.get(f"/api/v1/apps/{APP}/roles/kinds_probe").get_json()["id"] == "kinds_probe"
