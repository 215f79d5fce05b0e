"""Notify (发送通知): one message of a published template of the app (templates/*.json) to
recipients (notify/recipients.py: {"user": id}, {"role": key}, {"department": id,
"head"?}, {"field": a user field of the record}, {"client": true}, {"address", "channel"};
a user's or department's id may be an expression, `{"var": "$vars.owner"}`), routed by
urgency (high | medium | low, default the template's; `channel`: on that channel alone),
about the run's record, with
`data` (a map of JsonLogic expressions: `{{ data.x }}` in the template).

The message, its deliveries and their jobs are written in the step's transaction (the
notification service, acting as the flow with the flow as cause), so the step sends it
exactly once: a step rolled back or taken by another worker sends nothing.
Output: {"message_id", "deliveries": n}."""
from __future__ import annotations

from ...kernel.cause import as_links
from ...notify.recipients import KINDS
from ..acting import ID, as_node, dry, titled, user_title
from ..node_type import NodeType
from ..result import Result

URGENCIES = ("high", "medium", "low")
URGENCY_TEXT = {"high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low")}
CHANNEL_TEXT = {"sms": ("短信", "SMS"), "email": ("邮件", "email"), "wecom": ("企业微信", "WeCom"),
                "dingtalk": ("钉钉", "DingTalk"), "push": ("App 推送", "app push"), "inapp": ("站内信", "in-app")}


class NotifyNode(NodeType):
    key = "notify"
    label = {"zh": "发送通知", "en": "Send a message"}
    category = "message"
    config_schema = {
        "type": "object",
        "required": ["template", "recipients"],
        "additionalProperties": False,
        "properties": {
            "template": titled(ID, "消息模板", "Template"),
            "recipients": titled({"type": "array", "minItems": 1, "maxItems": 20,
                                  "items": {"type": "object", "minProperties": 1, "maxProperties": 4}},
                                 "收件人", "Recipients"),
            "urgency": titled({"enum": list(URGENCIES)}, "紧急程度", "Urgency"),
            "channel": titled(ID, "只用此渠道", "This channel only",
                              description="只通过应用的这个渠道发送(email、sms 等)/ "
                                          "send on this channel of the app alone (email, sms, ...)"),
            "data": titled({"type": "object", "maxProperties": 50,
                            "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]{0,40}$"}}, "模板数据", "Template data"),
        },
    }

    def problems(self, node: dict) -> list[tuple[str, str, str, str]]:
        out = []
        for i, spec in enumerate(node.get("recipients") or []):
            if isinstance(spec, dict) and not any(k in spec for k in KINDS):
                out.append((f"/recipients/{i}", "bad_recipient", f"收件人应为 {'、'.join(KINDS)} 之一",
                            f"a recipient is one of {', '.join(KINDS)}"))
        return out

    def run(self, node: dict, step) -> Result:
        if (out := dry(step, node, self)) is not None:
            return Result(output=out)
        with as_node(node):
            recipients = [self._spec(spec, step) for spec in node["recipients"]]
            data = step.values(node.get("data"))
            record = step.run.get("record_id") if step.record is not None else None
            sent = step.runtime.notify.send(
                step.run["app"], node["template"], recipients=recipients, form=step.run.get("form"), record=record,
                urgency=node.get("urgency"), data=data, conn=step.conn, actor=step.actor, cause=as_links(step.cause),
                only=node.get("channel"))
        return Result(output={"message_id": sent["message_id"], "deliveries": len(sent["deliveries"])})

    @staticmethod
    def _spec(spec: dict, step) -> dict:
        """A recipient with its user / department id evaluated when it is an expression."""
        out = dict(spec)
        for key in ("user", "department"):
            if isinstance(out.get(key), (dict, list)):
                out[key] = step.evaluate(out[key])
        return out

    def describe(self, node: dict, step) -> dict:
        who_zh, who_en = [], []
        for spec in node.get("recipients") or []:
            zh, en = _who(spec, step)
            who_zh.append(zh)
            who_en.append(en)
        title = _template_title(node.get("template"), step)
        urgency = URGENCY_TEXT.get(node.get("urgency"))
        tail_zh = f"({urgency[0]}紧急度)" if urgency else ""
        tail_en = f" ({urgency[1]} urgency)" if urgency else ""
        channel = node.get("channel")
        via = CHANNEL_TEXT.get(channel, (channel, channel)) if channel else None
        return {"zh": f"给 {'、'.join(who_zh)} 发送{' ' + via[0] if via else ''}「{title[0]}」{tail_zh}",
                "en": f"send “{title[1]}”{' by ' + via[1] if via else ''} to {', '.join(who_en)}{tail_en}"}


def _template_title(key, step) -> tuple[str, str]:
    try:
        body = step.runtime.notify.template(step.run["app"], key)
    except Exception:  # noqa: BLE001 - a description never fails
        return str(key), str(key)
    label = body.get("label") or {}
    return label.get("zh") or str(key), label.get("en") or label.get("zh") or str(key)


def _who(spec: dict, step) -> tuple[str, str]:
    record = step.record or {}
    if spec.get("client"):
        form = None
        try:
            form = step.runtime.form(step.run["app"], step.run["form"])
        except Exception:  # noqa: BLE001
            pass
        name = record.get(form.title_field) if form is not None and form.title_field else None
        return (name or "客户本人"), (name or "the client")
    if "field" in spec:
        value = record.get(spec["field"])
        if value is None:
            return f"{spec['field']}(空)", f"{spec['field']} (empty)"
        return user_title(step, value), user_title(step, value)
    if "user" in spec:
        return f"用户 {spec['user']}", f"user {spec['user']}"
    if "role" in spec:
        return f"角色 {spec['role']} 的成员", f"the members of role {spec['role']}"
    if "department" in spec:
        head = spec.get("head")
        return (f"部门 {spec['department']} 的{'负责人' if head else '成员'}",
                f"the {'head' if head else 'members'} of department {spec['department']}")
    return str(spec.get("address")), str(spec.get("address"))
