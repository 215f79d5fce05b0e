"""A notification worker in a process of its own, for the test that kills one between the
provider's call and the delivery log: `python notify_worker.py TRELLIS_HOME` runs the due
jobs of that instance (the same database and instance secret as the test's app)."""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "platform"))

from trellis import create_app  # noqa: E402

if __name__ == "__main__":
    app = create_app({"TRELLIS_HOME": sys.argv[1], "TESTING": True, "TRELLIS_DEFINITION_TTL": 0})
    print("READY", flush=True)
    app.extensions["trellis"].jobs.run_due()
