"""A form's computed fields made usable: formulas compiled to JsonLogic and to SQL, lookups
as correlated subqueries, and the publish-time checks of both.

- A formula's names are the form's fields by id, Chinese or English label (a sub-table
  field reads as rows whose columns `SUM(持仓.数量)` aggregates); `DECIDE(...)` calls the
  app's published decision tables. Compiled once per FormModel (a publish anywhere drops
  the models, so a changed decision table or field recompiles every formula over it).
- The SQL of a formula is `logic.to_sql_value` of its JsonLogic over the form's resolver
  (columns, other computed fields, sub-table aggregates): one value in every query,
  filterable and sortable without a stored column. An `indexed` formula is also kept in a
  column of its own, set by the same SQL right after each write (`refresh_stored`).
- A lookup is the related record's field (live rows only), read through the target
  form's own `sql()`, so a lookup of a formula or of another lookup works too.

`value_type` of a computed field is the kind of its value: number, text, bool, date,
datetime (what a filter compares, what the browser formats).
"""
from __future__ import annotations

import threading
from functools import cached_property

import sqlalchemy as sa

from ..kernel.errors import bilingual
from ..logic import LogicError, SqlField
from ..logic.moment import current_zone, wall_now
from ..logic.operations import CLOCK_OPS
from ..logic.structure import walk
from .types.computed_value import ComputedValue

VALUE_KINDS = ("number", "text", "bool", "date", "datetime")


def kind_of(t) -> str:
    """The formula type a field's value has (`any` for values a formula cannot compute with)."""
    kind = t.value_type if isinstance(t, ComputedValue) else t.sql_kind
    return kind if kind in VALUE_KINDS else "any"


class FormulaProblem(Exception):
    """A computed field that cannot be compiled: `problem` is {field, code, message, position?}."""

    def __init__(self, field: str, code: str, zh: str, en: str, **details):
        super().__init__(en)
        self.problem = {"field": field, "code": code, "message": bilingual(zh, en), **details}


class Computed:
    """The compiled computed fields of one FormModel (see the module docstring)."""

    def __init__(self, form):
        self.form = form
        self._compiled: dict[str, object] = {}
        self._busy: set[str] = set()
        self._lock = threading.RLock()

    # -- names ----------------------------------------------------------------------
    @cached_property
    def _by_name(self) -> dict:
        """Field by id, Chinese or English label (built once per FormModel, not per reference)."""
        out = {}
        for t in self.form.active:
            label = t.field.get("label") or {}
            for name in (label.get("en"), label.get("zh"), t.id):  # an id wins over a label
                if name:
                    out[name] = t
        return out

    def field_ref(self, name: str, *, children_of=None):
        """A formula's name -> FieldRef (None when unknown)."""
        from ..logic.formula import FieldRef

        t = (children_of or self._by_name).get(name)
        if t is None:
            return None
        if not t.has_column and not t.virtual and hasattr(t, "children"):
            kids = {}
            for c in t.children:
                label = c.field.get("label") or {}
                for n in (label.get("en"), label.get("zh"), c.id):
                    if n:
                        kids[n] = c
            return FieldRef(t.id, "rows", lambda n, kids=kids: self.field_ref(n, children_of=kids))
        if t.key == "formula" and children_of is None:  # its type, and a cycle raises here
            return FieldRef(t.id, self.formula(t.id).type)
        return FieldRef(t.id, kind_of(t))

    def _decide(self):
        ctx = self.form.context
        if ctx is None:
            return None
        from ..logic.decision import decision_resolver

        return decision_resolver(ctx.decisions())

    # -- formulas -------------------------------------------------------------------
    def formula(self, field_id: str, expression: str | None = None):
        """The compiled formula of a field (or of `expression` in its place). Raises
        FormulaProblem (a formula error with its position, or a cycle)."""
        from ..logic.formula import FormulaError, compile_formula

        with self._lock:
            if expression is None and field_id in self._compiled:
                return self._compiled[field_id]
            if field_id in self._busy:
                raise FormulaProblem(field_id, "formula_cycle", f"公式字段 {field_id} 引用了自身(循环引用)",
                                     f"formula field {field_id} refers to itself (a cycle)")
            t = self.form.fields.get(field_id)
            text = expression if expression is not None else (t.field.get("expression") if t else "") or ""
            self._busy.add(field_id)
            try:
                compiled = compile_formula(text, self.field_ref, decide=self._decide())
            except FormulaError as e:
                details = {k: getattr(e, k) for k in ("position", "length") if getattr(e, k, None) is not None}
                raise FormulaProblem(field_id, "formula_error", e.message["zh"], e.message["en"], **details) from e
            finally:
                self._busy.discard(field_id)
            if expression is None:
                self._compiled[field_id] = compiled
            return compiled

    def formula_sql(self, field_id: str, compiled=None) -> SqlField:
        """The formula as SQL. One that reads TODAY() / NOW() is compiled again when the
        moment the compiler folds into it (the zone and the logic clock's date, or its wall
        time to the second for NOW()) has changed since its last compilation; others once."""
        from ..logic import to_sql_value

        key = ("sql", field_id)
        if compiled is None:
            if key in self._compiled:
                return self._compiled[key]
            compiled = self.formula(field_id)
            if not self.volatile(field_id):
                sql = self._compiled[key] = to_sql_value(compiled.logic, self.resolver())
                return sql
            moment = self.moment(field_id)
            hit = self._compiled.get(("at", field_id))
            if hit is not None and hit[0] == moment:
                return hit[1]
            sql = to_sql_value(compiled.logic, self.resolver())
            self._compiled[("at", field_id)] = (moment, sql)
            return sql
        return to_sql_value(compiled.logic, self.resolver())

    def volatile(self, field_id: str) -> bool:
        """Does the formula read the time (TODAY() / NOW(), itself or through another formula)?"""
        key = ("volatile", field_id)
        if key not in self._compiled:
            compiled = self.formula(field_id)
            self._compiled[key] = compiled.volatile or self._volatile_refs(compiled)
        return self._compiled[key]

    def clock_unit(self, field_id: str) -> str | None:
        """What of the time the formula's SQL folds in: "day" (it reads TODAY() only,
        itself or through other formulas), "second" (NOW(), the compilers' resolution), or
        None (it does not read the time)."""
        key = ("clock", field_id)
        if key not in self._compiled:
            unit = None
            if self.volatile(field_id):
                ops: set = set()
                self._clock_ops(field_id, ops, set())
                unit = "day" if ops == {"today"} else "second"
            self._compiled[key] = unit
        return self._compiled[key]

    def moment(self, field_id: str) -> tuple:
        """The time a volatile formula's SQL depends on, now: (zone, date or wall time)."""
        now = wall_now()
        return current_zone().key, now.date() if self.clock_unit(field_id) == "day" else now

    def _clock_ops(self, field_id: str, ops: set, seen: set) -> None:
        if field_id in seen:
            return
        seen.add(field_id)
        compiled = self.formula(field_id)
        walk(compiled.logic, lambda op, _args: ops.add(op) if op in CLOCK_OPS else None)
        for ref in compiled.refs:
            t = self.form.field(ref)
            if t is not None and t.key == "formula":
                self._clock_ops(ref, ops, seen)

    def _volatile_refs(self, compiled) -> bool:
        """Does the formula read another formula that reads the time (then it does too)?"""
        for ref in compiled.refs:
            t = self.form.field(ref)
            if t is not None and t.key == "formula" and (self.formula(ref).volatile or self._volatile_refs(self.formula(ref))):
                return True
        return False

    def resolver(self):
        """name -> SqlField of this form's row (columns, computed fields, sub-table rows)."""
        form = self.form

        def resolve(name: str):
            t = form.field(name)
            if t is not None and not t.has_column and not t.virtual and hasattr(t, "children"):
                return SqlField(SubRows(form, t), "rows")
            return form.sql(name)

        return resolve

    # -- lookups --------------------------------------------------------------------
    def lookup_target(self, t):
        """(target FormModel, target field type) of a lookup, or raise FormulaProblem."""
        via = self.form.field(t.field.get("via") or "")
        if via is None or via.references != "form":
            raise FormulaProblem(t.id, "lookup_via", f"查找字段 {t.id} 的关联字段“{t.field.get('via')}”不存在或不是关联记录",
                                 f"lookup {t.id}: “{t.field.get('via')}” is not a relation field of this form")
        ctx = self.form.context
        target = ctx.form(via.target) if ctx is not None else None
        if target is None:
            raise FormulaProblem(t.id, "lookup_form", f"查找字段 {t.id}:关联的表单 {via.target} 未发布",
                                 f"lookup {t.id}: the related form {via.target} is not published")
        tt = target.field(t.field.get("field") or "")
        if tt is None or not tt.in_row:
            raise FormulaProblem(t.id, "lookup_field", f"查找字段 {t.id}:表单 {via.target} 没有字段“{t.field.get('field')}”",
                                 f"lookup {t.id}: form {via.target} has no field “{t.field.get('field')}”")
        return via, target, tt

    def lookup_sql(self, t) -> SqlField:
        key = ("lookup", t.id)
        with self._lock:
            if key in self._busy:
                raise FormulaProblem(t.id, "formula_cycle", f"查找字段 {t.id} 循环引用", f"lookup {t.id} is part of a cycle")
            self._busy.add(key)
            try:
                via, target, tt = self.lookup_target(t)
                inner = target.sql(tt.id)
            finally:
                self._busy.discard(key)
        tab = target.table
        sub = (sa.select(inner.column).where(tab.c.id == self.form.table.c[via.id], tab.c.deleted_at.is_(None))
               .scalar_subquery())
        return SqlField(sub, inner.kind)

    # -- publish --------------------------------------------------------------------
    def problems(self) -> list[dict]:
        """Every computed field that does not compile, each naming the field (publish)."""
        out = []
        for t in self.form.active:
            if not t.virtual and t.key != "formula":
                continue
            try:
                sql = t.sql_field()
                if t.key == "formula" and t.field.get("indexed"):
                    self._check_indexable(t)
                if sql.kind not in VALUE_KINDS and t.key == "formula":
                    raise FormulaProblem(t.id, "formula_type", f"公式字段 {t.id} 的结果类型无法确定",
                                         f"formula {t.id}: the result has no usable type")
            except FormulaProblem as e:
                out.append(e.problem)
            except LogicError as e:
                msg = getattr(e, "message", None) or bilingual(str(e), str(e))
                out.append({"field": t.id, "code": "formula_sql", "message": msg})
        return out

    def moves_alone(self, field_id: str) -> bool:
        """Can the formula's value change without a write of its row (it reads the time, or
        a lookup, a rollup or another row's values)?"""
        volatile, bad = self._unstorable(field_id)
        return volatile or bool(bad)

    def _unstorable(self, field_id: str) -> tuple[bool, list[str]]:
        """(reads the time, the fields it reads that change without a write of this row):
        a stored formula may read this row's own columns and formulas over them only."""
        compiled = self.formula(field_id)
        volatile, bad = compiled.volatile, []
        for ref in compiled.refs:
            r = self.form.field(ref)
            if r is not None and r.key == "formula":
                v, b = self._unstorable(ref)
                volatile, bad = volatile or v, bad + b
            elif r is None or r.computed or not (r.has_column or r.id in self.form.child_tables):
                bad.append(ref)
        return volatile, bad

    def _check_indexable(self, t) -> None:
        volatile, bad = self._unstorable(t.id)
        if volatile or bad:
            why_zh = "用到了今天/现在" if volatile else f"引用了 {', '.join(sorted(set(bad)))}"
            why_en = "it uses TODAY/NOW" if volatile else f"it reads {', '.join(sorted(set(bad)))}"
            raise FormulaProblem(t.id, "formula_not_indexable",
                                 f"公式字段 {t.id} 不能建索引:{why_zh}(只能引用本表单直接存储的字段)",
                                 f"formula {t.id} cannot be indexed: {why_en} (only this form's stored fields)")


class SubRows:
    """A sub-table as a formula aggregates it: `aggregate(agg, child)` is a correlated
    scalar subquery over the child rows of the current record."""

    def __init__(self, form, sub):
        self.form, self.sub = form, sub

    def aggregate(self, agg: str, field: str | None) -> SqlField:
        child = self.form.child_tables[self.sub.id]
        parent = child.c.parent_id == self.form.table.c.id
        if agg == "count":
            expr = sa.func.count() if field is None else sa.func.count(child.c[field])
            return SqlField(sa.select(expr).where(parent).scalar_subquery(), "number")
        ct = next((c for c in self.sub.children if c.id == field), None)
        if ct is None or not ct.has_column:
            raise LogicError(f"子表 {self.sub.id} 没有字段 {field}", f"sub-table {self.sub.id} has no field {field}")
        kind = "number" if agg in ("sum", "avg") else ct.sql_kind
        fn = {"sum": sa.func.sum, "avg": sa.func.avg, "min": sa.func.min, "max": sa.func.max}[agg]
        value = fn(child.c[field])
        if agg == "sum":
            value = sa.func.coalesce(value, 0)
        return SqlField(sa.select(value).where(parent).scalar_subquery(), kind)


def refresh_stored(conn, form, ids) -> None:
    """Set the stored column of every indexed formula of `form` on rows `ids` (after a write)."""
    stored = [t for t in form.active if t.key == "formula" and t.has_column]
    if not stored or not ids:
        return
    from ..storage.binding import chunks

    values = {t.id: form.computed.formula_sql(t.id).column for t in stored}
    for part in chunks(list(ids)):
        conn.execute(form.table.update().where(form.table.c.id.in_(part)).values(**values))


def browser_field(form, field: dict) -> dict:
    """A field definition as the web UI gets it: a computed field with `value_type` (the
    kind of its value), a formula with its compiled `logic` (evaluated live in the record
    form), a lookup with the related field's definition (`lookup_field`, shown by its type)."""
    t = form.field(field["id"])
    if t is None or not t.computed:
        return field
    out = dict(field, value_type=kind_of(t))
    if t.key == "formula":
        try:
            out["logic"] = t.compiled().logic
        except FormulaProblem:
            out["logic"] = None
    elif t.key == "lookup":
        tt = t.target_type()
        if tt is not None:
            out["lookup_field"] = tt.field
    return out
