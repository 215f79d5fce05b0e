"""Counts for listings: exact, or estimated past a threshold and marked so.

`estimate` (the default) counts exactly up to the threshold (a capped scan); past it,
the share of matching rows in a few id windows is scaled to the id range, the same on
SQLite and PostgreSQL (the planner's own estimate is too rough before ANALYZE). A table
no larger than the sample is counted exactly, since that costs no more. The reply says
which: {"count": n, "count_exact": bool}.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.sql import visitors
from sqlalchemy.sql.util import ClauseAdapter

WINDOWS = 4
WINDOW = 2500


def _exact(conn, t, where) -> dict:
    n = conn.execute(sa.select(sa.func.count()).select_from(t).where(*where)).scalar()
    return {"count": n, "count_exact": True}


def count(conn, form, where: list, *, mode: str = "estimate", threshold: int = 1000) -> dict:
    t = form.table
    if mode == "exact":
        return _exact(conn, t, where)
    capped = sa.select(t.c.id).where(*where).limit(threshold + 1).subquery()
    n = conn.execute(sa.select(sa.func.count()).select_from(capped)).scalar()
    if n <= threshold:
        return {"count": n, "count_exact": True}
    # one aggregate per query: SQLite answers a lone min() or max() from the index
    lo = conn.execute(sa.select(sa.func.min(t.c.id))).scalar()
    hi = conn.execute(sa.select(sa.func.max(t.c.id))).scalar()
    if hi - lo < WINDOWS * WINDOW:
        return _exact(conn, t, where)
    return {"count": max(_sampled(conn, t, where, lo, hi), threshold + 1), "count_exact": False}


def estimate(conn, t, where) -> int:
    """The estimated number of rows matching `where` (the same id-window sample)."""
    lo = conn.execute(sa.select(sa.func.min(t.c.id))).scalar()
    hi = conn.execute(sa.select(sa.func.max(t.c.id))).scalar()
    if lo is None:
        return 0
    if hi - lo < WINDOWS * WINDOW:
        return _exact(conn, t, where)["count"]
    return _sampled(conn, t, where, lo, hi)


def _sampled(conn, t, where, lo: int, hi: int) -> int:
    """Each window is read through the primary key first (a LIMITed subquery the planner
    keeps apart), so the filter's own indexes cannot turn a small sample into a range scan."""
    span = hi - lo + 1
    seen = hit = 0
    cols = {t.c.id} | {c for w in where for c in visitors.iterate(w) if isinstance(c, sa.Column) and c.table is t}
    step = max(span // WINDOWS, 1)
    for i in range(WINDOWS):
        a = lo + i * step
        window = sa.select(*cols).where(t.c.id >= a, t.c.id < a + WINDOW).limit(WINDOW).subquery()
        adapt = ClauseAdapter(window).traverse
        n, m = conn.execute(sa.select(sa.func.count(), sa.func.count().filter(sa.and_(*[adapt(w) for w in where])))
                            .select_from(window)).one()
        seen += n
        hit += m
    return round(span * hit / seen) if seen else 0
