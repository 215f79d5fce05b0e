"""Flow definitions (kind `flow`): the meta-schema's example and the seed-like shapes save
and publish; a block-structured body cannot hold an unknown node or trigger type, a bad
configuration, a repeated id or a node after an end: each problem names its pointer and
node, in Chinese and English; publishing checks the form and the trigger's fields."""
from __future__ import annotations

import copy

import pytest

from samples import install
from trellis.flows.structure import walk
from trellis.kernel.errors import DefinitionInvalid
from trellis.meta import schemas

EXAMPLE = schemas.meta_schema("flow")["examples"][0]
FLOW = {
    "schema_version": 1, "id": "vip_task", "label": {"zh": "高净值客户跟进", "en": "VIP follow-up"},
    "form": "client", "trigger": {"type": "record_updated", "fields": ["tags"]},
    "condition": {"in": ["vip", {"var": "tags"}]}, "cap": {"times": 1, "days": 7},
    "steps": [
        {"id": "split", "type": "branch", "branches": [
            {"id": "big", "when": {">": [{"var": "equity"}, 1000000]}, "steps": [{"id": "stop", "type": "end"}]}],
         "default": {"steps": []}},
        {"id": "fan", "type": "parallel", "branches": [{"id": "a", "steps": []}, {"id": "b", "steps": [
            {"id": "inner", "type": "branch", "branches": [{"id": "c", "when": True, "steps": []}]}]}]},
        {"id": "done", "type": "end"},
    ],
}


@pytest.fixture
def rt(runtime):
    install(runtime)
    return runtime


def _save(rt, body):
    rt.store.save_draft("demo", "flow", body["id"], body)


def _problems(rt, body) -> list[dict]:
    with pytest.raises(DefinitionInvalid) as e:
        _save(rt, body)
    return e.value.errors


def test_a_flow_saves_publishes_and_walks_in_run_order(rt):
    _save(rt, FLOW)
    rt.publish("demo", "flow", "vip_task")
    body, version = rt.store.published("demo", "flow", "vip_task")
    assert version == 1 and body["steps"][0]["type"] == "branch"
    ids = [n["id"] for _p, n in walk(body["steps"], rt.registries.node_types)]
    assert ids == ["split", "stop", "fan", "inner", "done"]
    pointers = [p for p, _n in walk(body["steps"], rt.registries.node_types)]
    assert pointers[1] == "/steps/0/branches/0/steps/0" and pointers[3] == "/steps/1/branches/1/steps/0"


def test_the_meta_schemas_example_is_a_valid_flow(rt):
    assert rt.definition_kinds.find("flow").problems(copy.deepcopy(EXAMPLE), None) == []


@pytest.mark.parametrize("change, pointer, code", [
    (lambda f: f["steps"].append({"id": "after", "type": "end"}), "/steps/3", "unreachable"),
    (lambda f: f["steps"][0]["branches"][0]["steps"].append({"id": "x", "type": "end"}),
     "/steps/0/branches/0/steps/1", "unreachable"),
    (lambda f: f["steps"].insert(0, {"id": "done", "type": "end"}), "/steps/3/id", "duplicate_id"),
    (lambda f: f["steps"][1]["branches"].append({"id": "split", "steps": []}), "/steps/1/branches/2/id",
     "duplicate_id"),
    (lambda f: f["steps"].insert(0, {"id": "zz", "type": "teleport"}), "/steps/0/type", "unknown_node_type"),
    (lambda f: f["steps"][1].update(branches=[{"id": "only", "steps": []}]), "/steps/1/branches", "invalid_config"),
    (lambda f: f["steps"][0]["branches"][0].pop("when"), "/steps/0/branches/0", "invalid_config"),
    (lambda f: f.update(trigger={"type": "telepathy"}), "/trigger/type", "unknown_trigger"),
    (lambda f: f.update(trigger={"type": "record_updated", "fields": "tags"}), "/trigger/fields", "invalid_config"),
    (lambda f: f.pop("form"), "/form", "form_required"),
])
def test_a_bad_shape_is_refused_naming_the_place(rt, change, pointer, code):
    body = copy.deepcopy(FLOW)
    change(body)
    found = _problems(rt, body)
    assert any(p["pointer"] == pointer and p["code"] == code for p in found), found
    p = next(p for p in found if p["pointer"] == pointer)
    assert pointer in p["message"]["zh"] and pointer in p["message"]["en"]


def test_publishing_checks_the_form_and_the_triggers_fields(rt):
    for change, code in (({"form": "nothing"}, "unknown_form"),
                         ({"trigger": {"type": "record_updated", "fields": ["nope"]}}, "unknown_field")):
        body = dict(copy.deepcopy(FLOW), id="bad_" + code, **change)
        _save(rt, body)
        with pytest.raises(DefinitionInvalid) as e:
            rt.publish("demo", "flow", body["id"])
        assert e.value.errors[0]["code"] == code


def test_node_and_trigger_types_are_registries(rt):
    assert {"branch", "parallel", "end"} <= set(rt.registries.node_types)
    assert {"record_created", "record_updated", "record_deleted", "manual"} <= set(rt.registries.triggers)


@pytest.mark.parametrize("inner", [{"id": 1, "type": ["end"]}, {"type": "end"}, "end", {"id": "Bad Id", "type": "end"}])
def test_a_nested_step_of_any_shape_is_a_named_problem(rt, inner):
    body = copy.deepcopy(FLOW)
    body["steps"][0]["branches"][0]["steps"] = [inner]
    found = _problems(rt, body)
    assert all(p["pointer"].startswith("/steps/0/branches/0/steps/0") for p in found), found


@pytest.mark.parametrize("branches", ["x", [1, "a"], [{"id": "q", "when": True, "steps": "no"}]])
def test_malformed_branches_are_problems_not_crashes(rt, branches):
    body = copy.deepcopy(FLOW)
    body["steps"][0]["branches"] = branches
    assert any(p["pointer"].startswith("/steps/0") for p in _problems(rt, body))
