"""BPMN 2.0 export (flows/bpmn.py, api/flow_bpmn.py): every seed flow and hand-made bodies
covering every node and trigger type (the approvals contract's human steps too) validate
against the OMG BPMN 2.0 XSD (tests/flows/data/bpmn/, as shipped by SpiffWorkflow) and
hold together: flows reference existing ids, every flow node is reachable from the start
event, every split has its join, every element is drawn. Then the API: a published flow
and one version, a draft, 404s, malformed bodies (400 naming the pointer), non-admins (403)."""
from __future__ import annotations

import json
from collections import deque
from pathlib import Path

import pytest

from api_client import ensure_user, sign_in
from samples import install
from trellis.flows.bpmn import to_bpmn

etree = pytest.importorskip("lxml.etree")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SEEDS = sorted((ROOT / "seeds" / "futures_crm" / "flows").glob("*.json"))
NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL", "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "di": "http://www.omg.org/spec/DD/20100524/DI", "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
B = "{%s}" % NS["bpmn"]
FLOW_NODES = {"startEvent", "endEvent", "intermediateCatchEvent", "boundaryEvent", "task", "userTask", "sendTask",
              "serviceTask", "scriptTask", "callActivity", "subProcess", "exclusiveGateway", "parallelGateway"}
APP = "demo"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(HERE / "data" / "bpmn" / "BPMN20.xsd")))


def valid(schema, xml: str):
    doc = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(doc), "\n".join(str(e) for e in schema.error_log)
    return doc


def local(el) -> str:
    return etree.QName(el).localname


def check_structure(doc) -> dict:
    """The graph holds together; answers {id: element} of the flow nodes."""
    process = doc.find("bpmn:process", NS)
    nodes = {el.get("id"): el for el in process.iter() if isinstance(el.tag, str) and local(el) in FLOW_NODES}
    flows = {el.get("id"): el for el in process.iter(B + "sequenceFlow")}
    out: dict[str, list] = {n: [] for n in nodes}
    for fid, f in flows.items():
        assert f.get("sourceRef") in nodes and f.get("targetRef") in nodes, fid
        out[f.get("sourceRef")].append(f.get("targetRef"))
        src, tgt = nodes[f.get("sourceRef")], nodes[f.get("targetRef")]
        assert fid in [o.text for o in src.findall("bpmn:outgoing", NS)]
        assert fid in [i.text for i in tgt.findall("bpmn:incoming", NS)]
        assert f.getparent() is src.getparent() is tgt.getparent(), fid  # no flow crosses a sub-process
    for ident, el in nodes.items():  # a sub-process's start, a task's boundary events come with it
        if local(el) == "subProcess":
            out[ident] += [c.get("id") for c in el if isinstance(c.tag, str) and local(c) == "startEvent"]
        if local(el) == "boundaryEvent":
            assert el.get("attachedToRef") in nodes
            out[el.get("attachedToRef")].append(ident)
    seen, todo = {"StartEvent_1"}, deque(["StartEvent_1"])
    while todo:
        for nxt in out[todo.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    assert set(nodes) - seen == set(), "unreachable"
    for ident, el in nodes.items():
        if el.get("gatewayDirection") == "Diverging" and ident.endswith("_split"):
            join = nodes.get(ident[: -len("_split")] + "_join")
            assert join is not None and local(join) == local(el) and join.get("gatewayDirection") == "Converging"
        if el.get("default"):
            assert el.get("default") in [o.text for o in el.findall("bpmn:outgoing", NS)]
    drawn = {s.get("bpmnElement") for s in doc.iter("{%s}BPMNShape" % NS["bpmndi"])}
    assert set(nodes) <= drawn
    edges = {e.get("bpmnElement"): e for e in doc.iter("{%s}BPMNEdge" % NS["bpmndi"])}
    assert set(flows) == set(edges) and all(len(e.findall("di:waypoint", NS)) >= 2 for e in edges.values())
    return nodes


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_every_seed_flow_exports_valid_bpmn(schema, path):
    body = json.loads(path.read_text(encoding="utf-8"))
    doc = valid(schema, to_bpmn(body, body["id"], body.get("label")))
    nodes = check_structure(doc)
    assert doc.find("bpmn:process", NS).get("name") == body["label"]["zh"]
    assert doc.find("bpmn:process", NS).get("id") == f"Process_{body['id']}"
    from trellis.flows import nodes as core, _classes
    from trellis.flows.node_type import NodeType
    from trellis.flows.structure import walk

    registry = {c.key: c for c in _classes(core, NodeType)}
    for _pointer, node in walk(body["steps"], registry):
        if node["type"] not in ("branch", "parallel"):
            assert node["id"] in nodes and nodes[node["id"]].get("name") == node["label"]["zh"]


def approval(ident, mode, **extra):
    return {"id": ident, "type": "approval", "label": {"zh": f"审批{ident}", "en": f"Approval {ident}"},
            "approvers": [{"type": "role", "role": "finance"}, {"type": "department_head", "levels": 1},
                          {"type": "user", "user": "fin0001"}], "mode": mode, **extra}


SLA = {"amount": 8, "unit": "working_hours", "remind_before": {"amount": 2, "unit": "working_hours"}}
EVERY_NODE = [
    approval("a_any", "any", sla={**SLA, "on_overdue": "notify_supervisor"}),
    approval("a_all", "all", sla={"amount": 4, "unit": "hours", "on_overdue": "transfer",
                                  "transfer_to": {"type": "manager"}}),
    approval("a_seq", "sequence", sla={"amount": 2, "unit": "business_days", "on_overdue": "approve",
                                       "remind_before": {"amount": 4, "unit": "hours"}}),
    approval("a_rej", "any", on_reject="continue", sla={"amount": 1, "unit": "days", "on_overdue": "reject"}),
    {"id": "h", "type": "handle", "label": {"zh": "办理回访", "en": "Handle the call"}, "mode": "all",
     "approvers": [{"type": "field", "field": "account_manager"}], "required": ["call_notes"],
     "sla": {"amount": 1, "unit": "trading_days"}},
    {"id": "c", "type": "cc", "recipients": [{"type": "role", "role": "compliance"}]},
    {"id": "n", "type": "notify", "template": "welcome", "recipients": [{"client": True}], "urgency": "high"},
    {"id": "http", "type": "http_request", "method": "POST", "url": "https://example.com/x",
     "secret": "do-not-leak-this-secret", "headers": {"X-Token": "do-not-leak-either"}},
    {"id": "cr", "type": "create_record", "form": "client", "values": {}},
    {"id": "ur", "type": "update_records", "form": "client", "values": {}},
    {"id": "qr", "type": "query_records", "form": "client"},
    {"id": "sv", "type": "set_variable", "name": "x", "value": {"+": [1, 2]}},
    {"id": "ao", "type": "assign_owner", "strategy": "round_robin"},
    {"id": "ct", "type": "create_task", "assignee": {"role": "sales"}},
    {"id": "cf", "type": "call_flow", "flow": "onboarding"},
    {"id": "br", "type": "branch", "label": {"zh": "金额", "en": "Amount"}, "branches": [
        {"id": "big", "label": {"zh": "大额", "en": "Big"}, "when": {">": [{"var": "amount"}, 100000]},
         "steps": [approval("a_big", "sequence"), {"id": "stop", "type": "end"}]},
        {"id": "none", "when": {"==": [1, 2]}, "steps": []},
        {"id": "mid", "when": {">": [{"var": "amount"}, 100]}, "steps": [{"id": "w_for", "type": "wait",
                                                                       "for": {"amount": 3, "unit": "days"}}]}],
     "default": {"steps": [{"id": "w_until", "type": "wait", "until": {"var": "due"},
                            "offset": {"amount": -2, "unit": "trading_days"}, "at": "10:00"}]}},
    {"id": "br2", "type": "branch", "branches": [{"id": "only", "when": True, "steps": [
        {"id": "w_cond", "type": "wait", "condition": {"var": "paid"}, "timeout": {"amount": 2, "unit": "hours"}}]}]},
    {"id": "par", "type": "parallel", "branches": [
        {"id": "p1", "steps": [{"id": "p1n", "type": "notify", "template": "t", "recipients": [{"client": True}]}]},
        {"id": "p2", "steps": []},
        {"id": "p3", "steps": [{"id": "fe", "type": "for_each", "items": {"var": "$vars.list"}, "steps": [
            {"id": "fe_br", "type": "branch", "branches": [{"id": "fe_b", "when": {"var": "$item.ok"}, "steps": [
                {"id": "fe_n", "type": "set_variable", "name": "y", "value": 1}]}]}]}]},
        {"id": "p4", "steps": [{"id": "fe_empty", "type": "for_each", "items": [], "steps": []}]}]},
    {"id": "mystery", "type": "mystery_type", "label": "神秘节点"},
    {"id": "the_end", "type": "end", "label": {"zh": "结束", "en": "End"}},
]
TRIGGERS = [{"type": "submitted", "form": "withdrawal", "status_field": "approval_status", "lock": "all"},
            {"type": "schedule", "cron": "0 9 * * 1-5", "trading_days_only": True},
            {"type": "date_relative", "field": "due", "offset": {"amount": -3, "unit": "business_days"}},
            {"type": "webhook", "secret": "webhook-secret-never-exported"},
            {"type": "threshold", "condition": {">": [{"var": "margin_ratio"}, 0.8]}},
            {"type": "field_changed", "field": "level", "to": "vip"},
            {"type": "manual"}, {"type": "record_created"}, {"type": "called"}, {"type": "from_a_plugin"}]


def body_of(trigger, steps=EVERY_NODE):
    return {"schema_version": 1, "id": "everything", "label": {"zh": "全部节点", "en": "Every node"},
            "form": "client", "trigger": trigger, "steps": steps}


@pytest.mark.parametrize("trigger", TRIGGERS, ids=[t["type"] for t in TRIGGERS])
def test_every_node_and_trigger_type(schema, trigger):
    xml = to_bpmn(body_of(trigger), "everything", {"zh": "全部节点", "en": "Every node"})
    assert "secret" not in xml.lower() and "do-not-leak" not in xml
    doc = valid(schema, xml)
    nodes = check_structure(doc)
    start = nodes["StartEvent_1"]
    kinds = {local(c) for c in start if isinstance(c.tag, str)}
    expected = {"schedule": "timerEventDefinition", "date_relative": "timerEventDefinition",
                "webhook": "messageEventDefinition", "threshold": "conditionalEventDefinition",
                "field_changed": "conditionalEventDefinition"}.get(trigger["type"])
    assert (expected in kinds) if expected else not kinds & {"timerEventDefinition", "messageEventDefinition"}
    if trigger["type"] == "submitted":
        assert start.get("name").startswith("提交")  # the trigger type's label
    if trigger["type"] == "webhook":
        ref = start.find("bpmn:messageEventDefinition", NS).get("messageRef")
        assert doc.find(f"bpmn:message[@id='{ref}']", NS) is not None


def test_the_mapping_of_each_node(schema):
    doc = valid(schema, to_bpmn(body_of({"type": "manual"}), "everything", None))
    n = check_structure(doc)

    def mi(ident):
        return n[ident].find("bpmn:multiInstanceLoopCharacteristics", NS)

    assert local(n["a_any"]) == "userTask" and mi("a_any").get("isSequential") == "false"
    assert mi("a_any").find("bpmn:completionCondition", NS).text == "nrOfCompletedInstances >= 1"
    assert mi("a_all").get("isSequential") == "false" and mi("a_all").find("bpmn:completionCondition", NS) is None
    assert mi("a_seq").get("isSequential") == "true"
    assert "role: finance" in n["a_any"].find("bpmn:documentation", NS).text
    boundaries = {i: el for i, el in n.items() if local(el) == "boundaryEvent"}
    cancel = {i: el.get("cancelActivity") for i, el in boundaries.items()}
    assert cancel == {"a_any_overdue": "false", "a_any_remind": "false", "a_all_overdue": "true",
                      "a_seq_overdue": "true", "a_seq_remind": "false", "a_rej_overdue": "true", "h_overdue": "false"}
    duration = {i: el.find(".//bpmn:timeDuration", NS) for i, el in boundaries.items()}
    assert duration["a_all_overdue"].text == "PT4H" and duration["a_rej_overdue"].text == "P1D"
    assert duration["a_any_remind"].text == "6 working_hours"  # 8 - 2 of the same unit
    assert duration["a_any_overdue"].get("language") == "trellis:working-time"
    assert n["a_rej_overdue_rejected"].find("bpmn:terminateEventDefinition", NS) is not None
    assert "a_rej_result" not in n and local(n["a_any_result"]) == "exclusiveGateway"  # on_reject: continue
    transfer = [f for f in doc.iter(B + "sequenceFlow") if f.get("sourceRef") == "a_all_overdue_transfer"]
    assert [f.get("targetRef") for f in transfer] == ["a_all"]  # back into the task
    assert {local(n[i]) for i in ("c", "n", "p1n")} == {"sendTask"}
    assert {local(n[i]) for i in ("http", "cr", "ur", "qr", "sv", "ao", "ct")} == {"serviceTask"}
    assert local(n["cf"]) == "callActivity" and n["cf"].get("calledElement") == "Process_onboarding"
    assert local(n["mystery"]) == "task" and "mystery_type" in n["mystery"].find("bpmn:documentation", NS).text
    assert n["mystery"].get("name") == "神秘节点"
    assert local(n["br_split"]) == "exclusiveGateway" and local(n["par_split"]) == "parallelGateway"
    conds = {f.get("targetRef"): f.find("bpmn:conditionExpression", NS) for f in doc.iter(B + "sequenceFlow")
             if f.get("sourceRef") == "br_split"}
    assert json.loads(conds["a_big"].text) == {">": [{"var": "amount"}, 100000]}
    assert conds["a_big"].get("language") == "application/json+jsonlogic"
    default = n["br_split"].get("default")
    assert doc.find(f".//bpmn:sequenceFlow[@id='{default}']", NS).get("targetRef") == "w_until"
    br2_default = n["br2_split"].get("default")  # no default branch: straight to the join
    assert doc.find(f".//bpmn:sequenceFlow[@id='{br2_default}']", NS).get("targetRef") == "br2_join"
    assert n["w_for"].find(".//bpmn:timeDuration", NS).text == "P3D"
    assert json.loads(n["w_until"].find(".//bpmn:timeDate", NS).text)["until"] == {"var": "due"}
    assert n["w_cond"].find("bpmn:conditionalEventDefinition/bpmn:condition", NS) is not None
    assert local(n["fe"]) == "subProcess" and mi("fe").get("isSequential") == "true"
    assert n["fe_n"].getparent() is n["fe"]
    for end in ("stop", "the_end"):
        assert n[end].find("bpmn:terminateEventDefinition", NS) is not None
    assert "EndEvent_1" not in n  # the body ends with an end node
    shape = next(s for s in doc.iter("{%s}BPMNShape" % NS["bpmndi"]) if s.get("bpmnElement") == "fe")
    assert shape.get("isExpanded") == "true"


def test_ids_are_unique_ncnames_and_text_is_xml(schema):
    steps = [{"id": "1 bad id", "type": "notify", "label": {"zh": "坏\x00标签\x1f", "en": "bad\x0b"}},
             {"id": "中文", "type": "set_variable"}, {"id": "1 bad id", "type": "set_variable"},
             {"id": "StartEvent_1", "type": "end"}]
    doc = valid(schema, to_bpmn({"trigger": {"type": "manual"}, "steps": steps}, "we ird/key", "名\x01称"))
    check_structure(doc)
    assert doc.find("bpmn:process", NS).get("id") == "Process_we_ird_key"


@pytest.mark.parametrize("body", [
    {}, {"steps": None}, {"steps": "x", "trigger": 3}, {"steps": [1, None, "x", {"type": None}]},
    {"steps": [{"type": "branch", "branches": "x", "default": 3}]},
    {"steps": [{"type": "branch", "branches": [1, {"steps": None}], "default": {"steps": "x"}}]},
    {"steps": [{"type": "parallel", "branches": [{"steps": [{"type": "end"}]}, {"steps": [{"type": "end"}]}]}]},
    {"steps": [{"type": "for_each", "steps": {"x": 1}}, {"type": "wait"}, {"type": "wait", "for": "x"}]},
    {"steps": [{"type": "approval", "mode": "weird", "sla": {"amount": "x", "on_overdue": 5,
                                                             "remind_before": {"amount": None}}}]},
    {"steps": [{"type": "end"}, {"type": "notify"}], "label": ["x"]},
    {"steps": [{"type": ["x"], "id": {"a": 1}, "label": {"zh": 5}},
               {"type": "approval", "mode": ["any"], "approvers": "x", "required": "y",
                "sla": {"amount": 2, "unit": ["h"], "on_overdue": ["x"], "remind_before": {"amount": 1, "unit": {}}}},
               {"type": "wait", "for": {"amount": 1, "unit": []}}, {"type": "call_flow", "flow": {"x": 1}},
               {"type": "branch", "branches": [{"id": ["b"], "label": 3, "when": None, "steps": []}]}],
     "trigger": {"type": ["schedule"]}},
])
def test_malformed_bodies_still_give_valid_xml(schema, body):
    valid(schema, to_bpmn(body, "odd", body.get("label")))


# -- the API ------------------------------------------------------------------------------------

FLOW = {"schema_version": 1, "id": "bpmn_export", "label": {"zh": "导出测试", "en": "Export test"}, "form": "client",
        "trigger": {"type": "called"},  # starts only when called: no run, no manual button for other tests
        "steps": [{"id": "v", "type": "set_variable", "label": {"zh": "记下权益", "en": "Note equity"}, "name": "eq",
                   "value": {"var": "equity"}},
                  {"id": "b", "type": "branch", "branches": [{"id": "rich", "when": {">": [{"var": "equity"}, 5]},
                                                              "steps": [{"id": "done", "type": "end"}]}]}]}


@pytest.fixture(scope="module")
def published(app):
    rt = app.extensions["trellis"]
    with app.app_context():
        if rt.store.published(APP, "form", "client") is None:
            install(rt)
        rt.store.save_draft(APP, "flow", FLOW["id"], FLOW)
        rt.publish(APP, "flow", FLOW["id"])
        second = {**FLOW, "label": {"zh": "导出测试二", "en": "Export test 2"}}
        rt.store.save_draft(APP, "flow", FLOW["id"], second)
        rt.publish(APP, "flow", FLOW["id"])
    return rt


def test_api_published_flow_and_version(api, published, schema):
    r = api.get(f"/api/v1/apps/{APP}/flows/bpmn_export/bpmn")
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.mimetype == "application/xml"
    assert r.headers["Content-Disposition"] == 'attachment; filename="bpmn_export.bpmn"'
    doc = valid(schema, r.get_data(as_text=True))
    check_structure(doc)
    assert doc.find("bpmn:process", NS).get("name") == "导出测试二"
    first = api.get(f"/api/v1/apps/{APP}/flows/bpmn_export/bpmn?version=1")
    assert first.status_code == 200
    assert valid(schema, first.get_data(as_text=True)).find("bpmn:process", NS).get("name") == "导出测试"


def test_api_draft(api, published, schema):
    r = api.post(f"/api/v1/apps/{APP}/flows/bpmn", json={"body": body_of({"type": "submitted"})})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.headers["Content-Disposition"] == 'attachment; filename="everything.bpmn"'
    check_structure(valid(schema, r.get_data(as_text=True)))


@pytest.mark.parametrize("url,status", [
    ("/api/v1/apps/demo/flows/nope/bpmn", 404), ("/api/v1/apps/nope/flows/bpmn_export/bpmn", 404),
    ("/api/v1/apps/demo/flows/bpmn_export/bpmn?version=99", 404),
    ("/api/v1/apps/demo/flows/bpmn_export/bpmn?version=x", 400),
    ("/api/v1/apps/demo/flows/bpmn_export/bpmn?version=0", 400)])
def test_api_missing_is_a_bilingual_error(api, published, url, status):
    r = api.get(url)
    assert r.status_code == status
    assert r.get_json()["message"]["zh"] and r.get_json()["message"]["en"]


@pytest.mark.parametrize("payload,pointer", [
    ([1], None), ({"nobody": 1}, None), ({"body": 3}, "/"), ({"body": {"steps": "x"}}, "/steps"),
    ({"body": {"steps": [], "trigger": "manual"}}, "/trigger"), ({"body": {"steps": [5]}}, "/steps/0"),
    ({"body": {"steps": [{"id": "a"}]}}, "/steps/0/type"),
    ({"body": {"steps": [{"type": "branch", "branches": [{"id": "x", "steps": {}}]}]}}, "/steps/0/branches/0/steps"),
    ({"body": {"steps": [{"type": "branch", "branches": [7]}]}}, "/steps/0/branches/0"),
    ({"body": {"steps": [{"type": "branch", "branches": {}}]}}, "/steps/0/branches"),
    ({"body": {"steps": [{"type": "branch", "branches": [], "default": []}]}}, "/steps/0/default"),
    ({"body": {"steps": [{"type": "for_each", "steps": [{"type": "x", "branches": [{"steps": [3]}]}]}]}},
     "/steps/0/steps/0/branches/0/steps/0"),
])
def test_api_bad_draft_is_a_400_naming_the_problem(api, published, payload, pointer):
    r = api.post(f"/api/v1/apps/{APP}/flows/bpmn", json=payload)
    assert r.status_code == 400, r.get_data(as_text=True)
    err = r.get_json()
    assert err["message"]["zh"] and err["message"]["en"]
    if pointer:
        assert err["details"]["pointer"] == pointer and pointer in err["message"]["en"]
    assert api.post(f"/api/v1/apps/{APP}/flows/bpmn", data="{", content_type="application/json").status_code == 400


def test_api_is_for_administrators(app, published):
    ensure_user(app, "bpmn_reader", "reader-pass-1")
    reader = sign_in(app, "bpmn_reader", "reader-pass-1")
    assert reader.get(f"/api/v1/apps/{APP}/flows/bpmn_export/bpmn").status_code == 403
    r = reader.post(f"/api/v1/apps/{APP}/flows/bpmn", json={"body": FLOW})
    assert r.status_code == 403 and r.get_json()["message"]["zh"]
