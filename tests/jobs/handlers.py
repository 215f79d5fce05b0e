"""Job handlers of the tests: `effect` leaves one line per key in a file (idempotent: a
key already written is not written again) after announcing that it started and, when
slow, sleeping (long enough for a test to kill its process mid-run)."""
from __future__ import annotations

import os
import time
from pathlib import Path


def register(rt, effects_dir, slow_seconds: float = 0.0, **policy) -> None:
    folder = Path(effects_dir)
    folder.mkdir(parents=True, exist_ok=True)

    def effect(key: str) -> None:
        (folder / f"started-{key}-{os.getpid()}").write_text("1")
        if slow_seconds:
            time.sleep(slow_seconds)
        done = folder / "effects.txt"
        lines = done.read_text().splitlines() if done.exists() else []
        if key not in lines:
            with open(done, "a") as f:
                f.write(key + "\n")
    rt.jobs.register("test.effect", effect, **policy)


def effects(effects_dir) -> list[str]:
    done = Path(effects_dir) / "effects.txt"
    return done.read_text().splitlines() if done.exists() else []
