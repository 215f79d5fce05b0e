"""A flow worker in a process of its own, for the test that kills one mid-run: `python
flow_worker.py DATABASE_URL MARK_DIR` runs the due jobs of that database with a `pause`
node type that marks its start and sleeps long enough to be killed inside its step."""
from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "platform"))

from trellis.flows.node_type import NodeType  # noqa: E402
from trellis.flows.result import Result  # noqa: E402
from trellis.plugins.loader import registries  # noqa: E402
from trellis.runtime import Runtime  # noqa: E402
from trellis.storage.database import make_engine  # noqa: E402


class SlowPause(NodeType):
    key = "pause"
    label = {"zh": "暂停", "en": "Pause"}

    def run(self, node, step):
        marks = Path(sys.argv[2])
        marks.mkdir(parents=True, exist_ok=True)
        (marks / f"paused-{step.run['id']}").write_text("1")
        time.sleep(60)
        return Result()


if __name__ == "__main__":
    registries.node_types.register(SlowPause.key, SlowPause)
    rt = Runtime(make_engine(sys.argv[1]), ttl=0)
    rt.jobs.run_due()
