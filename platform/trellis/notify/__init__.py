"""Notifications: channels (plugins registered in `registries.channels`, channel.py), an
app's configured channels with sealed credentials (channel_store.py, sealing.py),
templates and routing as definitions (template_kind.py, routing_kind.py), recipients,
routing by urgency and preference, delivery as durable jobs with a log per attempt, the
in-app message center and the outbox. `runtime.notify` (service.py) is the one way
anything sends a message."""
from __future__ import annotations

from .channel import Channel
from .context import SendContext
from .errors import PermanentError, TransientError
from .outgoing import Outgoing
from .sent import Sent

__all__ = ["Channel", "Outgoing", "PermanentError", "SendContext", "Sent", "TransientError", "install"]


def install(runtime) -> None:
    """The notify engine in one Runtime: its definition kinds, `runtime.notify` and the
    delivery job."""
    from .delivery import JOB, MAX_ATTEMPTS
    from .routing_kind import RoutingKind
    from .service import Notify
    from .template_kind import TemplateKind

    runtime.definition_kinds.add(TemplateKind())
    runtime.definition_kinds.add(RoutingKind())
    runtime.notify = Notify(runtime, runtime.secret)
    # the job layer retries a transient failure; the delivery decides when to stop (MAX_ATTEMPTS)
    runtime.jobs.register(JOB, runtime.notify.delivering.deliver, max_attempts=MAX_ATTEMPTS + 1, backoff=5.0,
                          backoff_cap=600.0, lease=120.0, many=runtime.notify.delivering.deliver_many)
