"""The contract of a notification channel type (email, sms, wecom, dingtalk, webhook,
inapp, outbox, or a third party's). A channel type is a class registered by a plugin in
`registries.channels` under its type name; an app configures channels (`trellis_channels`:
a name such as "sms", the type that delivers it, its encrypted configuration) and the
routing sends each message to channels by name.

A type declares
- `type`: the registry key, also stored in channel rows and shown by the web UI;
- `label`: {"zh", "en"};
- `address`: which contact of a recipient it sends to ("email", "mobile", "wecom",
  "dingtalk", "user"), or None when the destination is in its configuration (a group
  robot, a webhook URL); `address_for(config)` when it depends on the configuration;
- `config_schema`: the JSON Schema of its configuration; a property marked
  `"writeOnly": true` (passwords, secrets, tokens) is never returned by the API, only
  whether it is set;
- `local`: True when it delivers into this database (inapp, outbox): it then gets the
  delivery's transaction in `ctx.conn` and its write commits with the delivery log row,
  exactly once;
- `send(config, message, ctx)`: deliver one `Outgoing`; answer a `Sent` or raise
  `TransientError` (retried with backoff) or `PermanentError` (the routing's fallback
  channel is tried). Remote channels pass `message.key` to the provider wherever it takes
  an idempotency key, so a retry after a lost answer is not delivered twice.
"""
from __future__ import annotations

from typing import ClassVar

from .context import SendContext
from .outgoing import Outgoing
from .sent import Sent


class Channel:
    type: ClassVar[str] = ""
    label: ClassVar[dict] = {"zh": "渠道", "en": "channel"}
    address: ClassVar[str | None] = None
    config_schema: ClassVar[dict] = {"type": "object", "properties": {}, "additionalProperties": False}
    local: ClassVar[bool] = False

    def send(self, config: dict, message: Outgoing, ctx: SendContext) -> Sent:
        raise NotImplementedError

    @classmethod
    def address_for(cls, config: dict) -> str | None:
        """The contact this configuration sends to (a type with modes overrides it: a WeCom
        group robot sends to its group, None)."""
        return cls.address

    @classmethod
    def describe(cls) -> dict:
        """What the web UI's channel page needs (the configuration form, no values)."""
        return {"type": cls.type, "label": cls.label, "address": cls.address, "local": cls.local,
                "config_schema": cls.config_schema}
