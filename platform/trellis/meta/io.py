"""Apps on disk: export to a folder of JSON files and import back, idempotently.

Layout: `app.json`, `forms/<id>.json`, `views/<id>.json`, `roles/<id>.json`, and
`<kind>s/<id>.json` for any other registered kind of definition. Files have a stable key order
(sorted), two-space indentation, UTF-8 text and only non-default keys, so a diff in git
shows what a user changed. Importing saves each file as a draft and publishes it only
when it differs from the published version: importing the same folder twice changes
nothing the second time.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..kernel.errors import DefinitionInvalid, bilingual

DEFAULT_FALSE = ("required", "unique", "indexed", "hidden", "deleted", "readonly", "shared")
FOLDERS = {"form": "forms", "view": "views", "role": "roles"}


def strip_defaults(value):
    """Drop keys whose value is the default (false flags, empty containers, null)."""
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if v is None or (k in DEFAULT_FALSE and v is False):
                continue
            out[k] = strip_defaults(v)
        return out
    if isinstance(value, list):
        return [strip_defaults(v) for v in value]
    return value


def dumps(body) -> str:
    return json.dumps(strip_defaults(body), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def folders(kinds=()) -> dict[str, str]:
    """Kind -> its folder in an app export: FOLDERS for the core's kinds, `<kind>s` for any
    other of the registered `kinds` (the app itself is `app.json`)."""
    out = dict(FOLDERS)
    for key in kinds:
        if key != "app":
            out.setdefault(key, key + "s")
    return out


def exported(store, app: str, kind: str, key: str) -> dict:
    """What an export holds of one definition: the published version, else the draft."""
    found = store.published(app, kind, key)
    return found[0] if found else store.draft(app, kind, key)


def export_app(runtime, app: str, folder: str | Path) -> list[Path]:
    """Write the app's published definitions (drafts when never published) to `folder`."""
    folder = Path(folder)
    store = runtime.store
    subfolders = folders(runtime.definition_kinds)
    written = []
    for d in store.list(app):
        body = exported(store, app, d["kind"], d["key"])
        if d["kind"] == "app":
            path = folder / "app.json"
        else:
            path = folder / subfolders.get(d["kind"], d["kind"] + "s") / f"{d['key']}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(body), encoding="utf-8")
        written.append(path)
    return written


def _read(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise DefinitionInvalid([{"pointer": "", "file": str(path), "code": "malformed", "message": bilingual(
            f"{path.name}:JSON 格式错误,第 {e.lineno} 行:{e.msg}", f"{path.name}: invalid JSON at line {e.lineno}: {e.msg}")}]) from None


def read_folder(folder: str | Path, kinds=()) -> tuple[dict, list[tuple[str, dict]]]:
    """The app and its definitions as (kind, body): decision tables, then forms in the app's order; `kinds`:
    the registered kinds whose folders are read besides the core's."""
    folder = Path(folder)
    app = _read(folder / "app.json")
    items = []
    for kind, sub in folders(kinds).items():
        for path in sorted((folder / sub).glob("*.json")):
            items.append((kind, _read(path)))
    order = {f: i for i, f in enumerate(app.get("forms", []))}
    # decision tables first (formulas of forms call them), then forms, then what reads forms;
    # dashboards last (they show reports)
    rank = {"decision": 0, "form": 1, "dashboard": 3}
    items.sort(key=lambda kv: (rank.get(kv[0], 2), order.get(kv[1].get("id"), len(order))))
    return app, items


def import_app(runtime, folder: str | Path, user_id: int | None = None, *, skip=(), only=None) -> dict:
    """Import a folder: all drafts saved, then changed definitions published, in one
    transaction; `skip` / `only`: kinds left out / the only kinds imported (besides the
    app). Returns {"published": [...], "unchanged": [...]}."""
    app, items = read_folder(folder, runtime.definition_kinds)
    items = [(k, b) for k, b in items if k not in skip and (only is None or k in only)]
    app_id = app.get("id")
    store = runtime.store
    result = {"app": app_id, "published": [], "unchanged": []}
    with runtime.transaction() as conn:
        todo = []
        for kind, body in [("app", app)] + items:
            key = body.get("id")
            found = store.published(app_id, kind, key, conn)
            if found is not None and strip_defaults(found[0]) == strip_defaults(body):
                result["unchanged"].append(f"{kind}:{key}")
                continue
            store.save_draft(app_id, kind, key, body, user_id, conn)
            todo.append((kind, key))
        for kind, key in todo:
            store.publish(app_id, kind, key, user_id, "imported", conn)
            result["published"].append(f"{kind}:{key}")
    runtime.invalidate()
    return result
