"""A job worker in a process of its own, for the tests that kill one: `python job_worker.py
DATABASE_URL EFFECTS_DIR` runs the due jobs of that database with the handlers of
`handlers.py` (the slow one sleeps long enough to be killed mid-run)."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "platform"))
sys.path.insert(0, str(HERE))

from handlers import register  # noqa: E402
from trellis.runtime import Runtime  # noqa: E402
from trellis.storage.database import make_engine  # noqa: E402

if __name__ == "__main__":
    url, effects = sys.argv[1], sys.argv[2]
    rt = Runtime(make_engine(url), ttl=0)
    register(rt, effects, slow_seconds=60)
    rt.jobs.run_due()
