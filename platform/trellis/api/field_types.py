"""GET /api/v1/field-types: every registered field type with its key, widget, label,
config schema and traits (what it can do: forms/types/traits.py), in palette order, and the one table of
condition operators the types' `operators` name. The designer's palette and every
front-end decision about a type (sorting, filtering, conditions, inline editing, layout,
imports) read this answer instead of lists of type names."""
from __future__ import annotations

from flask import Blueprint, jsonify

from ..forms.types.traits import OPERATORS, traits_of
from .auth import login_required, runtime

bp = Blueprint("trellis_field_types", __name__, url_prefix="/api/v1")


def describe(key: str, cls) -> dict:
    """One field type as the API answers it."""
    return {"key": key, "widget": cls.widget, "label": cls.label, "config_schema": cls.config_schema,
            **traits_of(cls)}


@bp.get("/field-types")
@login_required
def field_types():
    found = sorted(runtime().registries.field_types.items(), key=lambda kv: (kv[1].palette_rank, kv[0]))
    items = [describe(key, cls) for key, cls in found]
    return jsonify({"items": items, "operators": OPERATORS})
