"""Interval reasoning over a decision table's inputs: exact overlap and gap detection.

Every cell is a union of intervals of an ordered domain (numbers: the reals; dates: whole
days) or a finite / co-finite set of a text domain (bool: {true, false}), plus null or
not. The boundaries that all cells of an input name cut its domain into *pieces* (each
boundary point, each open stretch between two, the stretches below the first and above the
last; for text, each named value and "any other text"; null), and every cell is constant
on every piece. So a representative value per piece decides a cell for the whole piece,
and a rule is a box: one set of pieces per input (a bit mask). Then

- two rules overlap when their boxes share a piece on every input;
- a rule is shadowed when its box lies inside the union of earlier boxes;
- the table has a gap when the union of all boxes misses a point of the domain,

each decided by splitting the box input by input (`uncovered`), grouping pieces that the
same rules match, with a budget on the number of steps (a table past it is reported as too
large to check, not as wrong). Gaps are sought among non-null inputs only."""
from __future__ import annotations

from datetime import date

from .cells import Cell, matches

OTHER_TEXT = "其他 / other"
BUDGET = 200_000


class TooLarge(Exception):
    """The search went past its budget of steps."""


def _ordered_pieces(points: list, discrete: bool) -> list:
    if not points:
        return [0]
    out = [points[0] - 1]
    for a, b in zip(points, points[1:]):
        out.append(a)
        if not discrete:
            out.append((a + b) / 2)
        elif b - a > 1:
            out.append(a + 1)
    out += [points[-1], points[-1] + 1]
    return out


def piece_values(type_: str, cells: list[Cell]) -> list:
    """A representative value of each piece of an input's domain, null last."""
    values = set()
    for cell in cells:
        for a in cell.atoms:
            for v in (a.value, a.high if a.op == "range" else None):
                if v is not None:
                    values.add(v)
    if type_ == "bool":
        return [True, False, None]
    if type_ == "text":
        other = OTHER_TEXT
        while other in values:
            other += "…"
        return sorted(values) + [other, None]
    if type_ == "date":
        days = sorted(date.fromisoformat(v).toordinal() for v in values)
        return [date.fromordinal(d).isoformat() for d in _ordered_pieces(days, True)] + [None]
    points = sorted(values)
    return [int(v) if isinstance(v, float) and v.is_integer() else v for v in _ordered_pieces(points, False)] + [None]


class Boxes:
    """The rules of a table as boxes over the pieces of its inputs."""

    def __init__(self, inputs: list, rules: list):
        self.inputs = inputs
        self.values = [piece_values(c.type, [r.cells[k] for r in rules]) for k, c in enumerate(inputs)]
        self.masks = [[sum(1 << p for p, v in enumerate(self.values[k]) if matches(r.cells[k], v, c.type))
                       for k, c in enumerate(inputs)] for r in rules]
        self.full = [(1 << len(v)) - 1 for v in self.values]
        self.non_null = [m & ~(1 << (len(v) - 1)) for m, v in zip(self.full, self.values)]
        self.steps = 0

    def empty(self, i: int) -> bool:
        return any(m == 0 for m in self.masks[i])

    def example(self, region: list[int]) -> dict:
        """An input (id -> value) inside a region, from its lowest piece on each input."""
        out = {}
        for k, c in enumerate(self.inputs):
            mask = region[k]
            p = (mask & -mask).bit_length() - 1
            out[c.id] = self.values[k][p]
        return out

    def overlap(self, i: int, j: int) -> dict | None:
        """An input both rules i and j match, or None."""
        common = [a & b for a, b in zip(self.masks[i], self.masks[j])]
        return None if any(m == 0 for m in common) else self.example(common)

    def uncovered(self, region: list[int], rules: list[int]) -> dict | None:
        """A point of `region` that none of `rules` matches, or None (TooLarge past the budget)."""
        self.steps = 0
        return self._uncovered(list(region), [r for r in rules if all(m & g for m, g in zip(self.masks[r], region))], 0)

    def _uncovered(self, region: list[int], rules: list[int], k: int):
        self.steps += 1
        if self.steps > BUDGET:
            raise TooLarge()
        if not rules:
            return self.example(region)
        if k == len(region):
            return None
        for r in rules:
            if all(self.masks[r][j] & region[j] == region[j] for j in range(k, len(region))):
                return None
        groups: dict[tuple, int] = {}
        mask = region[k]
        while mask:
            bit = mask & -mask
            mask ^= bit
            key = tuple(r for r in rules if self.masks[r][k] & bit)
            groups[key] = groups.get(key, 0) | bit
        for key, piece in groups.items():
            found = self._uncovered(region[:k] + [piece] + region[k + 1:], list(key), k + 1)
            if found is not None:
                return found
        return None
