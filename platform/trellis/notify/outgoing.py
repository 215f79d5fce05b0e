"""One message to one recipient on one channel, as a channel is handed it."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Outgoing:
    """One message to one recipient on one channel.

    `key` is the delivery's idempotency key ("<message id>:<recipient key>:<channel>"):
    the same on every retry of this delivery, and passed to the provider where it takes
    one. `to` is the recipient's address for this channel (an email address, a mobile
    number, a WeCom / DingTalk user id, a Trellis user id as text) or None for channels
    whose destination is configured. `channel` is the configured channel's name (the
    medium: "email", "sms", "push", ...), `channel_type` the type that delivers it."""

    key: str
    app: str
    channel: str
    channel_type: str
    to: str | None
    subject: str
    text: str
    html: str | None = None
    urgency: str = "medium"
    recipient: dict = field(default_factory=dict)  # {"kind", "key", "name", "user_id", "lang"}
    form: str | None = None
    record: int | None = None
    link: str | None = None
    event: str | None = None
    delivery_id: int | None = None
