"""Flows over REST (definitions themselves go through the generic `/definitions/flow/<key>`):

    GET  /api/v1/flows/types                               node and trigger types (the designer's palette)
    GET  /api/v1/apps/<app>/flows                          flows with run counts over 30 days (administrators)
    GET  /api/v1/apps/<app>/flows/<key>/runs               a flow's runs (?state= &record= &limit=)
    GET  /api/v1/apps/<app>/flow-runs/<id>                 one run: its context, log, path and definition
    POST /api/v1/apps/<app>/flow-runs/<id>/cancel|retry|skip
    POST /api/v1/apps/<app>/flows/<key>/run                start a manual flow {"records": [ids]} (readers)
    POST /api/v1/apps/<app>/flows/<key>/dry-run            {"from", "to", "record"?, "draft"?}: no side effects
    GET  /api/v1/apps/<app>/forms/<form>/manual-flows      the manual flows a record page offers
    GET  /api/v1/apps/<app>/forms/<form>/records/<id>/flow-runs   the record's runs (its 360 timeline)
"""
from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Blueprint, jsonify, request

from ..flows import runs as run_store
from ..kernel.errors import BadRequest, Forbidden, NotFound
from ..kernel.timestamps import stamp
from .auth import actor, login_required, runtime
from .params import body_json, int_param, whole_number

bp = Blueprint("trellis_flows", __name__, url_prefix="/api/v1")
STATES = run_store.LIVE + run_store.ENDED
KIND_WORDS = {"automation": ("自动化", "Automation"), "journey": ("旅程", "Journey")}


def _admin() -> None:
    if not actor().is_admin:
        raise Forbidden("只有管理员可以查看和操作流程的运行", "only administrators see and operate flow runs")


def _member(app: str) -> None:
    me = actor()
    if not (me.is_admin or any(r.startswith(app + ".") for r in me.roles)):
        raise Forbidden(f"您不是应用 {app} 的成员", f"you are not a member of the app {app}")


def _iso(v):
    return stamp(v) if isinstance(v, datetime) else v


def _summary(row: dict, titles: dict | None = None) -> dict:
    out = {k: _iso(row.get(k)) for k in ("id", "flow", "version", "form", "record_id", "state", "seq", "error",
                                         "started_at", "updated_at", "ended_at", "wake_at", "parent_run")}
    out["record_title"] = (titles or {}).get(row.get("record_id"))
    return out


def _titles(rt, conn, app: str, rows: list[dict]) -> dict:
    """The title of each run's record (runs of one form at a time)."""
    out: dict = {}
    by_form: dict[str, set] = {}
    for r in rows:
        if r.get("form") and r.get("record_id") is not None:
            by_form.setdefault(r["form"], set()).add(r["record_id"])
    for form_id, ids in by_form.items():
        try:
            form = rt.form(app, form_id)
        except NotFound:
            continue
        col = form.table.c.get(form.title_field) if form.title_field else None
        if col is None:
            continue
        for rid, title in conn.execute(sa.select(form.table.c.id, col).where(form.table.c.id.in_(ids))):
            out[rid] = None if title is None else str(title)
    return out


def _text(label, lang: str) -> str:
    if isinstance(label, dict):
        return label.get(lang) or label.get("zh") or ""
    return str(label or "")


# -- types ---------------------------------------------------------------------------------------

@bp.get("/flows/types")
@login_required
def types():
    regs = runtime().registries
    nodes = [{"key": k, "label": cls.label, "category": cls.category, "config_schema": cls.config_schema,
              "container": cls.container, "terminal": cls.terminal} for k, cls in sorted(regs.node_types.items())]
    triggers = [{"key": k, "label": cls.label, "config_schema": cls.config_schema, "needs_form": cls.needs_form}
                for k, cls in sorted(regs.triggers.items())]
    return jsonify({"nodes": nodes, "triggers": triggers})


# -- flows and runs ------------------------------------------------------------------------------

@bp.get("/apps/<app>/flows")
@login_required
def flows(app):
    _admin()
    rt = runtime()
    with rt.engine.connect() as conn:
        counts = run_store.counts(conn, app, rt.clock.now())
    items = []
    for d in rt.store.list(app, "flow"):
        found = rt.store.published(app, "flow", d["key"])
        body = found[0] if found else rt.store.draft(app, "flow", d["key"])
        stats = counts.get(d["key"], {"runs": {"total": 0}, "last_run_at": None})
        items.append({"key": d["key"], "label": body.get("label"), "kind": body.get("kind", "automation"),
                      "enabled": body.get("enabled", True) is not False, "form": body.get("form"),
                      "trigger": body.get("trigger"), "published_version": d.get("published_version"),
                      "runs": stats["runs"], "last_run_at": _iso(stats["last_run_at"])})
    return jsonify({"items": items})


@bp.get("/apps/<app>/flows/<key>/runs")
@login_required
def flow_runs(app, key):
    _admin()
    rt = runtime()
    state = request.args.get("state")
    if state is not None and state not in STATES:
        raise BadRequest(f"state 应为 {'/'.join(STATES)} 之一", f"state is one of {', '.join(STATES)}",
                         code="malformed", details={"param": "state"})
    record = int_param(request.args, "record")
    limit = int_param(request.args, "limit", 50, maximum=500)
    with rt.engine.connect() as conn:
        rows = run_store.listing(conn, app, flow=key, record_id=record, state=state, limit=limit)
        titles = _titles(rt, conn, app, rows)
    return jsonify({"items": [_summary(r, titles) for r in rows]})


@bp.get("/apps/<app>/flow-runs/<int:run_id>")
@login_required
def run_detail(app, run_id):
    _admin()
    rt = runtime()
    with rt.engine.connect() as conn:
        row = rt.flows.run_of(conn, app, run_id)
        steps = run_store.steps_of(conn, run_id)
        titles = _titles(rt, conn, app, [row])
    out = _summary(row, titles)
    out["context"] = row["context"]
    out["steps"] = [{**s, "at": _iso(s["at"])} for s in steps]
    out["path"] = [s["node"] for s in steps if s["result"] in ("ok", "waiting", "failed")]
    out["definition"] = rt.flows.catalog.version(app, row["flow"], row["version"])
    return jsonify(out)


def _operate(app: str, run_id: int, what: str):
    _admin()
    rt = runtime()
    if what == "cancel":
        rt.flows.cancel(app, run_id, actor())
    else:
        rt.flows.retry(app, run_id, actor(), skip=what == "skip")
    with rt.engine.connect() as conn:
        return jsonify(_summary(rt.flows.run_of(conn, app, run_id)))


@bp.post("/apps/<app>/flow-runs/<int:run_id>/cancel")
@login_required
def cancel(app, run_id):
    return _operate(app, run_id, "cancel")


@bp.post("/apps/<app>/flow-runs/<int:run_id>/retry")
@login_required
def retry(app, run_id):
    return _operate(app, run_id, "retry")


@bp.post("/apps/<app>/flow-runs/<int:run_id>/skip")
@login_required
def skip(app, run_id):
    return _operate(app, run_id, "skip")


# -- starting by hand, dry runs ------------------------------------------------------------------

@bp.post("/apps/<app>/flows/<key>/run")
@login_required
def run_manual(app, key):
    _member(app)
    payload = body_json(request)
    if payload is None:
        payload = {}
    if not isinstance(payload, dict):
        raise BadRequest('请求体应为 {"records": [记录编号]}', 'the body is {"records": [record ids]}', code="malformed")
    records = payload.get("records") or []
    if not isinstance(records, list) or len(records) > 500:
        raise BadRequest("records 应为最多 500 个记录编号的数组", "records is an array of at most 500 record ids",
                         code="malformed", details={"field": "records"})
    records = [whole_number(r, "records") for r in records]
    variables = payload.get("vars") or {}
    if not isinstance(variables, dict):
        raise BadRequest("vars 应为对象", "vars is an object", code="malformed", details={"field": "vars"})
    started = runtime().flows.start_manual(app, key, actor(), records, variables)
    return jsonify({"runs": started}), 202


def _when(payload: dict, name: str, default: datetime) -> datetime:
    value = payload.get(name)
    if value in (None, ""):
        return default
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise BadRequest(f"{name} 不是有效的日期时间", f"{name} is not a valid date-time", code="malformed",
                         details={"field": name}) from None
    return parsed.astimezone().replace(tzinfo=None) if parsed.tzinfo else parsed


@bp.post("/apps/<app>/flows/<key>/dry-run")
@login_required
def dry_run(app, key):
    _admin()
    rt = runtime()
    payload = body_json(request) or {}
    if not isinstance(payload, dict):
        raise BadRequest("请求体应为对象", "the body is an object", code="malformed")
    if payload.get("draft"):
        body = rt.store.draft(app, "flow", key)
    else:
        found = rt.store.published(app, "flow", key)
        if found is None:
            raise NotFound(f"流程 {key} 未发布", f"flow {key} is not published", details={"flow": key})
        body = found[0]
    now = rt.clock.now()
    end = _when(payload, "to", now)
    start = _when(payload, "from", end - timedelta(days=30))
    if start >= end:
        raise BadRequest("开始时间应早于结束时间", "from is before to", code="malformed", details={"field": "from"})
    record = payload.get("record")
    record = None if record in (None, "") else whole_number(record, "record")
    from ..flows.dry_run import dry_run as replay

    return jsonify(replay(rt, app, body, start=start, end=end, record_id=record, limit=200))


# -- on the record page --------------------------------------------------------------------------

@bp.get("/apps/<app>/forms/<form>/manual-flows")
@login_required
def manual_flows(app, form):
    _member(app)
    rt = runtime()
    rt.form(app, form)
    items = [{"key": f.key, "label": f.body.get("label"),
              "button": (f.body.get("trigger") or {}).get("button")} for f in rt.flows.catalog.on_form(app, form)
             if (f.body.get("trigger") or {}).get("type") == "manual"]
    return jsonify({"items": items})


@bp.get("/apps/<app>/forms/<form>/records/<int:record_id>/flow-runs")
@login_required
def record_runs(app, form, record_id):
    rt = runtime()
    rt.records(app, form, actor()).get(record_id)  # 404 unless the caller may read the record
    with rt.engine.connect() as conn:
        rows = run_store.listing(conn, app, form=form, record_id=record_id, limit=100)
        logs = {r["id"]: run_store.steps_of(conn, r["id"]) for r in rows}
    items = []
    for r in rows:
        body = rt.flows.catalog.version(app, r["flow"], r["version"])
        item = _summary(r)
        item["label"] = body.get("label")
        item["kind"] = body.get("kind", "automation")
        item["text"] = _run_text(rt, body, logs[r["id"]])
        items.append(item)
    return jsonify({"items": items})


def _run_text(rt, body: dict, steps: list[dict]) -> dict:
    """自动化「风险预警」发送通知、创建任务 / Automation "Risk alert": notify, create a task."""
    nodes = {n["id"]: n for _p, n in _walk(rt, body) if isinstance(n.get("id"), str)}
    done = []
    for s in steps:
        node = nodes.get(s["node"])
        if node is None or s["result"] != "ok":
            continue
        cls = rt.registries.node_types.get(node["type"]) if node["type"] in rt.registries.node_types else None
        if cls is None or cls.category == "flow":
            continue
        done.append(node.get("label") or cls.label)
    kind_zh, kind_en = KIND_WORDS.get(body.get("kind", "automation"), KIND_WORDS["automation"])
    label = body.get("label")
    zh = f"{kind_zh}「{_text(label, 'zh')}」" + "、".join(_text(d, "zh") for d in done)
    en = f'{kind_en} "{_text(label, "en")}"' + (": " + ", ".join(_text(d, "en") for d in done) if done else "")
    return {"zh": zh, "en": en}


def _walk(rt, body: dict):
    from ..flows.structure import walk

    return walk(body.get("steps") or [], rt.registries.node_types)
