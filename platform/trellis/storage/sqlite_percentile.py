"""`trellis_percentile(x, p)`: the continuous percentile of SQLite's values, registered on
every SQLite connection (storage/database.py) as an aggregate, so a median or a p90 is
computed inside the query, beside GROUP BY, like PostgreSQL's `percentile_cont(p) WITHIN
GROUP (ORDER BY x)` and with its definition: the value at rank p * (n - 1) of the sorted
non-empty values, interpolated linearly between its neighbours; NULL when there are none
or p is outside 0..1."""
from __future__ import annotations

import math


class Percentile:
    def __init__(self):
        self.values: list[float] = []
        self.p = None

    def step(self, value, p) -> None:
        if self.p is None:
            self.p = p
        if value is not None:
            self.values.append(float(value))

    def finalize(self):
        values, p = self.values, self.p
        if not values or p is None or not 0 <= float(p) <= 1:
            return None
        values.sort()
        rank = float(p) * (len(values) - 1)
        low, high = math.floor(rank), math.ceil(rank)
        return values[low] + (values[high] - values[low]) * (rank - low)
