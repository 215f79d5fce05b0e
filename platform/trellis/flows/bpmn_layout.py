"""The diagram of a BPMN export (flows/bpmn.py): a left-to-right layered layout computed
from the flow's block structure, never from a graph search. A body is boxes in boxes:

- `Leaf`: one flow node (task 100×80, event 36×36, gateway 50×50);
- `Seq`: boxes one after the other on a common centre line (the box's `axis`);
- `Fork`: a split gateway, its branches stacked top to bottom, a join gateway; the first
  branch runs on the centre line, an empty branch is a corridor of its own below;
- `Frame`: an expanded sub-process around a `Seq`;
- `Fixed`: shapes at positions the builder chose (a human step with its time-outs).

`measure()` answers (width, height, axis); `place(x, top)` fixes every shape's bounds.
Edges are routed afterwards from the shapes' bounds (`route`): straight when the centres
line up, out of a gateway's top or bottom, into a join's top or bottom, down from a
boundary event, back into the lower left side of an earlier shape for a loop."""
from __future__ import annotations

from dataclasses import dataclass, field

SIZES = {"task": (100, 80), "event": (36, 36), "gateway": (50, 50), "boundary": (36, 36)}
H_GAP = 50    # between boxes of a sequence
V_GAP = 40    # between the branches of a fork
PAD = 30      # inside a sub-process frame
TITLE = 20    # above a sub-process's content: its name
LANE = 30     # the height of an empty branch's corridor


@dataclass
class Shape:
    id: str
    kind: str                      # task | event | gateway | boundary | subprocess
    w: float = 0
    h: float = 0
    x: float = 0
    y: float = 0

    @classmethod
    def of(cls, ident: str, kind: str) -> "Shape":
        w, h = SIZES.get(kind, SIZES["task"])
        return cls(ident, kind, w, h)

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass
class Edge:
    id: str
    source: str
    target: str
    points: list = field(default_factory=list)  # preset waypoints (else routed)


class Leaf:
    def __init__(self, shape: Shape):
        self.shape = shape

    def measure(self):
        return self.shape.w, self.shape.h, self.shape.h / 2

    def place(self, x: float, top: float) -> None:
        self.shape.x, self.shape.y = x, top


class Seq:
    def __init__(self, boxes: list):
        self.boxes = boxes

    def measure(self):
        if not self.boxes:
            return 0, 0, 0
        sizes = [b.measure() for b in self.boxes]
        axis = max(a for _w, _h, a in sizes)
        below = max(h - a for _w, h, a in sizes)
        width = sum(w for w, _h, _a in sizes) + H_GAP * (len(sizes) - 1)
        return width, axis + below, axis

    def place(self, x: float, top: float) -> None:
        if not self.boxes:
            return
        _w, _h, axis = self.measure()
        for box in self.boxes:
            w, _bh, a = box.measure()
            box.place(x, top + axis - a)
            x += w + H_GAP


class Fork:
    """`branches`: [(Seq, the split→join edge of an empty branch or None)]."""

    def __init__(self, split: Shape, branches: list, join: Shape):
        self.split, self.branches, self.join = split, branches, join

    def _rows(self):
        """(top, height, axis) of each branch relative to the fork's top, and the fork's axis."""
        sizes = [seq.measure() if seq.boxes else (0, LANE, LANE / 2) for seq, _e in self.branches]
        first_axis = sizes[0][2] if sizes else LANE / 2
        axis = max(first_axis, self.split.h / 2)
        rows, top = [], axis - first_axis
        for w, h, a in sizes:
            rows.append((top, h, a, w))
            top += h + V_GAP
        return rows, axis

    def measure(self):
        rows, axis = self._rows()
        inner = max([r[3] for r in rows] + [0])
        width = self.split.w + H_GAP + inner + H_GAP + self.join.w
        height = max([r[0] + r[1] for r in rows] + [axis + self.split.h / 2])
        return width, height, axis

    def place(self, x: float, top: float) -> None:
        rows, axis = self._rows()
        width, _h, _a = self.measure()
        self.split.x, self.split.y = x, top + axis - self.split.h / 2
        self.join.x, self.join.y = x + width - self.join.w, top + axis - self.join.h / 2
        inner_x = x + self.split.w + H_GAP
        for i, ((seq, edge), (rtop, _rh, ra, _rw)) in enumerate(zip(self.branches, rows)):
            if seq.boxes:
                seq.place(inner_x, top + rtop)
            elif edge is not None and i > 0:
                lane = top + rtop + ra
                edge.points = [(self.split.cx, self.split.y + self.split.h), (self.split.cx, lane),
                               (self.join.cx, lane), (self.join.cx, self.join.y + self.join.h)]


class Frame:
    def __init__(self, shape: Shape, inner: Seq):
        self.shape, self.inner = shape, inner

    def measure(self):
        w, h, a = self.inner.measure()
        return w + 2 * PAD, h + 2 * PAD + TITLE, PAD + TITLE + a

    def place(self, x: float, top: float) -> None:
        w, h, _a = self.measure()
        self.shape.x, self.shape.y, self.shape.w, self.shape.h = x, top, w, h
        self.inner.place(x + PAD, top + PAD + TITLE)


class Fixed:
    """Shapes at offsets chosen by the builder: [(shape, dx, dy)], the axis given."""

    def __init__(self, items: list, axis: float):
        self.items, self.axis = items, axis

    def measure(self):
        width = max(dx + s.w for s, dx, _dy in self.items)
        height = max(dy + s.h for s, _dx, dy in self.items)
        return width, height, self.axis

    def place(self, x: float, top: float) -> None:
        for shape, dx, dy in self.items:
            shape.x, shape.y = x + dx, top + dy


def route(edge: Edge, s: Shape, t: Shape) -> list[tuple[float, float]]:
    """The waypoints of an edge from `s` to `t` (see the module docstring)."""
    if edge.points:
        return edge.points
    if s.kind == "boundary":
        if t.x >= s.cx:
            return [(s.cx, s.y + s.h), (s.cx, t.cy), (t.x, t.cy)]
        return [(s.cx, s.y + s.h), (s.cx, t.y + t.h + 20), (t.cx, t.y + t.h + 20), (t.cx, t.y + t.h)]
    if t.x + t.w <= s.x:  # back to the left: a loop into the lower left side of an earlier shape
        x, y = t.x - H_GAP / 3, t.y + t.h * 0.8
        return [(s.x, s.cy), (x, s.cy), (x, y), (t.x, y)]
    if abs(s.cy - t.cy) < 1:
        return [(s.x + s.w, s.cy), (t.x, t.cy)]
    if s.kind == "gateway":
        return [(s.cx, s.y + s.h if t.cy > s.cy else s.y), (s.cx, t.cy), (t.x, t.cy)]
    if t.kind == "gateway":
        return [(s.x + s.w, s.cy), (t.cx, s.cy), (t.cx, t.y + t.h if s.cy > t.cy else t.y)]
    mid = (s.x + s.w + t.x) / 2
    return [(s.x + s.w, s.cy), (mid, s.cy), (mid, t.cy), (t.x, t.cy)]
