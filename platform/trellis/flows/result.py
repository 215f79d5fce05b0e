"""What running a node answers (flows/node_type.py): its output (kept as the node's step
output, `$steps.<id>` and `$prev` to later nodes) and where the run goes next: on to the
next node (the default), into one of its step lists (`enter`, a branch), into all of them
(`fork`, a parallel block), once per item (`loop`, a for-each), waiting (`wait`: until a
time, or a condition with a time-out), back to an earlier node (`goto`: its id, a human
step returned to it), or to the end of the run (`end`)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Result:
    output: dict | None = None
    enter: str | None = None        # a pointer suffix of the node's step list to run next
    fork: list[str] | None = None   # pointer suffixes of the lists that run side by side
    loop: list | None = None        # the items a loop runs its body for
    wait: dict | None = None        # {"until": iso, "condition": rule, "timeout": iso, ...}
    goto: str | None = None        # the id of an earlier node on the token's way to run again
    end: bool = False
