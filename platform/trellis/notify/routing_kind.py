"""The `routing` kind of definition (metadata/routing.schema.json): how messages of each
urgency reach recipients, as editable metadata. Publishing checks that the call task's
form exists; channel names may name channels not configured yet (they are skipped)."""
from __future__ import annotations

from ..kernel.errors import DefinitionInvalid, bilingual
from ..meta.kind import DefinitionKind


class RoutingKind(DefinitionKind):
    key = "routing"
    label = ("消息路由", "message routing")

    def publish(self, conn, app, body, previous, store):
        task = ((body.get("urgencies") or {}).get("high") or {}).get("task")
        if task and store.published(app, "form", task["form"], conn=conn) is None:
            raise DefinitionInvalid([{"pointer": "/urgencies/high/task/form", "code": "unknown_form",
                                      "message": bilingual(f"表单 {task['form']} 不存在或未发布",
                                                           f"form {task['form']} does not exist or is not published")}])
        return body
