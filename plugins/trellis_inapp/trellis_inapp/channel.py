"""The in-app channel: puts the message in the recipient's message center (the bell in
the web UI's header; `GET /api/v1/me/messages`). It reaches Trellis users only. Local:
written in the delivery's transaction, exactly once; reading it is the activity signal
routing counts."""
from __future__ import annotations

from trellis.notify import Channel, PermanentError, Sent
from trellis.notify.inbox import add


class InAppChannel(Channel):
    type = "inapp"
    label = {"zh": "站内消息", "en": "In-app message"}
    address = "user"
    local = True
    config_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def send(self, config, message, ctx):
        if not (message.to or "").isdigit():
            raise PermanentError("站内消息只能发给系统用户 / in-app messages reach Trellis users only")
        message_id = add(ctx.conn, app=message.app, user_id=int(message.to), delivery_id=message.delivery_id,
                         title=message.subject or message.text[:60], body=message.text, urgency=message.urgency,
                         form=message.form, record=message.record, now=ctx.now)
        return Sent(answer=f"inbox #{message_id}", provider_id=str(message_id))
