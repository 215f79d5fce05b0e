"""Meta-schemas: load `metadata/*.schema.json` and validate definitions against them.

Every problem is reported with the JSON pointer of the offending value, bilingual.
`field_problems` checks a form's fields against their field type's own `config_schema`.
A kind of definition (meta/kind.py) checks its drafts with these.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from ..kernel.errors import bilingual

KINDS = ("app", "form", "view", "role")


def metadata_dir() -> Path:
    """The meta-schema folder: shipped inside the package, or the repository's metadata/."""
    packaged = Path(str(resources.files("trellis"))) / "_metadata"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "metadata"


@lru_cache(maxsize=None)
def _schemas() -> dict[str, dict]:
    out = {}
    for path in sorted(metadata_dir().glob("*.schema.json")):
        out[path.name] = json.loads(path.read_text(encoding="utf-8"))
    return out


@lru_cache(maxsize=1)
def _registry() -> Registry:
    """The files of metadata/ by $id and by file name, for `$ref`s between meta-schemas."""
    schemas = _schemas()
    return Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    ).with_resources(
        (n, Resource.from_contents(s)) for n, s in schemas.items()
    )


@lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    schemas = _schemas()
    name = f"{kind}.schema.json"
    if name not in schemas:
        raise KeyError(f"no meta-schema for kind {kind!r}")
    return Draft202012Validator(schemas[name], registry=_registry())


def inline_validator(schema: dict) -> Draft202012Validator:
    """A validator of a meta-schema given as a dict (a kind declared in code); it may
    `$ref` the files of metadata/ (`common.schema.json#/$defs/text`)."""
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, registry=_registry())


def meta_schema(kind: str) -> dict:
    return _schemas()[f"{kind}.schema.json"]


def pointer(path) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _problem(ptr: str, zh: str, en: str, code: str = "invalid") -> dict:
    return {"pointer": ptr, "code": code, "message": bilingual(f"{ptr or '/'}:{zh}", f"{ptr or '/'}: {en}")}


def schema_problems(kind: str, body, prefix=()) -> list[dict]:
    """Problems of `body` against the kind's meta-schema (empty list when valid)."""
    return problems_of(validator(kind), body, prefix)


def problems_of(checker: Draft202012Validator, body, prefix=()) -> list[dict]:
    """Problems of `body` against a meta-schema's validator, each with its JSON pointer."""
    problems = []
    for err in sorted(checker.iter_errors(body), key=lambda e: list(e.absolute_path)):
        ptr = pointer(list(prefix) + list(err.absolute_path))
        problems.append(_problem(ptr, f"不符合规范({err.validator}):{err.message}", err.message, err.validator))
    return problems


def field_problems(fields, field_types, prefix="/fields") -> list[dict]:
    """Check each field's type exists and its type-specific keys fit the type's config schema."""
    problems = []
    seen = set()
    if not isinstance(fields, list):  # the meta-schema names that problem
        return problems
    for i, field in enumerate(fields):
        if not isinstance(field, dict):
            continue
        ptr = f"{prefix}/{i}"
        fid = field.get("id")
        if isinstance(fid, str) and fid in seen:
            problems.append(_problem(f"{ptr}/id", f"字段标识 {fid} 重复", f"duplicate field id {fid}", "duplicate"))
        if isinstance(fid, str):
            seen.add(fid)
        ftype = field.get("type")
        if not isinstance(ftype, str) or ftype not in field_types:
            problems.append(_problem(f"{ptr}/type", f"未知的字段类型 {ftype}", f"unknown field type {ftype}", "unknown_type"))
            continue
        cls = field_types.get(ftype)
        for err in Draft202012Validator(cls.config_schema).iter_errors(field):
            sub = pointer(list(err.absolute_path))
            problems.append(_problem(f"{ptr}{sub}", f"字段 {fid}({ftype})配置无效:{err.message}",
                                     f"field {fid} ({ftype}): {err.message}", err.validator))
        if ftype == "sub_table":
            problems += field_problems(field.get("fields"), field_types, f"{ptr}/fields")
    return problems
