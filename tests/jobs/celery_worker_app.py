"""The Celery app of the scaled-out test: `celery -A celery_worker_app worker -B` with
JOBS_TEST_DB (a database URL), JOBS_TEST_EFFECTS (a folder) and JOBS_TEST_REDIS set. The
job function is registered after the Celery app was made, as an engine or plugin loaded
late would be: the worker must still run it."""
from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "platform"))
sys.path.insert(0, str(HERE))

from handlers import register  # noqa: E402
from trellis.runtime import Runtime  # noqa: E402
from trellis.storage.database import make_engine  # noqa: E402

rt = Runtime(make_engine(os.environ["JOBS_TEST_DB"]), ttl=0, redis_url=os.environ["JOBS_TEST_REDIS"])
celery = rt.jobs.celery
register(rt, os.environ["JOBS_TEST_EFFECTS"])  # after the Celery app exists
