"""How a filter and a sort use a form's fields, and whether an index can serve each use.

`filter_uses(rule)` walks a JsonLogic rule and yields (field, operator, indexable) for every
`var` compared directly: `==`, `===`, `<`, `<=`, `>`, `>=` (also the three-argument
between form) and `in` with a literal list can walk a B-tree index; `!=`, `!`, prefix, substring or
membership tests, `is_empty` and computed values cannot. A relation path (`client.name`)
reads another form and is left out. `sort_uses(sort)` gives the sort keys' fields.
"""
from __future__ import annotations

from ...logic.structure import operation, split_path, walk

COMPARISONS = frozenset({"==", "===", "<", "<=", ">", ">=", "!=", "!==", "in", "contains", "is_empty",
                         "not_empty", "!", "!!", "starts_with", "ends_with"})


def _field(arg) -> str | None:
    """The field a `{"var": "name"}` argument names (plain names only)."""
    o = operation(arg)
    if o is None or o[0] != "var" or not o[1]:
        return None
    path = o[1][0]
    if not isinstance(path, str):
        return None
    parts = split_path(path)
    return parts[0] if parts and len(parts) == 1 else None


def _literal(arg) -> bool:
    return operation(arg) is None and not isinstance(arg, dict)


def _indexable(op: str, args: list, at: int) -> bool:
    if op in ("==", "===", "<", "<=", ">", ">="):
        return all(_literal(a) for i, a in enumerate(args) if i != at)
    if op == "in":  # {"in": [{"var": f}, [..]]} is IN (...); the other way round a substring test
        return at == 0 and len(args) == 2 and isinstance(args[1], (list, tuple))
    return False


def filter_uses(rule) -> list[tuple[str, str, bool]]:
    """[(field, operator, indexable)] for the fields a filter compares."""
    out: list[tuple[str, str, bool]] = []
    _walk(rule, out)
    return out


def _walk(rule, out: list) -> None:
    def visit(op, args) -> bool:
        if op == "var":
            name = _field({"var": args})
            if name:
                out.append((name, "value", False))
            return True
        if op in COMPARISONS:
            for i, a in enumerate(args):
                name = _field(a)
                if name:
                    out.append((name, op, _indexable(op, args, i)))
                else:
                    _walk(a, out)
            return True
        return False

    walk(rule, visit)


def sort_uses(sort) -> list[tuple[str, bool]]:
    """[(field, descending)] of a sort given as "-a,b" or ["-a", "b"]."""
    if not sort:
        return []
    items = sort.split(",") if isinstance(sort, str) else list(sort)
    out = []
    for item in items:
        if not isinstance(item, str) or not item.strip():
            continue
        item = item.strip()
        out.append((item.lstrip("-+"), item.startswith("-")))
    return out


def query_fields(filter_rule, sort) -> dict[str, list[str]]:
    """field -> how the query uses it ("filter:==", "sort", ...), index-friendly uses only."""
    fields: dict[str, list[str]] = {}
    for name, op, ok in filter_uses(filter_rule) if filter_rule not in (None, {}, True) else []:
        if ok:
            fields.setdefault(name, []).append(f"filter:{op}")
    for name, desc in sort_uses(sort):
        fields.setdefault(name, []).append("sort:desc" if desc else "sort")
    return fields


def indexable(t) -> bool:
    """Whether a field type can carry a single-column B-tree index (a plain sortable column)."""
    return t is not None and t.has_column and t.sortable and not t.field.get("deleted")


def declared_columns(form) -> set[str]:
    """Columns the published definition indexes (indexed, unique, relation and user fields),
    plus the primary key."""
    return {ix.column for ix in form.indexes} | {"id"}
