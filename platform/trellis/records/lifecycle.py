"""The ordered lifecycle dispatch every write goes through.

Events: before_save, after_insert, after_update, before_delete, after_delete (and
after_restore). Handlers receive a `WriteContext` for a whole batch, so a bulk write of
1,000 rows is one call per handler, not 1,000. They run inside the write's transaction (an exception
rolls everything back); work that must leave the request and must not be lost is a job,
`ctx.enqueue(name, args, run_at=..., key=...)`, written in the same transaction (see
trellis/jobs); `ctx.after_commit(fn)` is for best-effort work of this process (a cache to
drop) and runs once the transaction has committed. Rules, flows, webhooks and the audit
log subscribe here.

`before_delete` fires for every delete (single, bulk, and the records an on-delete
cascade removes) with the rows about to be deleted in `ctx.old`; a handler refuses with
`ctx.refuse(zh, en)`. `ctx.cause` is the write's cause chain (kernel/cause.py): a write
a handler makes is caused by the one it handles and carries its chain plus one link.
Handlers run with the runtime's clock and time zone as the rule language's "now"
(logic/moment.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..kernel.cause import handling
from ..kernel.errors import Conflict
from ..logic.moment import logic_time

EVENTS = ("before_save", "after_insert", "after_update", "before_delete", "after_delete", "after_restore")


@dataclass
class WriteContext:
    """One batch write: the form, the connection in its transaction, who writes, the rows."""

    runtime: Any
    form: Any
    conn: Any
    actor: Any
    event: str = ""
    records: list[dict] = field(default_factory=list)   # new state (JSON form)
    old: list[dict | None] = field(default_factory=list)  # previous state, for updates/deletes
    errors: list[dict] = field(default_factory=list)    # before_save handlers may add FieldErrors
    audit: bool = True                                  # False only for trusted demo-data loads
    cause: list[dict] = field(default_factory=list)     # who or what made this write (kernel/cause.py)
    _after_commit: list[Callable[[], None]] = field(default_factory=list)

    def after_commit(self, fn: Callable[[], None]) -> None:
        """Run `fn` in this process once the write has committed (lost if it dies first)."""
        self._after_commit.append(fn)

    def enqueue(self, name: str, args=None, *, run_at=None, key: str | None = None) -> int | None:
        """A job in this write's transaction: it exists if and only if the write commits.
        It carries this write's cause chain, which the writes it makes continue."""
        return self.runtime.jobs.enqueue(name, args, run_at=run_at, key=key, app=getattr(self.form, "app", None),
                                         conn=self.conn, cause=self.cause)

    def refuse(self, zh: str, en: str, code: str = "refused", **details) -> None:
        """Stop this write (from before_save / before_delete): a 409 with the handler's reason."""
        raise Conflict(zh, en, code=code, details={"form": self.form.id, **details})


class Lifecycle:
    """Subscriptions per event, run in ascending `order` (ties: subscription order)."""

    def __init__(self):
        self._handlers: dict[str, list[tuple[int, int, str, Callable]]] = {e: [] for e in EVENTS}
        self._seq = 0

    def subscribe(self, event: str, handler: Callable[[WriteContext], None], order: int = 100,
                  name: str | None = None, forms: set[tuple[str, str]] | None = None) -> None:
        if event not in self._handlers:
            raise KeyError(f"unknown lifecycle event {event!r}")
        self._seq += 1
        wrapped = handler if forms is None else _only(forms, handler)
        self._handlers[event].append((order, self._seq, name or getattr(handler, "__name__", "handler"), wrapped))
        self._handlers[event].sort(key=lambda h: (h[0], h[1]))

    def unsubscribe(self, event: str, name: str) -> None:
        self._handlers[event] = [h for h in self._handlers[event] if h[2] != name]

    def handlers(self, event: str) -> list[str]:
        return [h[2] for h in self._handlers[event]]

    def dispatch(self, event: str, ctx: WriteContext) -> None:
        ctx.event = event
        handlers = self._handlers[event]
        if not handlers:
            return
        rt = ctx.runtime
        with logic_time(getattr(rt, "clock", None), getattr(rt, "timezone", None)):
            for _order, _seq, name, fn in handlers:
                with handling(ctx.cause, name):
                    fn(ctx)


def _only(forms, handler):
    def run(ctx):
        if (ctx.form.app, ctx.form.id) in forms:
            handler(ctx)
    return run
