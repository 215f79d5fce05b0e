"""FormModel: a published form definition made ready to use at runtime.

It holds the field-type instances, the SQLAlchemy Table the form is materialized as
(one column per field, named from the field id, plus the system columns), the child
tables of sub-table fields, and the form's JSON Schema with its compiled validators.
Built once per published version and cached by the Runtime.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property

import sqlalchemy as sa

SYSTEM_FIELDS = ("id", "created_at", "updated_at", "created_by", "updated_by", "version", "deleted_at")
ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
CURRENT_USER = "$user"


def index_name(prefix: str, table: str, column: str) -> str:
    """An index name within PostgreSQL's 63-character limit, stable for the same inputs."""
    name = f"{prefix}_{table}_{column}"
    if len(name) <= 60:
        return name
    digest = hashlib.sha1(name.encode()).hexdigest()[:10]
    return f"{prefix}_{table[:30]}_{column[:15]}_{digest}"


@dataclass(frozen=True)
class IndexSpec:
    """One single-column index; a unique one covers live rows only (deleted_at IS NULL)."""

    name: str
    column: str
    unique: bool

    def ddl(self, table: str, dialect) -> str:
        q = dialect.identifier_preparer.quote
        # NULLs sort first ascending (last descending) everywhere; PostgreSQL's index must agree
        col = q(self.column) + (" NULLS FIRST" if dialect.name == "postgresql" else "")
        where = " WHERE deleted_at IS NULL" if self.unique else ""
        return f"CREATE {'UNIQUE ' if self.unique else ''}INDEX {q(self.name)} ON {q(table)} ({col}){where}"


def system_columns() -> list[sa.Column]:
    return [
        sa.Column("id", ID_TYPE, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.Integer),
        sa.Column("updated_by", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("deleted_at", sa.DateTime),
    ]


class FormModel:
    """The runtime shape of one published form (see module docstring)."""

    def __init__(self, app: str, definition: dict, field_types, version: int | None = None, context=None):
        self.app = app
        self.context = context  # FormContext: the app's other forms and decision tables (computed fields)
        self.definition = definition
        self.id: str = definition["id"]
        self.version = version
        self.label = definition.get("label", {})
        self.field_types = field_types  # the registry, for sub-tables' child fields
        self.table_name = f"{app}__{self.id}"
        self.fields = {}
        for f in definition.get("fields", []):
            self.fields[f["id"]] = field_types.get(f["type"])(f, self)
        self.active = [t for t in self.fields.values() if not t.field.get("deleted")]
        self.active_ids = {t.id for t in self.active}
        self.title_field = definition.get("title_field") or next(
            (t.id for t in self.active if t.key == "text"), "id")
        self.metadata = sa.MetaData()
        self.table = self._build_table()
        self.child_tables = {t.id: self._build_child(t) for t in self.fields.values()
                             if not t.has_column and not t.virtual}

    # -- tables ---------------------------------------------------------------------
    def _build_table(self) -> sa.Table:
        cols = system_columns()
        for t in self.fields.values():
            cols.extend(t.columns())
        return sa.Table(self.table_name, self.metadata, *cols)

    @cached_property
    def indexes(self) -> list[IndexSpec]:
        """The indexes the table should have: indexed, unique, relation and user fields."""
        out = []
        for t in self.fields.values():
            if not t.has_column or t.field.get("deleted"):
                continue
            if t.field.get("unique"):
                out.append(IndexSpec(index_name("ux", self.table_name, t.id), t.id, True))
            elif t.field.get("indexed") or t.references:
                out.append(IndexSpec(index_name("ix", self.table_name, t.id), t.id, False))
        return out

    def _build_child(self, sub) -> sa.Table:
        cols = [
            sa.Column("id", ID_TYPE, primary_key=True, autoincrement=True),
            sa.Column("parent_id", sa.BigInteger, nullable=False, index=True),
            sa.Column("position", sa.Integer, nullable=False),
        ]
        cols.extend(sub.child_columns())
        return sa.Table(sub.child_table_name(self.table_name), self.metadata, *cols)

    # -- lookups --------------------------------------------------------------------
    def field(self, field_id: str):
        """An active field type instance, or None."""
        t = self.fields.get(field_id)
        return t if t is not None and not t.field.get("deleted") else None

    def sql(self, name: str):
        """The SqlField of a system field or an active field with a value in the row (its
        column, or a computed field's expression); None for anything else."""
        from ..logic import SqlField
        from .sqlfields import SYSTEM_KINDS

        if name in SYSTEM_KINDS:
            return SqlField(self.table.c[name], SYSTEM_KINDS[name])
        t = self.field(name)
        if t is None:
            return None
        return t.sql_field() if t.in_row else None

    @cached_property
    def computed(self):
        """The form's computed fields compiled (forms/computed.py): formulas and lookups."""
        from .computed import Computed

        return Computed(self)

    def readable_columns(self) -> list[str]:
        return list(SYSTEM_FIELDS[:-1]) + [t.id for t in self.active if t.has_column]

    @cached_property
    def generated_ids(self) -> set[str]:
        return {t.id for t in self.active if t.generated}

    def coercers(self, with_generated: bool = False) -> dict:
        """field id -> coerce function, for the fields a write may set."""
        return self._coercers_all if with_generated else self._coercers

    @cached_property
    def _coercers(self) -> dict:
        return {t.id: t.coerce for t in self.active if not t.generated}

    @cached_property
    def _coercers_all(self) -> dict:
        return {t.id: t.coerce for t in self.active if not t.computed}

    @cached_property
    def defaults(self) -> list[tuple[str, object]]:
        return [(t.id, t.field["default"]) for t in self.active
                if t.field.get("default") is not None and t.field.get("default") != CURRENT_USER]

    @cached_property
    def current_user_defaults(self) -> list[str]:
        """User fields whose default is the user who creates the record (`"default": "$user"`)."""
        return [t.id for t in self.active if t.references == "user" and t.field.get("default") == CURRENT_USER]

    @cached_property
    def db_converters(self) -> list[tuple[str, object]]:
        """(field id, to_db) for the column fields whose stored value differs from the JSON form."""
        from .types.base import FieldType

        return [(t.id, t.to_db) for t in self.fields.values()
                if t.has_column and type(t).to_db is not FieldType.to_db]

    @cached_property
    def searchable(self) -> list:
        return [t for t in self.active if t.searchable and t.has_column]

    @cached_property
    def relations(self) -> list:
        return [t for t in self.active if t.references == "form"]

    # -- JSON Schema ----------------------------------------------------------------
    @cached_property
    def json_schema(self) -> dict:
        """Draft 2020-12 schema of a record's writable values (after coercion)."""
        props = {t.id: t.json_schema() for t in self.active if not t.generated}
        required = [t.id for t in self.active if t.field.get("required") and not t.generated]
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": self.label.get("zh") or self.id,
            "type": "object",
            "properties": props,
            "required": required,
        }

    @cached_property
    def fast_validator(self):
        """fastjsonschema's compiled check (first error only); the common case is valid.
        Empty values never reach it (they are dropped before validation), so each property
        is its value schema alone, without the `anyOf [value, null]` wrapper."""
        import fastjsonschema

        props = {t.id: t.value_schema() for t in self.active if not t.generated}
        schema = {"type": "object", "properties": {k: v for k, v in props.items() if v},
                  "required": self.json_schema["required"]}
        return fastjsonschema.compile(schema)

    @cached_property
    def value_validators(self) -> dict:
        """field id -> fastjsonschema's check of one non-empty value (the property's own
        schema), for validating a column of values at a time."""
        import fastjsonschema

        out = {}
        for t in self.active:
            schema = t.value_schema() if not t.generated else None
            if schema:
                out[t.id] = fastjsonschema.compile(schema)
        return out

    @cached_property
    def full_validator(self):
        """jsonschema's validator, used to list every error once the fast check failed."""
        from jsonschema import Draft202012Validator

        return Draft202012Validator(self.json_schema)

    def __repr__(self) -> str:
        return f"<FormModel {self.app}.{self.id} v{self.version}>"
