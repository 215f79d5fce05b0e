"""The flow engine: automations and customer journeys as one kind of definition (`flow`):
a trigger, an entry condition and a block-structured body of typed nodes (sequence,
branch, parallel). Node types (flows/nodes/) and trigger types (flows/triggers/) are
registries keyed by the type name a definition stores; `register(registries)` adds the
core's, as a plugin adds its own; `install(runtime)` adds the `flow` definition kind, the
engine (`runtime.flows`, flows/engine.py, with its people: tasks, the inbox and the
approval status), its jobs (`flows.advance` moves a run, `flows.trigger` starts runs of a
time-based trigger, `flows.sla` reminds and acts on overdue tasks), the lifecycle handlers
that start runs from record writes and keep flow-locked fields, and a publish listener
that arms a new version's trigger."""
from __future__ import annotations

import importlib
import pkgutil

from . import nodes, triggers
from .node_type import NodeType
from .trigger_type import TriggerType


def _classes(package, base) -> list:
    """The node (trigger) types of the core: one class per module of flows/nodes (triggers)."""
    out = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        out += [v for v in vars(module).values()
                if isinstance(v, type) and issubclass(v, base) and v.key and v.__module__ == module.__name__]
    return out


def register(registries) -> None:
    for cls in _classes(nodes, NodeType):
        registries.node_types.register(cls.key, cls)
    for cls in _classes(triggers, TriggerType):
        registries.triggers.register(cls.key, cls)


TRIGGER_JOB = "flows.trigger"


def install(runtime) -> None:
    from .engine import FlowEngine
    from .flow_kind import FlowKind
    from .runner import ADVANCE
    from .sla import JOB as SLA_JOB, NOTICE, due_job, notice_job

    runtime.definition_kinds.add(FlowKind(runtime.registries))
    engine = runtime.flows = FlowEngine(runtime, runtime.registries)
    runtime.jobs.register(ADVANCE, engine.runner.advance, max_attempts=5, backoff=2)
    runtime.jobs.register(TRIGGER_JOB, engine.trigger_due, max_attempts=5, backoff=5)
    runtime.jobs.register(SLA_JOB, lambda **args: due_job(runtime, **args), max_attempts=5, backoff=5)
    runtime.jobs.register(NOTICE, lambda **args: notice_job(runtime, **args), max_attempts=5, backoff=5)
    runtime.lifecycle.subscribe("before_save", engine.status.before_save, order=300, name="flows.approval")
    for event in ("after_insert", "after_update", "after_delete", "after_restore"):
        runtime.lifecycle.subscribe(event, engine.on_write, order=300, name="flows")
    runtime.store.listeners.append(engine.on_publish)
