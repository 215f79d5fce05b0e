"""The outbox channel: records each message (`trellis_outbox`, with the channel's own name
as its type: "sms", "email", "push", ...) instead of sending it. The demo routes every
channel here, so nothing leaves a demo; `GET /api/v1/apps/<app>/outbox` lists what it
recorded. Local: the record is written in the delivery's transaction, exactly once."""
from __future__ import annotations

from trellis.notify import Channel, Sent
from trellis.notify.outbox_store import add


class OutboxChannel(Channel):
    type = "outbox"
    label = {"zh": "发件箱(只记录不发送)", "en": "Outbox (records, never sends)"}
    address = None  # the contact its channel name stands for (routing.MEDIUM_ADDRESS)
    local = True
    config_schema = {"type": "object", "additionalProperties": False, "properties": {
        "note": {"type": "string", "maxLength": 200, "title": "备注 / Note"}}}

    def send(self, config, message, ctx):
        outbox_id = add(ctx.conn, app=message.app, delivery_id=message.delivery_id, channel_type=message.channel,
                        recipient=message.to or message.recipient.get("name"), subject=message.subject,
                        body=message.text, urgency=message.urgency, form=message.form, record=message.record,
                        now=ctx.now)
        return Sent(answer=f"outbox #{outbox_id}", provider_id=str(outbox_id))
