"""Excel / CSV import: mapping columns to fields (mapping.py), reading references
(resolve.py), keys and file duplicates (keys.py), the run (job.py: ImportJob), batches
with progress and cancel (batches.py), saved mappings (saved.py), the error workbook and
summary (report.py) and rolling a batch back (rollback.py). The API (api/imports.py)
and the CLI (cli_imports.py) start runs; `register` makes `imports.run` a task of the
runtime's task runner (a Celery task when a broker is configured)."""
from __future__ import annotations

TASK = "imports.run"


def register(runtime) -> None:
    """Register the import task on the runtime's task runner."""
    def run_import(batch_id: int) -> dict:
        from .job import run_batch

        return run_batch(runtime, batch_id)

    runtime.tasks.register(TASK, run_import)
