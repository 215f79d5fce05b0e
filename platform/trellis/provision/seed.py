"""Loading a seed app: its definitions (an app import) and, for apps that ship a
generator (`seeds/<app>/generate.py`), synthetic demo data streamed through the record
service's bulk path in chunks, one transaction per chunk. An instance given demo data is
marked as such (`trellis jobs run --simulate` is allowed on it)."""
from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import sqlalchemy as sa

from ..jobs.simulation import mark_demo
from ..kernel.actor import SYSTEM
from ..meta.io import import_app
from .org import load_org

def seed_folder(seeds_dir: str, app: str) -> Path:
    folder = Path(seeds_dir) / app
    if not (folder / "app.json").exists():
        raise FileNotFoundError(f"no seed app {app!r} in {seeds_dir}")
    return folder


def load_generator(folder: Path):
    path = folder / "generate.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(f"trellis_seed_{folder.name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_channels(runtime, folder: Path, app: str) -> list[str]:
    """The notification channels a seed ships (`channels.json`: {"schema_version": 1,
    "channels": [{"name", "type", "label", "config"?}]}), those not configured yet:
    the demo's all record into the outbox, so nothing leaves a demo."""
    path = folder / "channels.json"
    if not path.exists() or runtime.notify is None or not runtime.secret:
        return []  # a runtime without the instance secret (a script's) cannot seal a configuration
    added = []
    with runtime.transaction() as conn:
        have = {r["name"] for r in runtime.notify.channels.rows(conn, app)}
        for spec in json.loads(path.read_text(encoding="utf-8"))["channels"]:
            if spec["name"] not in have:
                runtime.notify.channels.save(conn, app, spec["name"], spec, None, runtime.clock.now())
                added.append(spec["name"])
    return added


def _seed_flows(runtime, folder, result: dict, wanted: bool) -> None:
    if wanted:
        done = import_app(runtime, folder, only=("flow",))
        result["published"] += done["published"]
        result["unchanged"] += [k for k in done["unchanged"] if not k.startswith("app:")]


def seed_app(runtime, seeds_dir: str, app: str, clients: int = 0, *, progress=print, chunk: int = 5000,
             flows: bool = True) -> dict:
    """The app's definitions, channels, organization and `clients` synthetic clients; the
    flows last (`flows`: at all), so generated history starts no run of a record trigger
    (a threshold's first scan, on publish, still finds the records past it)."""
    folder = seed_folder(seeds_dir, app)
    result = import_app(runtime, folder, skip=("flow",))
    seed_channels(runtime, folder, app)
    gen = load_generator(folder)
    managers = gen.managers(clients) if gen is not None and clients else []
    departments, manager_ids = load_org(runtime.engine, folder, app, managers)
    if not managers:
        _seed_flows(runtime, folder, result, flows)
        return {"definitions": result, "rows": {}}
    offsets = {}
    with runtime.engine.connect() as conn:
        for form in runtime.forms_of(app):
            offsets[form.id] = conn.execute(sa.select(sa.func.coalesce(sa.func.max(form.table.c.id), 0))).scalar()
    services = {f.id: runtime.records(app, f.id, SYSTEM) for f in runtime.forms_of(app)}
    dept_fields = {f.id: [t.id for t in f.active if t.key == "department"] for f in runtime.forms_of(app)}
    counts: dict[str, int] = {}
    analyzed: dict[str, int] = {}
    started = time.monotonic()
    done_clients = 0
    for form_id, rows in gen.generate(clients, manager_ids=manager_ids, id_offsets=offsets, chunk=chunk):
        for fid in dept_fields.get(form_id, ()):  # the generator names departments by code
            for row in rows:
                if row.get(fid) is not None:
                    row[fid] = departments.get(row[fid])
        with runtime.transaction() as conn:
            # synthetic demo data: loaded as the system, without an audit entry per row
            services[form_id].bulk_create(rows, conn=conn, keep_ids=True, return_records=False, audit=False)
        counts[form_id] = counts.get(form_id, 0) + len(rows)
        if counts[form_id] >= analyzed.get(form_id, 0):
            # statistics as the table grows (at 1, 2, 4, ... times a chunk): without them the
            # planner of a rollup's aggregate (min(trade_date) of one client) walks the wrong index
            runtime.analyze(app, {form_id})
            analyzed[form_id] = 2 * counts[form_id]
        if form_id == "client":
            done_clients += len(rows)
            rate = sum(counts.values()) / max(time.monotonic() - started, 1e-9)
            progress(f"  {done_clients}/{clients} clients, {sum(counts.values())} rows, {rate:,.0f} rows/s")
    runtime.analyze(app)
    _seed_flows(runtime, folder, result, flows)
    mark_demo(runtime.engine)  # this instance holds demo data: `trellis jobs run --simulate` may move its time
    return {"definitions": result, "rows": counts, "seconds": round(time.monotonic() - started, 1)}
