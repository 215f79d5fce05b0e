"""Where a run stands: its tokens, and how a token moves through a block-structured body.

A run's cursor is `{"tokens": [...], "next": n}`. A token is one thread of the run:
`{"id", "at": JSON pointer of the node it runs next, "wait": a waiting node's state or
None, "parent": the token that forked it, "join": the parallel node it joins at,
"loops": [{"at": for-each node pointer, "i": index, "items": [...]}]}`. A token whose
parallel node is waiting for its branches has `at` on that node and `joining: true`.

Moving on from a node is structural, never an edge: the next node of the same list; at
the end of a list, the end of the container that holds it: after a branch node, back to
the loop's next item, or the join of a parallel branch (the forking token moves on when
its last branch is done); the end of the top-level list ends the token.
"""
from __future__ import annotations

import re

_SUFFIXES = (re.compile(r"/branches/\d+/steps$"), re.compile(r"/default/steps$"), re.compile(r"/steps$"))


def start() -> dict:
    return {"tokens": [{"id": 1, "at": "/steps/0", "wait": None, "parent": None, "join": None, "loops": []}],
            "next": 2}


def resolve(body: dict, pointer: str):
    """The value at a JSON pointer of the body (None when it is not there)."""
    cur = body
    for part in pointer.strip("/").split("/") if pointer.strip("/") else []:
        if isinstance(cur, list):
            if not part.isdigit() or int(part) >= len(cur):
                return None
            cur = cur[int(part)]
        elif isinstance(cur, dict):
            cur = cur.get(part)
        else:
            return None
    return cur


def container_of(list_pointer: str) -> str | None:
    """The node holding a step list (`/steps/3/branches/1/steps`, `/steps/3/default/steps` -> `/steps/3`); None at the top."""
    if list_pointer == "/steps":
        return None
    for suffix in _SUFFIXES:
        m = suffix.search(list_pointer)
        if m:
            return list_pointer[:m.start()]
    return None


class Mover:
    """Moves tokens of one run over `body`; `kind_of(node)` answers "parallel", "loop" or
    None for a node's container behaviour."""

    def __init__(self, body: dict, cursor: dict, kind_of):
        self.body = body
        self.cursor = cursor
        self.kind_of = kind_of

    @property
    def tokens(self) -> list[dict]:
        return self.cursor["tokens"]

    def token(self, token_id: int) -> dict | None:
        return next((t for t in self.tokens if t["id"] == token_id), None)

    def runnable(self) -> dict | None:
        return next((t for t in self.tokens if not t.get("joining") and not t.get("wait")), None)

    def after(self, tok: dict, pointer: str) -> None:
        """Move `tok` past the node at `pointer`."""
        lst, _, index = pointer.rpartition("/")
        i = int(index)
        steps = resolve(self.body, lst) or []
        if i + 1 < len(steps):
            tok["at"] = f"{lst}/{i + 1}"
        else:
            self.list_end(tok, lst)

    def enter(self, tok: dict, list_pointer: str) -> None:
        """Move `tok` to the first node of a step list (or past it, when empty)."""
        if resolve(self.body, list_pointer):
            tok["at"] = f"{list_pointer}/0"
        else:
            self.list_end(tok, list_pointer)

    def fork(self, tok: dict, list_pointers: list[str]) -> None:
        """One token per branch of the parallel node `tok` is on; `tok` waits for them."""
        here = tok["at"]
        tok["joining"] = True
        for lp in list_pointers:
            child = {"id": self.cursor["next"], "at": None, "wait": None, "parent": tok["id"], "join": here,
                     "loops": []}
            self.cursor["next"] += 1
            self.tokens.append(child)
            self.enter(child, lp)
        self._maybe_join(tok)

    def loop(self, tok: dict, items: list) -> None:
        """Run the for-each node's body once per item (moves past it when there are none)."""
        here = tok["at"]
        if not items:
            self.after(tok, here)
            return
        tok["loops"].append({"at": here, "i": 0, "items": items})
        self.enter(tok, f"{here}/steps")

    def earlier(self, tok: dict) -> list[tuple[str, dict]]:
        """(pointer, node) of the nodes a token can go back to: those before it in its own
        step list and in the lists holding that one, up to the nearest parallel branch or
        loop (going back never leaves one), nearest first."""
        out = []
        at = tok["at"]
        while at:
            lst, _, index = at.rpartition("/")
            steps = resolve(self.body, lst) or []
            out += [(f"{lst}/{i}", steps[i]) for i in range(int(index) - 1, -1, -1) if isinstance(steps[i], dict)]
            owner = container_of(lst)
            if owner is None or self.kind_of(resolve(self.body, owner)) in ("parallel", "loop"):
                break
            at = owner
        return out

    def goto(self, tok: dict, node_id: str) -> None:
        """Move `tok` back to the earlier node `node_id` (see `earlier`)."""
        for pointer, node in self.earlier(tok):
            if node.get("id") == node_id:
                tok["at"] = pointer
                return
        raise ValueError(f"node {node_id} is not before {tok['at']}")

    def end_all(self) -> None:
        self.cursor["tokens"] = []

    def list_end(self, tok: dict, list_pointer: str) -> None:
        owner = container_of(list_pointer)
        if owner is None:
            self._finish(tok)
            return
        kind = self.kind_of(resolve(self.body, owner))
        if kind == "parallel" and tok.get("join") == owner:
            self._finish(tok)
            parent = self.token(tok["parent"])
            if parent is not None:
                self._maybe_join(parent)
        elif kind == "loop" and tok["loops"] and tok["loops"][-1]["at"] == owner:
            frame = tok["loops"][-1]
            frame["i"] += 1
            if frame["i"] < len(frame["items"]):
                self.enter(tok, f"{owner}/steps")
            else:
                tok["loops"].pop()
                self.after(tok, owner)
        else:
            self.after(tok, owner)

    def _finish(self, tok: dict) -> None:
        self.cursor["tokens"] = [t for t in self.tokens if t["id"] != tok["id"]]

    def _maybe_join(self, parent: dict) -> None:
        if parent.get("joining") and not any(t.get("parent") == parent["id"] for t in self.tokens):
            parent["joining"] = False
            self.after(parent, parent["at"])


def item_of(tok: dict):
    """The current item of the innermost for-each loop of a token (None outside loops)."""
    if tok and tok.get("loops"):
        frame = tok["loops"][-1]
        return frame["items"][frame["i"]]
    return None
