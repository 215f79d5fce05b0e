"""Small app definitions used across the tests (a CRM in miniature)."""
from __future__ import annotations

APP = {"schema_version": 1, "id": "demo", "label": {"zh": "演示", "en": "Demo"}, "forms": ["broker", "client", "deal"]}

BROKER = {
    "schema_version": 1, "id": "broker", "label": {"zh": "居间人", "en": "Broker"}, "title_field": "name",
    "fields": [
        {"id": "name", "type": "text", "label": {"zh": "姓名", "en": "Name"}, "required": True},
    ],
}

CLIENT = {
    "schema_version": 1, "id": "client", "label": {"zh": "客户", "en": "Client"}, "title_field": "name",
    "fields": [
        {"id": "name", "type": "text", "label": {"zh": "姓名", "en": "Name"}, "required": True, "max_length": 20},
        {"id": "mobile", "type": "mobile", "label": {"zh": "手机号", "en": "Mobile"}, "unique": True},
        {"id": "risk_level", "type": "single_select", "label": {"zh": "风险等级", "en": "Risk level"}, "indexed": True,
         "options": [{"value": v, "label": {"zh": v, "en": v}} for v in ("C1", "C2", "C3", "C4", "C5")]},
        {"id": "equity", "type": "money", "label": {"zh": "权益", "en": "Equity"}, "indexed": True, "min": 0},
        {"id": "margin", "type": "percent", "label": {"zh": "保证金占用", "en": "Margin usage"}},
        {"id": "opened_at", "type": "date", "label": {"zh": "开户日期", "en": "Opened"}},
        {"id": "active", "type": "boolean", "label": {"zh": "活跃", "en": "Active"}},
        {"id": "tags", "type": "multi_select", "label": {"zh": "标签", "en": "Tags"},
         "options": [{"value": v, "label": {"zh": v, "en": v}} for v in ("vip", "new", "risk")]},
        {"id": "code", "type": "auto_number", "label": {"zh": "客户编号", "en": "Code"}, "pattern": "KH{seq:5}"},
        {"id": "broker", "type": "relation", "label": {"zh": "居间人", "en": "Broker"}, "target": "broker",
         "on_delete": "set_null"},
        {"id": "manager", "type": "user", "label": {"zh": "客户经理", "en": "Manager"}},
        {"id": "note", "type": "long_text", "label": {"zh": "备注", "en": "Note"}},
    ],
}

DEAL = {
    "schema_version": 1, "id": "deal", "label": {"zh": "交易", "en": "Deal"},
    "fields": [
        {"id": "client", "type": "relation", "label": {"zh": "客户", "en": "Client"}, "target": "client",
         "on_delete": "cascade", "required": True},
        {"id": "lots", "type": "integer", "label": {"zh": "手数", "en": "Lots"}},
        {"id": "legs", "type": "sub_table", "label": {"zh": "明细", "en": "Legs"}, "fields": [
            {"id": "product", "type": "text", "label": {"zh": "品种", "en": "Product"}, "required": True},
            {"id": "qty", "type": "integer", "label": {"zh": "数量", "en": "Qty"}},
        ]},
    ],
}


def install(runtime, *forms, app=APP):
    """Save and publish the app and the given forms (default: all three)."""
    forms = forms or (BROKER, CLIENT, DEAL)
    store = runtime.store
    store.save_draft(app["id"], "app", app["id"], app)
    runtime.publish(app["id"], "app", app["id"])
    for f in forms:
        store.save_draft(app["id"], "form", f["id"], f)
    for f in forms:
        runtime.publish(app["id"], "form", f["id"])


def ensure_published(runtime):
    """Publish the demo app and its forms unless an earlier test already did (shared app)."""
    if runtime.store.published(APP["id"], "app", APP["id"]) is None:
        runtime.store.save_draft(APP["id"], "app", APP["id"], APP)
        runtime.publish(APP["id"], "app", APP["id"])
    missing = [f for f in (BROKER, CLIENT, DEAL) if runtime.store.published(APP["id"], "form", f["id"]) is None]
    for f in missing:
        runtime.store.save_draft(APP["id"], "form", f["id"], f)
    for f in missing:
        runtime.publish(APP["id"], "form", f["id"])
    return runtime
