"""Excel / CSV import: mapping columns to fields (mapping.py), reading references
(resolve.py), keys and file duplicates (keys.py), the run (job.py: ImportJob), batches
with progress and cancel (batches.py), saved mappings (saved.py), the error workbook and
summary (report.py) and rolling a batch back (rollback.py). The API (api/imports.py)
and the CLI (cli_imports.py) start runs; `register` makes `imports.run` a job of the
runtime (`runtime.jobs`: the in-process scheduler, or Celery when a broker is configured)."""
from __future__ import annotations

TASK = "imports.run"


def register(runtime) -> None:
    """Register the import job: up to 3 attempts; a run whose worker died is found by its
    lease and its batch marked failed (see `ImportJob.run`)."""
    def run_import(batch_id: int) -> dict:
        from .job import run_batch

        return run_batch(runtime, batch_id)

    runtime.jobs.register(TASK, run_import, max_attempts=3, lease=120)
