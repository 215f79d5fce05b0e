"""A task's view of its record: what the node's field permissions (`fields`: editable /
readonly / hidden per field; a field not named is read-only) let its assignee see and
change, through the record service (so the API enforces them, not only the UI). The
assignee may read and update this one record for the task's sake, whatever their roles
say about the form: the flow put it in front of them."""
from __future__ import annotations

from ..records.service import RecordService
from ..security.access import Access, visible_schema


def rights(form, node: dict | None) -> dict[str, str]:
    """{field: editable | readonly | hidden} for every active field of the form."""
    named = (node or {}).get("fields") or {}
    return {f: named.get(f, "readonly") for f in sorted(form.active_ids)}


def access(runtime, form, task: dict, node: dict | None, user: dict | None = None) -> Access:
    fields = {f: r for f, r in rights(form, node).items() if r != "editable"}
    actions = ["read", "update"] if task["state"] == "pending" and task["kind"] != "cc" else ["read"]
    grant = {"actions": actions, "fields": fields, "scope": {"==": [{"var": "id"}, task["record_id"]]}}
    return Access(form, [(f"task:{task['id']}", grant)], user or {},
                  forms=lambda target: runtime.published.form(form.app, target))


def record_service(runtime, conn, task: dict, node: dict | None, actor, cause) -> RecordService:
    form = runtime.form(task["app"], task["form"])
    return RecordService(runtime, form, actor, access=access(runtime, form, task, node), cause=cause)


def view(runtime, conn, task: dict, node: dict | None, actor) -> dict:
    """{"record", "fields", "schema"} as the task shows them."""
    if not task.get("form") or task.get("record_id") is None:
        return {"record": None, "fields": {}, "schema": None}
    form = runtime.form(task["app"], task["form"])
    acc = access(runtime, form, task, node)
    svc = RecordService(runtime, form, actor, access=acc)
    try:
        record = svc.get(int(task["record_id"]), conn=conn)
    except Exception:  # noqa: BLE001 - a deleted record leaves the task without one
        record = None
    shown = {f: r for f, r in rights(form, node).items() if r != "hidden"}
    return {"record": record, "fields": shown, "schema": visible_schema(form, acc)}


def field_defs(runtime, task: dict, shown: dict) -> list[dict]:
    """The definitions (id, type, label, options, ...) of the fields the task shows, in the
    form's order: an assignee without a role on the form still sees labels and option names."""
    if not task.get("form") or not shown:
        return []
    form = runtime.form(task["app"], task["form"])
    return [t.field for t in form.active if t.id in shown]
