"""Formulas for the designer: the function table (`GET /formula/functions`, for the function
picker) and a check of an expression against a form, with its value on a sample record
(`POST /apps/<app>/forms/<form>/formula`), so the formula editor shows the error at its
position, the result type, and what the formula gives on a real record as the user types.

The check compiles against the designer's unsaved field list when it is sent (new fields
count), and evaluates in Python on the sample record (the same value SQL and the browser
give; tests/logic/ proves it)."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from ..forms.computed import FormulaProblem
from ..forms.model import FormModel
from ..kernel.errors import BadRequest, NotFound, Unprocessable
from ..logic import evaluate
from ..logic.formula import FUNCTIONS
from .auth import actor, login_required, runtime
from .params import body_json

bp = Blueprint("trellis_formulas", __name__, url_prefix="/api/v1")
DRAFT_ID = "__formula__"


@bp.get("/formula/functions")
@login_required
def functions():
    """Every formula function with its Chinese aliases, arguments, result type and help."""
    items = [dict(spec.to_dict(), type=spec.result) for spec in FUNCTIONS.values()] \
        if isinstance(FUNCTIONS, dict) else [dict(s.to_dict(), type=s.result) for s in FUNCTIONS]
    unique = {item["name"]: item for item in items}
    return jsonify({"functions": sorted(unique.values(), key=lambda f: (f["category"], f["name"]))})


def _model(rt, app: str, form: str, fields):
    """The form as the designer has it: the published body with the sent field list."""
    try:
        published = rt.form(app, form)
        body = dict(published.definition)
    except NotFound:
        published, body = None, {"id": form, "fields": []}
    me = actor()
    if not me.is_admin:
        if published is None:
            raise NotFound(f"表单 {app}/{form} 不存在或未发布", f"form {app}/{form} not found or not published")
        rt.access(me, published).require("manage")
    if fields is not None:
        if not isinstance(fields, list) or not all(isinstance(f, dict) and isinstance(f.get("id"), str)
                                                   and isinstance(f.get("type"), str) for f in fields):
            raise BadRequest("fields 应为字段定义的列表(每个含 id 与 type)",
                             "fields must be a list of field definitions (each with id and type)",
                             code="malformed", details={"field": "fields"})
        known = set(rt.registries.field_types.keys()) if hasattr(rt.registries.field_types, "keys") else None
        body["fields"] = [f for f in fields if known is None or f["type"] in known]
    try:
        return published, FormModel(app, body, rt.registries.field_types, context=rt.published.context(app))
    except (KeyError, ValueError, TypeError) as e:
        raise BadRequest("字段定义无效", f"the field definitions are invalid: {e}", code="malformed",
                         details={"field": "fields"}) from None


def _sample(rt, published, record_id):
    """(record JSON, {id, title}) of the sample: the given record, else the latest one."""
    if published is None:
        return None, None
    service = rt.records(published.app, published.id, actor())
    if record_id is not None:
        rec = service.get(int(record_id))
    else:
        with rt.engine.connect() as conn:
            rows = service.query("read").order_by("-id").rows(conn, limit=1)
        if not rows:
            return None, None
        rec = service.get(rows[0]["id"])
    title = rec.get(published.title_field) if published.title_field in rec else rec["id"]
    return rec, {"id": rec["id"], "title": title}


@bp.post("/apps/<app>/forms/<form>/formula")
@login_required
def check(app, form):
    rt = runtime()
    body = body_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("expression"), str):
        raise BadRequest("请提供 expression(公式)", "expression (the formula) is required", code="malformed",
                         details={"field": "expression"})
    record = body.get("record")
    if record is not None and (type(record) is not int or record < 1):
        raise BadRequest("record 应为记录编号", "record must be a record id", code="malformed", details={"field": "record"})
    published, model = _model(rt, app, form, body.get("fields"))
    field = body.get("field") if isinstance(body.get("field"), str) else None
    target = field if field and field in model.fields else DRAFT_ID
    try:
        compiled = model.computed.formula(target, body["expression"])
    except FormulaProblem as e:
        p = e.problem
        raise Unprocessable(p["message"]["zh"], p["message"]["en"], code=p["code"],
                            details={k: p[k] for k in ("position", "length") if k in p}) from None
    rec, sample = _sample(rt, published, record)
    value = None
    if rec is not None:
        with rt.logic_time():
            value = evaluate(compiled.logic, rec)
    return jsonify({"logic": compiled.logic, "type": compiled.type, "refs": sorted(compiled.refs),
                    "volatile": compiled.volatile, "value": value, "record": sample})
