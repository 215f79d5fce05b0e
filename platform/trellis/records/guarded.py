"""The guarded query: the one way to read a set of a form's records with access enforced.

`RecordService.query(action)` (or `GuardedQuery.of(runtime, form, access)`) starts from the
rows the actor may touch for the action: live rows (the recycle bin asks for the
soft-deleted ones with `recycled()`) inside the actor's row scope. Whatever is added is
checked against the actor's field permissions:

- `where(rule)` (JsonLogic), `select(fields)`, `group_by(*fields)`, `measure(agg, field)`,
  `order_by(sort)`, `search(text)`: every field named must be one the actor may see;
- a relation path `client.risk_level` (one hop) needs `client` visible on this form AND
  `risk_level` visible to the same actor on the target form; its value is read from the
  target rows the actor may read (live, inside the target's read scope), so a related
  record beyond the actor's rows reads as null, as `expand` shows only its id.

A field the actor may not see reads as unknown: 400 `unknown_field` naming the field and
the parameter, the answer for a field that does not exist (a hidden field is not revealed).
`ids(...)` and `filter_sql(...)` add trusted SQL from the calling code; they only narrow.

The object is immutable: each method returns a new query. `statement()`, `rows(conn)` and
`count(conn)` produce the SQL. Nothing outside this module adds a row scope or a
soft-delete condition to a read (tests/records/test_guarded_query.py checks the source).
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BooleanClauseList

from ..forms.model import SYSTEM_FIELDS
from ..forms.sqlfields import SYSTEM_KINDS
from ..kernel.errors import BadRequest
from ..logic import SqlField, rule_vars, to_sql, to_sql_value
from ..security.access import Access
from ..storage.binding import among
from ..storage.prepared import Prepared
from . import counting
from .date_buckets import bucket
from .moments import clock_unit, moment
from .cursor import decode_cursor, encode_cursor, keyset_condition, order_by

PARAMS = {"fields": "字段", "sort": "排序", "expand": "展开", "filter": "筛选条件", "group_by": "分组",
          "measure": "统计"}
AGGREGATES = ("count", "count_distinct", "sum", "avg", "min", "max", "median", "percentile")
NUMERIC = ("sum", "avg", "median", "percentile")
SMALL_SCOPE = 20000


def unknown_field(name: str, param: str) -> BadRequest:
    """The refusal of a field that does not exist or that the actor may not see."""
    return BadRequest(f"{PARAMS.get(param, param)}中的字段 {name} 不存在", f"unknown field {name} in {param}",
                      code="unknown_field", details={"field": name, "param": param})


def _percentile(expr, p: float, dialect: str):
    """The continuous percentile p (0..1) of `expr` (storage/sqlite_percentile.py on SQLite)."""
    if dialect == "postgresql":
        return sa.func.percentile_cont(p).within_group(expr)
    return sa.func.trellis_percentile(expr, p)


def _aggregate(agg: str, expr):
    if agg == "count":
        return sa.func.count() if expr is None else sa.func.count(expr)
    if agg == "count_distinct":
        return sa.func.count(sa.distinct(expr))
    return getattr(sa.func, agg)(expr)


@dataclass(frozen=True)
class GuardedQuery:
    runtime: object
    form: object
    access: Access
    actor: object = None
    action: str = "read"
    recycled_rows: bool = False
    hint: bool = False
    conds: tuple = ()
    fields: tuple | None = None     # selected field ids (None: every field the actor may see)
    paths: tuple = ()               # selected relation paths: (name, expression)
    every_field: bool = False       # the write path reads every stored value (stripped before it leaves)
    groups: tuple = ()              # (name, expression)
    measures: tuple = ()            # (label, expression)
    keys: tuple = ()                # cursor.SortKey
    extras: tuple = ()              # named formula columns: (name, JsonLogic value)

    @classmethod
    def of(cls, runtime, form, access: Access, actor=None, action: str = "read") -> "GuardedQuery":
        return cls(runtime, form, access, actor, action)

    @classmethod
    def system(cls, runtime, form) -> "GuardedQuery":
        """Every live row, every field: the system's own checks (uniqueness, on-delete rules)."""
        return cls(runtime, form, Access.full(form))

    @property
    def table(self):
        return self.form.table

    # -- rows -----------------------------------------------------------------------
    def scoped(self, action: str) -> "GuardedQuery":
        """The rows the actor may touch for another action (update, delete, export...)."""
        return replace(self, action=action)

    def recycled(self) -> "GuardedQuery":
        """The soft-deleted rows instead: those the actor may both read and restore."""
        self.access.require("delete")
        return replace(self, recycled_rows=True)

    def hinted(self) -> "GuardedQuery":
        """Tell SQLite's planner to start from a narrow row scope (see `_hinted`)."""
        return replace(self, hint=True)

    def ids(self, ids) -> "GuardedQuery":
        return replace(self, conds=self.conds + (self.table.c.id.in_(list(ids)),))

    def filter_sql(self, *conds) -> "GuardedQuery":
        """Trusted SQL conditions from the calling code (never user input)."""
        return replace(self, conds=self.conds + tuple(conds))

    def where(self, rule, param: str = "filter") -> "GuardedQuery":
        """A JsonLogic condition; a field the actor may not see is refused as unknown."""
        if rule in (None, {}, True):
            return self
        return replace(self, conds=self.conds + (self._condition(rule, param),))

    def with_columns(self, columns: dict) -> "GuardedQuery":
        """Formula columns {name: JsonLogic value} over the fields the actor may see: named
        like fields in where / group_by / measure (a report's dataset columns)."""
        return replace(self, extras=self.extras + tuple(columns.items()))

    def _condition(self, rule, param: str, value: bool = False):
        """A rule as SQL (`value`: as a value, SqlField) on the fields the actor may see."""
        names = sorted(rule_vars(rule))
        found = {name: self._field(name, param) for name in names if name not in SYSTEM_FIELDS}

        def resolve(name: str):
            if name not in found:
                return SqlField(self.table.c[name], SYSTEM_KINDS[name]) if name in SYSTEM_KINDS else None
            f, t = found[name]
            return f if t is None or t.filterable else None

        with self.runtime.logic_time():  # `now` / `today`: the runtime's clock, in the instance's zone
            return to_sql_value(rule, resolve) if value else to_sql(rule, resolve)

    def search(self, text: str | None) -> "GuardedQuery":
        """Rows whose searchable fields the actor may see contain `text`."""
        text = (text or "").strip()
        if not text:
            return self
        esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds = [self.table.c[t.id].ilike(f"%{esc}%", escape="\\") for t in self.form.searchable
                 if self.access.can_see(t.id)]
        return replace(self, conds=self.conds + (sa.or_(*conds) if conds else sa.false(),))

    def conditions(self) -> list:
        """The WHERE clause: soft delete, row scope(s), then what was added."""
        t = self.table
        out = [t.c.deleted_at.is_not(None) if self.recycled_rows else t.c.deleted_at.is_(None)]
        with self.runtime.logic_time():  # a scope's `now` / `today`: the runtime's clock and zone
            scope = self.access.scope(self.action)
            restorable = self.access.scope("delete") if self.recycled_rows and self.action != "delete" else None
        if scope is not None:
            out.append(self._hinted(scope) if self.hint and not self.recycled_rows else scope)
        if restorable is not None:
            out.append(restorable)
        return out + list(self.conds)

    def _hinted(self, scope):
        """SQLite's planner, asked to sort, prefers walking the sort column's index and
        filtering, which reads most of the table when the row scope is narrow (an account
        manager's 500 clients among a million). When the scope holds at most SMALL_SCOPE rows
        (sampled, cached by the runtime), `likelihood()` tells the planner to start from
        the scope: sorting that many rows is cheap. PostgreSQL's statistics need no hint."""
        rt = self.runtime
        if rt is None or rt.engine.dialect.name != "sqlite":
            return scope
        live = [self.table.c.deleted_at.is_(None), scope]
        if rt.scope_rows(self.form, self.access, self.action, live) > SMALL_SCOPE:
            return scope
        terms = scope.clauses if isinstance(scope, BooleanClauseList) and scope.operator is operators.and_ else [scope]
        return sa.and_(*[sa.func.likelihood(term, sa.literal_column("0.000001")) for term in terms])

    # -- fields ---------------------------------------------------------------------
    def _field(self, name: str, param: str, shown: str | None = None):
        """(SqlField, field type or None for a system field) of a name the actor may see."""
        if "." in name:
            return self._path(name, param)
        extra = next((rule for n, rule in self.extras if n == name), None)
        if extra is not None:  # a formula column: its fields are checked as it is compiled
            return replace(self, extras=())._condition(extra, param, value=True), None
        if name in SYSTEM_KINDS:
            return SqlField(self.table.c[name], SYSTEM_KINDS[name]), None
        t = self.form.field(name)
        if t is None or not t.in_row or not self.access.can_see(name):
            raise unknown_field(shown or name, param)
        if not t.computed:
            return SqlField(self.table.c[name], t.sql_kind), t
        with self._time():  # a computed field's expression: `today` is this query's
            return self.form.sql(name), t

    def _time(self):
        return self.runtime.logic_time() if self.runtime is not None else nullcontext()

    def related(self, head: str) -> "GuardedQuery":
        """The rows of relation field `head`'s target form this actor may read."""
        target = self.runtime.form(self.form.app, self.form.field(head).target)
        access = Access.full(target) if self.access.unrestricted else self.runtime.access(self.actor, target)
        return GuardedQuery.of(self.runtime, target, access, self.actor)

    def _path(self, name: str, param: str):
        head, _, rest = name.partition(".")
        t = self.form.field(head)
        if (self.runtime is None or t is None or t.references != "form" or "." in rest
                or not self.access.can_see(head)):
            raise unknown_field(name, param)
        target = self.related(head)
        inner, tt = target._field(rest, param, shown=name)
        sub = (sa.select(inner.column).where(target.table.c.id == self.table.c[head], *target.conditions())
               .scalar_subquery())
        return SqlField(sub, inner.kind), tt

    def select(self, fields=None, *, every_field: bool = False, paths: bool = True) -> "GuardedQuery":
        """The fields a row carries (system fields always). Without `fields`: every field the
        actor may see. `paths`: relation paths may be selected (as `name` columns)."""
        form = self.form
        if not fields:
            return replace(self, fields=self._every_name(every_field), every_field=every_field, paths=())
        names, chosen = [], []
        for name in fields:
            if name in SYSTEM_FIELDS:
                continue
            if "." in name and paths:
                chosen.append((name, self._path(name, "fields")[0].column))
                continue
            if form.field(name) is None or (not every_field and not self.access.can_see(name)):
                raise unknown_field(name, "fields")
            names.append(name)
        return replace(self, fields=tuple(names), every_field=every_field, paths=tuple(chosen))

    def _every_name(self, every_field: bool) -> tuple:
        """Every active field (`every_field`) or every one the actor may see, kept on the
        form (unrestricted) or on the Access (the runtime keeps an actor's)."""
        every_field = every_field or self.access.unrestricted
        holder = self.form if every_field else self.access
        names = holder.__dict__.get("_every_name")
        if names is None:
            names = tuple(t.id for t in self.form.active if every_field or self.access.can_see(t.id))
            holder.__dict__["_every_name"] = names
        return names

    def group_by(self, *names: str, buckets: dict | None = None) -> "GuardedQuery":
        """Groups by fields the actor may see; `buckets` {name: day|month|quarter|year}
        groups a date or date-time field by period (records/date_buckets.py)."""
        groups = []
        for name in names:
            f, t = self._field(name, "group_by")
            if t is not None and not t.sortable:
                raise BadRequest(f"字段 {name} 不能分组", f"field {name} cannot be grouped by",
                                 code="not_groupable", details={"field": name, "param": "group_by"})
            expr = f.column
            unit = (buckets or {}).get(name)
            if unit is not None:
                if f.kind not in ("date", "datetime"):
                    raise BadRequest(f"字段 {name} 不是日期,不能按{unit}分组", f"field {name} is not a date: "
                                     f"it cannot be grouped by {unit}", code="not_groupable",
                                     details={"field": name, "param": "group_by"})
                expr = bucket(expr, unit, self.runtime.engine.dialect.name, f.kind == "datetime")
            groups.append((name, expr))
        return replace(self, groups=self.groups + tuple(groups))

    def measure(self, agg: str, field: str | None = None, label: str | None = None,
                p: float | None = None, where=None) -> "GuardedQuery":
        """count (rows, or a field's non-empty values), count_distinct, sum, avg, min, max,
        median, percentile (`p`: 0..1, e.g. 0.9); `where`: over the rows of the group that
        match this JsonLogic condition only (`FILTER (WHERE ...)`, e.g. the promoters of an NPS)."""
        if agg not in AGGREGATES:
            raise BadRequest(f"统计方式 {agg} 无效,可用:{'、'.join(AGGREGATES)}",
                             f"unknown aggregate {agg}; one of {', '.join(AGGREGATES)}",
                             code="malformed", details={"param": "measure", "aggregate": agg})
        expr = None
        if field is not None:
            f, _t = self._field(field, "measure")
            if (agg in NUMERIC and f.kind != "number") or f.kind in ("json", "json_array"):
                raise BadRequest(f"字段 {field} 不能做{agg}统计", f"field {field} cannot be aggregated with {agg}",
                                 code="not_aggregatable", details={"field": field, "param": "measure"})
            expr = f.column
        elif agg != "count":
            raise BadRequest(f"统计 {agg} 需要字段", f"aggregate {agg} needs a field", code="malformed",
                             details={"param": "measure", "aggregate": agg})
        name = label or (agg if field is None else f"{agg}_{field}")
        if agg in ("median", "percentile"):
            p = 0.5 if agg == "median" else p
            if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0 <= p <= 1:
                raise BadRequest("百分位应为 0–1 之间的数", "a percentile is a number from 0 to 1", code="malformed",
                                 details={"param": "measure", "aggregate": agg})
            value = _percentile(expr, float(p), self.runtime.engine.dialect.name)
        else:
            value = _aggregate(agg, expr)
        if where not in (None, {}, True):
            value = value.filter(self._condition(where, "measure"))
        return replace(self, measures=self.measures + ((name, value),))

    def order_by(self, sort) -> "GuardedQuery":
        """Multi-key sort on fields the actor may see; the id is always the last key."""
        pg = self.runtime is not None and self.runtime.engine.dialect.name == "postgresql"
        with self._time():
            keys = order_by(self.form, sort, unknown_field, pg, self.access.can_see)
        return replace(self, keys=tuple(keys))

    def after(self, cursor: str | None) -> "GuardedQuery":
        """The rows after a keyset cursor of this sort (see cursor.py)."""
        if not cursor:
            return self
        keys = list(self.keys or self.order_by(None).keys)
        return replace(self, keys=tuple(keys), conds=self.conds + (keyset_condition(keys, decode_cursor(cursor, keys)),))

    def next_cursor(self, row) -> str:
        return encode_cursor(list(self.keys), row)

    # -- SQL ------------------------------------------------------------------------
    @property
    def names(self) -> list[str]:
        """The selected field ids (plus relation paths)."""
        names = list(self.fields) if self.fields is not None else list(self.select().fields)
        return names + [n for n, _ in self.paths]

    def statement(self, *columns, limit: int | None = None, offset: int | None = None):
        """A SELECT of `columns` (default: the selected fields; with groups or measures: the
        groups and measures, one row per group)."""
        t = self.table
        where = self.conditions()
        if self.groups or self.measures:
            cols = [e.label(n) for n, e in self.groups] + [e.label(n) for n, e in self.measures]
            stmt = sa.select(*cols).select_from(t).where(*where)
            if self.groups:
                stmt = stmt.group_by(*[e for _n, e in self.groups]).order_by(*[e for _n, e in self.groups])
        else:
            if not columns:
                fields = self.fields if self.fields is not None else self.select().fields
                columns = [t.c[n] for n in SYSTEM_FIELDS]
                columns += [self._column(n) for n in fields if self.form.fields[n].in_row]
                columns += [e.label(n) for n, e in self.paths]
                have = {c.name for c in columns}
                columns += [k.column if isinstance(k.column, sa.Column) else k.column.label(k.name)
                            for k in self.keys if k.name not in have]
            stmt = sa.select(*columns).select_from(t).where(*where)
            if self.keys:
                stmt = stmt.order_by(*[k.clause for k in self.keys])
        if offset:
            stmt = stmt.offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return stmt

    def by_ids(self, conn, lock: bool = False, one: bool = False):
        """The SELECT (storage/prepared.py) of the selected fields of the rows whose id is among
        the bound `ids` (storage/binding.py `among`; `one`: the row whose id is the bound `id`),
        `FOR UPDATE` on PostgreSQL with `lock`. Without added conditions, paths, sorts or
        groups it is built once per selection and kept: on the form for unrestricted access
        (the write path reads each record it writes this way), on the Access for an actor's
        (kept by the runtime while the roles, the form and the `$user` context are current:
        a record's page reads it this way). A statement that folds the time in (a computed
        field, a scope reading `now` / `today`) is kept for the day (TODAY() only) or the
        second it was built in (records/moments.py)."""
        fields = self.fields if self.fields is not None else self.select().fields
        lock = lock and conn.dialect.name == "postgresql"
        if self.conds or self.paths or self.keys or self.groups or self.measures or self.extras:
            return Prepared(self._by_ids_statement(conn, lock, one), prepare=False)
        access = self.access
        key = (conn.dialect.name, fields, self.recycled_rows, self.action, lock, one)
        cache = (self.form if access.unrestricted else access).__dict__.setdefault("_by_ids", {})
        hit = cache.get(key)  # (what of the time it folds in, that time, the statement)
        if hit is not None and (hit[0] is None or self._moment(hit[0]) == hit[1]):
            return hit[2]
        unit = clock_unit(self.form, access, self.action, self.recycled_rows, fields)
        stmt = Prepared(self._by_ids_statement(conn, lock, one), prepare=one, postgresql=True).ready(conn.dialect)
        if len(cache) >= 256:  # selections chosen by callers (`fields=`): bounded
            cache.clear()
        cache[key] = (unit, self._moment(unit) if unit else None, stmt)
        return stmt

    def _moment(self, unit: str) -> tuple:
        with self._time():
            return moment(unit)

    def _by_ids_statement(self, conn, lock: bool, one: bool):
        cond = self.table.c.id == sa.bindparam("id") if one else among(conn, self.table.c.id, "ids")
        stmt = self.filter_sql(cond).statement()
        return stmt.with_for_update() if lock else stmt

    def _column(self, name: str):
        """A selected field's column, or its expression labelled with its id (computed)."""
        t = self.form.fields[name]
        if not t.virtual:
            return self.table.c[name]
        with self._time():
            return self.form.sql(name).column.label(name)

    def rows(self, conn, limit: int | None = None) -> list:
        return conn.execute(self.statement(limit=limit)).mappings().all()

    def count(self, conn, mode: str = "exact", threshold: int = 1000) -> dict:
        """{"count", "count_exact"}: exact, or estimated past `threshold` (counting.py)."""
        return counting.count(conn, self.form, self.conditions(), mode=mode, threshold=threshold)
