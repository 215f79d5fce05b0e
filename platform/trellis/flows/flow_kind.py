"""The `flow` kind of definition (metadata/flow.schema.json): an automation or a customer
journey. Saving a draft checks the meta-schema and the flow's shape (flows/structure.py:
node and trigger types and their configurations, unique ids, nothing after an end);
publishing also checks it against the app: the form exists and is published, and the
fields the trigger names are the form's."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid
from ..meta.kind import DefinitionKind
from .structure import check_flow, problem


class FlowKind(DefinitionKind):
    key = "flow"
    label = ("流程", "flow")

    def __init__(self, registries):
        self.registries = registries

    def problems(self, body, field_types) -> list[dict]:
        found = super().problems(body, field_types)
        if found or not isinstance(body, dict):
            return found
        return check_flow(body, self.registries.node_types, self.registries.triggers)

    def publish(self, conn, app, body, previous, store):
        self.check(body)
        form_id = body.get("form")
        if form_id is None:
            return body
        found = store.published(app, "form", form_id, conn)
        if found is None:
            raise DefinitionInvalid([problem("/form", "unknown_form", f"表单 {form_id} 不存在或未发布",
                                             f"form {form_id} does not exist or is not published")])
        fields = {f["id"] for f in found[0].get("fields", []) if not f.get("deleted")}
        trigger = body["trigger"]
        ttype = self.registries.triggers.get(trigger["type"])
        unknown = [f for f in ttype().fields_named(trigger) if f not in fields]
        if unknown:
            raise DefinitionInvalid([problem("/trigger/fields", "unknown_field",
                                             f"表单 {form_id} 没有字段 {'、'.join(unknown)}",
                                             f"form {form_id} has no field {', '.join(unknown)}")])
        found_problems = [problem("/trigger" + at, code, zh, en)
                          for at, code, zh, en in ttype().form_problems(trigger, found[0])]
        if found_problems:
            raise DefinitionInvalid(found_problems)
        return body
