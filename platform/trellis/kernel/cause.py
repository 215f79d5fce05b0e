"""Why a write happens: its cause chain, and the depth limit that stops runaway loops.

A chain is a list of links `{"kind", "id", "label"}`, the origin first: who or what
started it (a user, an import batch, an automation, a flow, the system, a public
form link), then one link
per write made by a lifecycle handler of the write before it. The record service works
it out for each write (`chain_for`): the caller may name the cause (`RecordService(...,
cause=link)`); a write started inside a lifecycle handler carries the chain of the
write being handled plus one link (the cause it names, else the handler). The chain is
in `WriteContext.cause` and in the write's audit entries, so a record's history can say
"由自动化 … 修改" / "changed by automation …".

A chain longer than the runtime's limit (`max_cause_depth`, TRELLIS_MAX_CAUSE_DEPTH,
default 8) is refused (CauseTooDeep, logged, naming the chain) before anything is
written; as handlers run inside the first write's transaction, the whole cascade rolls
back and nothing is half-written.
"""
from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import Conflict

KINDS = ("user", "system", "import", "automation", "flow", "handler", "public")
DEFAULT_MAX_DEPTH = 8
_LABELS = {"user": ("用户", "user"), "system": ("系统", "system"), "import": ("导入批次", "import batch"),
           "automation": ("自动化", "automation"), "flow": ("流程", "flow"), "handler": ("处理程序", "handler"),
           "public": ("外链", "public link")}
_HANDLING: ContextVar[tuple[list, str] | None] = ContextVar("trellis_cause_handling", default=None)
log = logging.getLogger("trellis.kernel.cause")


class CauseTooDeep(Conflict):
    """A write caused by too many writes before it (a handler writing in a loop)."""

    code = "cause_too_deep"


def link(kind: str, id=None, label: str | None = None) -> dict:
    """One link of a chain; `kind` one of KINDS."""
    if kind not in KINDS:
        raise ValueError(f"unknown cause kind {kind!r}; expected one of {KINDS}")
    return {"kind": kind, "id": id, "label": label}


def actor_link(actor) -> dict:
    if actor.id is None:
        return link("system")
    return link("user", actor.id, actor.username)


def as_links(cause) -> list[dict]:
    """A link, a list of links or None -> a list of links."""
    if cause is None:
        return []
    return [dict(cause)] if isinstance(cause, dict) else [dict(c) for c in cause]


@contextmanager
def handling(chain: list[dict], handler: str):
    """Writes made inside the block are caused by `handler` handling a write of `chain`."""
    token = _HANDLING.set((chain, handler))
    try:
        yield
    finally:
        _HANDLING.reset(token)


def chain_for(actor, cause=None) -> list[dict]:
    """The chain of a write about to start: the handled write's chain plus this write's
    own link (the cause given, else the handler), or, at the top, the cause given (else
    the actor)."""
    own = as_links(cause)
    parent = _HANDLING.get()
    if parent is None:
        return own or [actor_link(actor)]
    chain, handler = parent
    return [*chain, *(own or [link("handler", handler, handler)])]


def describe(chain: list[dict]) -> tuple[str, str]:
    """The chain in words, origin first: (zh, en)."""
    def one(c, lang):
        word = _LABELS.get(c.get("kind"), (c.get("kind"), c.get("kind")))[lang]
        name = c.get("label") or c.get("id")
        return f"{word} {name}" if name is not None else word
    return " → ".join(one(c, 0) for c in chain), " → ".join(one(c, 1) for c in chain)


def check_depth(chain: list[dict], limit: int, form) -> None:
    """Refuse (CauseTooDeep, logged) a write whose chain is longer than `limit`."""
    if len(chain) <= limit:
        return
    zh, en = describe(chain)
    log.warning("write to %s/%s refused: cause chain of %d links exceeds %d: %s",
                form.app, form.id, len(chain), limit, en)
    raise CauseTooDeep(f"写入 {form.id} 被拒绝:连锁写入超过 {limit} 层({zh})",
                       f"write to {form.id} refused: more than {limit} writes caused one another ({en})",
                       details={"form": form.id, "limit": limit, "cause": chain})


def recorded(chain: list[dict]) -> list[dict] | None:
    """What an audit entry keeps: None for a user's (or the system's) own direct write,
    whose entry already names them; the chain otherwise."""
    if len(chain) == 1 and chain[0]["kind"] in ("user", "system"):
        return None
    return chain
