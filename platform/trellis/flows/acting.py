"""What the action node types (flows/nodes/: create_record, update_records, notify, ...)
share: schema fragments of their configurations, the refusal that names the node, the
form a node names, rules made constant where they read the run's data (`$trigger`,
`$vars`, ...) before they become SQL, records as JSON, and the users of a user set
(listed ids, a role's members, a department's members).

A node's refusal is a domain error (permanent: the step fails at once, flows/runner.py)
whose bilingual message starts with the node's id and whose details name it; a write the
record service refuses (validation, scope, permission) is passed on the same way, while a
busy database (status 5xx) stays what it is, so the runner tries the step again."""
from __future__ import annotations

from contextlib import contextmanager

import sqlalchemy as sa

from ..kernel.errors import BadRequest, TrellisError
from ..logic import evaluate
from ..notify.recipients import ROLES, USER_ROLES, users
from ..records.reading import to_json
from ..security.roles import fab_role_name
from ..storage import models
from .calendar import UNITS

ID_PATTERN = "^[a-z][a-z0-9_]{0,40}$"
ID = {"type": "string", "pattern": ID_PATTERN}
VAR_NAME = {"type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]{0,40}$"}
VALUES = {"type": "object", "maxProperties": 200, "propertyNames": {"pattern": ID_PATTERN}}
USER_ID = {"type": "integer", "minimum": 1, "maximum": 2 ** 31 - 1}
DURATION = {"type": "object", "required": ["amount", "unit"], "additionalProperties": False,
            "properties": {"amount": {"type": "integer", "minimum": 0, "maximum": 3650},
                           "unit": {"enum": list(UNITS)}}}
# a set of users: listed ids, a role's members, a department's members
USER_SET = {"oneOf": [
    {"type": "array", "minItems": 1, "maxItems": 200, "uniqueItems": True, "items": USER_ID},
    {"type": "object", "required": ["role"], "additionalProperties": False, "properties": {"role": ID}},
    {"type": "object", "required": ["department"], "additionalProperties": False,
     "properties": {"department": USER_ID}},
]}


def titled(schema: dict, zh: str, en: str, **more) -> dict:
    """A property's schema with its designer label (`x-label` {zh, en}) and any other keys."""
    return {**schema, "x-label": {"zh": zh, "en": en}, **more}


def node_error(node: dict, zh: str, en: str, *, code: str = "bad_node", cls=BadRequest, **details) -> TrellisError:
    """A refusal naming the node (its id first in both languages, and in `details`)."""
    ident = node.get("id")
    return cls(f"节点 {ident}:{zh}", f"node {ident}: {en}", code=code, details={"node": ident, **details})


@contextmanager
def as_node(node: dict):
    """Domain errors raised inside (a refused write, an unknown template) come out naming
    the node; a 5xx one (a busy database) and any other exception are left as they are
    (the runner tries the step again)."""
    try:
        yield
    except TrellisError as exc:
        if exc.status >= 500 or (isinstance(exc.details, dict) and exc.details.get("node") == node.get("id")):
            raise
        details = {"node": node.get("id")}
        if getattr(exc, "errors", None):
            details["errors"] = exc.errors
        elif exc.details is not None:
            details["cause"] = exc.details
        out = TrellisError(f"节点 {node.get('id')}:{exc.message['zh']}", f"node {node.get('id')}: {exc.message['en']}",
                           code=exc.code, details=details)
        out.status = exc.status
        raise out from exc


def form_of(step, node: dict, form_id: str | None):
    """The published form a node names (default: the run's form)."""
    form_id = form_id or step.run.get("form")
    if not form_id:
        raise node_error(node, "需要指定表单", "a form is needed", code="form_required")
    with as_node(node):
        return step.runtime.form(step.run["app"], form_id)


def label_of(form, lang: str) -> str:
    label = getattr(form, "label", None) or {}
    return (label.get(lang) or label.get("zh") or form.id) if isinstance(label, dict) else str(label or form.id)


def form_label(step, form_id: str | None, lang: str) -> str:
    """A form's label for a description (its id when it cannot be read)."""
    form_id = form_id or step.run.get("form") or "?"
    try:
        return label_of(step.runtime.form(step.run["app"], form_id), lang)
    except TrellisError:
        return form_id


def constants(rule, data: dict):
    """`rule` with every `var` that reads the run's data (a name starting with `$`: `$trigger.x`,
    `$vars.y`, `$item.z`) replaced by its value, so what is left names the form's fields
    only and can become SQL (records/guarded.py `where`)."""
    if isinstance(rule, list):
        return [constants(r, data) for r in rule]
    if not isinstance(rule, dict):
        return rule
    if len(rule) == 1 and "var" in rule:
        arg = rule["var"]
        name = arg[0] if isinstance(arg, list) and arg else arg
        if isinstance(name, str) and name.startswith("$"):
            return evaluate(rule, data)
        return rule
    return {k: constants(v, data) for k, v in rule.items()}


def rows_json(form, query, rows) -> list[dict]:
    """Rows of a guarded query as the API's record objects (in-row fields; dates as text)."""
    names = query.names
    return [_plain(to_json(form, r, names)) for r in rows]


def _plain(value):
    """A value as JSON keeps it (dates and decimals as text or numbers)."""
    from datetime import date, datetime
    from decimal import Decimal

    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def members(conn, app: str, spec) -> list[int]:
    """The active users of a user set (USER_SET): listed ids in their order, a role's or a
    department's members by id."""
    if isinstance(spec, list):
        ids = [int(i) for i in spec]
    elif isinstance(spec, dict) and "role" in spec:
        stmt = (sa.select(USER_ROLES.c.user_id).join(ROLES, ROLES.c.id == USER_ROLES.c.role_id)
                .where(ROLES.c.name == fab_role_name(app, spec["role"])))
        ids = sorted(conn.execute(stmt).scalars())
    elif isinstance(spec, dict) and "department" in spec:
        m = models.user_department
        ids = sorted(conn.execute(sa.select(m.c.user_id).where(m.c.department_id == int(spec["department"])))
                     .scalars())
    else:
        return []
    if not ids or not has_table(conn, "ab_user"):
        return ids
    active = {u["user_id"] for u in users(conn, ids)}
    return [i for i in ids if i in active]


_TABLES: dict = {}  # (engine url, table) found: the security tables, once they exist, stay


def has_table(conn, name: str) -> bool:
    """Does the database have the (security) table `name`? Asked again until it does."""
    key = (str(conn.engine.url), name)
    if key not in _TABLES and sa.inspect(conn).has_table(name):
        _TABLES[key] = True
    return key in _TABLES


def user_set_text(spec) -> tuple[str, str]:
    if isinstance(spec, list):
        shown = ", ".join(str(i) for i in spec[:5]) + (" …" if len(spec) > 5 else "")
        return f"用户 {shown}", f"users {shown}"
    if isinstance(spec, dict) and "role" in spec:
        return f"角色 {spec['role']} 的成员", f"the members of role {spec['role']}"
    if isinstance(spec, dict) and "department" in spec:
        return f"部门 {spec['department']} 的成员", f"the members of department {spec['department']}"
    return "?", "?"


def dry(step, node: dict, kind) -> dict | None:
    """In a dry run: the output a writing node answers instead of acting (its description)."""
    return {"dry": True, "would": kind.describe(node, step)} if step.dry else None


def user_title(step, user_id) -> str:
    """A user's name for a description (the id when unknown)."""
    try:
        found = step.runtime.users_by_id(step.conn, [int(user_id)]).get(int(user_id))
    except Exception:  # noqa: BLE001 - a description never fails
        found = None
    return found["title"] if found else str(user_id)


def loads(runtime, form, field: str, user_ids: list[int], conn, where=None) -> dict[int, int]:
    """{user: how many live records of `form` have `field` = user} (all rows, whoever asks:
    the share of work is counted over the whole form), optionally only those matching `where`."""
    from ..records.guarded import GuardedQuery

    if not user_ids:
        return {}
    query = GuardedQuery.system(runtime, form).filter_sql(form.table.c[field].in_(user_ids))
    if where is not None:
        query = query.where(where)
    query = query.group_by(field).measure("count", label="n")
    found = {row[field]: int(row["n"]) for row in conn.execute(query.statement()).mappings()}
    return {u: found.get(u, 0) for u in user_ids}
