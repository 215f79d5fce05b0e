"""The flow engine: automations and customer journeys as one kind of definition (`flow`):
a trigger, an entry condition and a block-structured body of typed nodes (sequence,
branch, parallel). Node types (flows/nodes/) and trigger types (flows/triggers/) are
registries keyed by the type name a definition stores; `register(registries)` adds the
core's, as a plugin adds its own; `install(runtime)` adds the `flow` definition kind."""
from __future__ import annotations

from .nodes.branch import BranchNode
from .nodes.end import EndNode
from .nodes.parallel import ParallelNode
from .triggers.manual import ManualTrigger
from .triggers.record_created import RecordCreatedTrigger
from .triggers.record_deleted import RecordDeletedTrigger
from .triggers.record_updated import RecordUpdatedTrigger

CORE_NODES = (BranchNode, ParallelNode, EndNode)
CORE_TRIGGERS = (RecordCreatedTrigger, RecordUpdatedTrigger, RecordDeletedTrigger, ManualTrigger)


def register(registries) -> None:
    for cls in CORE_NODES:
        registries.node_types.register(cls.key, cls)
    for cls in CORE_TRIGGERS:
        registries.triggers.register(cls.key, cls)


def install(runtime) -> None:
    from .flow_kind import FlowKind

    runtime.definition_kinds.add(FlowKind(runtime.registries))
