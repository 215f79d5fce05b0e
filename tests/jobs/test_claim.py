"""Claiming in parallel: several claimers (threads with their own connections, as worker
processes would be) take disjoint sets of the due jobs and together take each once; on
PostgreSQL through FOR UPDATE SKIP LOCKED, on SQLite through the write gate."""
from __future__ import annotations

import threading

from trellis.jobs import enqueue


def test_parallel_claimers_take_each_job_once(jrt):
    with jrt.transaction() as conn:
        for i in range(300):
            enqueue(conn, "test.effect", {"key": str(i)})
    taken: dict[str, list[int]] = {}
    start = threading.Barrier(4)

    def claimer(owner: str):
        start.wait()
        mine = taken.setdefault(owner, [])
        while True:
            got = jrt.jobs.dispatcher.claim(25, owner=owner)
            if not got:
                return
            mine.extend(j["id"] for j in got)
    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    ids = [i for mine in taken.values() for i in mine]
    assert len(ids) == 300 and len(set(ids)) == 300
    assert sum(1 for mine in taken.values() if mine) >= 2  # the work was shared
