"""What a node sees while it runs (flows/node_type.py `run`): one step of one run, inside
the step's transaction.

- `conn`, `runtime`, `now` (the runtime's clock), `run` (the run's row: app, flow,
  version, form, record_id, actor_id), `flow` (the version's body), `node`, `token`;
- `context`: the run's persisted context, `{"trigger": the triggering record as it was,
  "event": what started the run (changed fields, a webhook's payload, ...), "vars": {},
  "steps": {node id: output}, "prev": the last output}`;
- `record`: the triggering record as it is now (read once per step, None when deleted);
- `data()`: what conditions and expressions read: the current record's fields by id, and
  `$trigger`, `$event`, `$vars`, `$steps`, `$prev`, `$item` (a for-each's current item),
  `$run` ({id, flow, started_at}); `evaluate(rule)` evaluates JsonLogic over it;
- `records(form)`: the record service as the flow's actor (run as the triggering user or a
  set user) with the flow as the write's cause, so scopes, validation and audit apply and
  the audit entry names the flow;
- `prepared`: for an external node (`external = True`, an HTTP request), what its `call`
  answered, made before the step's transaction (no write lock held while waiting);
- `dry`: True in a dry run: a node describes, it must not write or send.
"""
from __future__ import annotations

from ..kernel.actor import SYSTEM
from ..kernel.cause import link
from ..kernel.errors import NotFound
from ..logic import evaluate
from .cursor import item_of

UNSET = object()


class Step:
    def __init__(self, runtime, conn, run: dict, flow: dict, context: dict, *, now, node=None, token=None,
                 dry: bool = False, actor=None, timed: bool = False):
        self.runtime = runtime
        self.conn = conn
        self.run = run
        self.flow = flow
        self.context = context
        self.now = now
        self.node = node
        self.token = token
        self.dry = dry
        self._actor = actor
        self._record = UNSET
        self.prepared = None  # an external node's answer, called before the step's transaction
        self.timed = timed  # the caller has set the rule language's clock (runtime.logic_time)

    # -- the data conditions read ------------------------------------------------------------
    @property
    def record(self) -> dict | None:
        if self._record is UNSET:
            self._record = None
            if self.run.get("form") and self.run.get("record_id") is not None:
                try:
                    self._record = self.runtime.records(self.run["app"], self.run["form"], SYSTEM).get(
                        int(self.run["record_id"]), conn=self.conn)
                except NotFound:
                    self._record = None
        return self._record

    def forget_record(self) -> None:
        """The run wrote its record: read it again when next asked."""
        self._record = UNSET

    def data(self) -> dict:
        c = self.context
        out = dict(self.record or c.get("trigger") or {})
        out.update({"$trigger": c.get("trigger") or {}, "$event": c.get("event") or {}, "$vars": c.get("vars") or {},
                    "$steps": c.get("steps") or {}, "$prev": c.get("prev"), "$item": item_of(self.token),
                    "$run": {"id": self.run.get("id"), "flow": self.run.get("flow"),
                             "started_at": self.run.get("started_at")}})
        return out

    def evaluate(self, rule):
        if not isinstance(rule, (dict, list)):
            return rule
        if self.timed:
            return evaluate(rule, self.data())
        with self.runtime.logic_time():
            return evaluate(rule, self.data())

    def values(self, mapping: dict | None) -> dict:
        """A map of field -> JsonLogic expression evaluated over the data (constants stay)."""
        data = self.data()
        with self.runtime.logic_time():
            return {k: evaluate(v, data) for k, v in (mapping or {}).items()}

    # -- acting as the flow -------------------------------------------------------------------
    @property
    def cause(self) -> dict:
        kind = "automation" if self.flow.get("kind", "automation") == "automation" else "flow"
        label = self.flow.get("label")
        text = label.get("zh") if isinstance(label, dict) else (label or self.run.get("flow"))
        return link(kind, f"{self.run.get('flow')}#{self.run.get('id')}", text)

    @property
    def actor(self):
        if self._actor is None:
            self._actor = actor_of(self.conn, self.flow, self.run.get("actor_id"))
        return self._actor

    def records(self, form: str | None = None):
        return self.runtime.records(self.run["app"], form or self.run["form"], self.actor, cause=self.cause)

    def set_var(self, name: str, value) -> None:
        self.context.setdefault("vars", {})[name] = value


def actor_of(conn, flow: dict, trigger_user: int | None):
    """Who the flow acts as: a set user (`run_as: {"user": id}`), else the user whose write
    or click started it, else the system."""
    from ..imports.batches import actor_for

    run_as = flow.get("run_as")
    user = run_as.get("user") if isinstance(run_as, dict) else trigger_user
    if user is None:
        return SYSTEM
    return actor_for(conn, int(user), None)
