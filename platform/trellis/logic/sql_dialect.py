"""SQL constructs whose exact spelling differs between SQLite and PostgreSQL.

Each is a SQLAlchemy element compiled per dialect; other dialects raise CompileError
rather than risk an answer that differs from the Python evaluator (for example MySQL's
case-insensitive default collations). All of them are two-valued (never NULL).

- TextMatch: case-sensitive substring / prefix / suffix test of a text expression
  (SQLite: instr/substr, since its LIKE ignores ASCII case; PostgreSQL: LIKE with
  escaped % and _).
- CodepointOrder: a text expression compared by code point (SQLite BINARY, PG "C").
- JsonArrayHas: a JSON array column holds an element strictly equal to a value.
- JsonEmpty / JsonNull: a JSON column is SQL NULL, JSON null, [] or "" / SQL or JSON null.
"""
from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.exc import CompileError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal as T

_SUPPORTED = ("sqlite", "postgresql")


class _Element(ColumnElement):
    inherit_cache = True
    type = sa.Boolean()


def _refuse(element, compiler, **kw):
    raise CompileError(
        f"JsonLogic SQL supports {', '.join(_SUPPORTED)}, not {compiler.dialect.name}"
    )


class TextMatch(_Element):
    """`expr` contains / starts with / ends with `needle` (mode: contains, starts, ends)."""

    _traverse_internals = [
        ("expr", T.dp_clauseelement), ("needle", T.dp_clauseelement),
        ("pattern", T.dp_clauseelement), ("length", T.dp_clauseelement), ("mode", T.dp_string),
    ]

    def __init__(self, expr, needle: str, mode: str):
        self.expr = expr
        self.mode = mode
        self.needle = sa.literal(needle, sa.Text())
        escaped = needle.replace("/", "//").replace("%", "/%").replace("_", "/_")
        pattern = {"contains": f"%{escaped}%", "starts": f"{escaped}%", "ends": f"%{escaped}"}[mode]
        self.pattern = sa.literal(pattern, sa.Text())
        self.length = sa.literal(len(needle), sa.Integer())


@compiles(TextMatch, "sqlite")
def _text_match_sqlite(el, compiler, **kw):
    col, needle, length = (compiler.process(x, **kw) for x in (el.expr, el.needle, el.length))
    if el.mode == "contains":
        return f"(instr({col}, {needle}) > 0)"
    if el.mode == "starts":
        return f"(substr({col}, 1, {length}) = {needle})"
    return f"(substr({col}, -{length}) = {needle})"


@compiles(TextMatch, "postgresql")
def _text_match_pg(el, compiler, **kw):
    col, pattern = compiler.process(el.expr, **kw), compiler.process(el.pattern, **kw)
    return f"(({col}) LIKE {pattern} ESCAPE '/')"


class CodepointOrder(ColumnElement):
    """A text expression that orders by code point."""

    inherit_cache = True
    type = sa.Text()
    _traverse_internals = [("expr", T.dp_clauseelement)]

    def __init__(self, expr):
        self.expr = expr


@compiles(CodepointOrder, "sqlite")
def _codepoint_sqlite(el, compiler, **kw):
    return f"({compiler.process(el.expr, **kw)}) COLLATE BINARY"


@compiles(CodepointOrder, "postgresql")
def _codepoint_pg(el, compiler, **kw):
    return f'({compiler.process(el.expr, **kw)}) COLLATE "C"'


_SQLITE_TYPES = {str: "'text'", int: "'integer', 'real'", float: "'integer', 'real'"}


class JsonArrayHas(_Element):
    """The JSON array in `expr` has an element === `value` (str, number, bool or None)."""

    _traverse_internals = [
        ("expr", T.dp_clauseelement), ("value", T.dp_clauseelement),
        ("as_json", T.dp_clauseelement), ("json_types", T.dp_string),
    ]

    def __init__(self, expr, value):
        self.expr = expr
        if value is None or value is True or value is False:
            self.json_types = "'" + json.dumps(value) + "'"
            self.value = sa.null()
        else:
            self.json_types = _SQLITE_TYPES[value.__class__]
            self.value = sa.literal(value, sa.Text() if value.__class__ is str else sa.Float())
        self.as_json = sa.literal(json.dumps([value]), sa.Text())


@compiles(JsonArrayHas, "sqlite")
def _json_has_sqlite(el, compiler, **kw):
    col = compiler.process(el.expr, **kw)
    test = f"_jl_each.type IN ({el.json_types})"
    if el.json_types not in ("'null'", "'true'", "'false'"):
        test += f" AND _jl_each.value = {compiler.process(el.value, **kw)}"
    return (f"(json_type({col}) = 'array' AND EXISTS "
            f"(SELECT 1 FROM json_each({col}) AS _jl_each WHERE {test}))")


@compiles(JsonArrayHas, "postgresql")
def _json_has_pg(el, compiler, **kw):
    col, arr = compiler.process(el.expr, **kw), compiler.process(el.as_json, **kw)
    return f"(({col}) IS NOT NULL AND CAST(({col}) AS JSONB) @> CAST({arr} AS JSONB))"


class JsonEmpty(_Element):
    """`expr` is SQL NULL or the JSON value null, [] or ""."""

    _traverse_internals = [("expr", T.dp_clauseelement)]

    def __init__(self, expr):
        self.expr = expr


@compiles(JsonEmpty, "sqlite")
def _json_empty_sqlite(el, compiler, **kw):
    col = compiler.process(el.expr, **kw)
    return f"(({col}) IS NULL OR json({col}) IN ('null', '[]', '\"\"'))"


@compiles(JsonEmpty, "postgresql")
def _json_empty_pg(el, compiler, **kw):
    col = compiler.process(el.expr, **kw)
    return (f"(({col}) IS NULL OR CAST(({col}) AS JSONB) IN "
            "(CAST('null' AS JSONB), CAST('[]' AS JSONB), CAST('\"\"' AS JSONB)))")


class JsonNull(_Element):
    """`expr` is SQL NULL or the JSON value null."""

    _traverse_internals = [("expr", T.dp_clauseelement)]

    def __init__(self, expr):
        self.expr = expr


@compiles(JsonNull, "sqlite")
def _json_null_sqlite(el, compiler, **kw):
    col = compiler.process(el.expr, **kw)
    return f"(({col}) IS NULL OR json_type({col}) = 'null')"


@compiles(JsonNull, "postgresql")
def _json_null_pg(el, compiler, **kw):
    col = compiler.process(el.expr, **kw)
    return f"(({col}) IS NULL OR jsonb_typeof(CAST(({col}) AS JSONB)) = 'null')"


for _cls in (TextMatch, CodepointOrder, JsonArrayHas, JsonEmpty, JsonNull):
    compiles(_cls)(_refuse)
