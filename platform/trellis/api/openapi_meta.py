"""The definition meta-schemas (`_metadata/*.schema.json`) as OpenAPI component schemas, so
that the document describes a form, role or view definition body exactly as the server
checks it: each kind becomes `<Kind>Definition`, each `$defs` entry `Meta_<file>_<name>`,
and every `$ref` between the files points at those components."""
from __future__ import annotations

from functools import lru_cache

from ..meta import schemas as meta

NAMES = {"form": "FormDefinition", "role": "RoleDefinition", "view": "ViewDefinition", "app": "AppDefinition"}


def _component(file: str, ref: str) -> str:
    """`common.schema.json#/$defs/text` (or `#/$defs/field` inside `file`) -> a component reference."""
    target, _, fragment = ref.partition("#")
    source = (target or file).removesuffix(".schema.json")
    if fragment.startswith("/$defs/"):
        return f"#/components/schemas/Meta_{source}_{fragment[len('/$defs/'):]}"
    return f"#/components/schemas/{NAMES.get(source, f'Meta_{source}')}"


def _rewrite(node, file: str):
    if isinstance(node, list):
        return [_rewrite(n, file) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _rewrite(v, file) for k, v in node.items() if k not in ("$schema", "$id", "$defs", "examples")}
    if isinstance(node.get("$ref"), str):
        out["$ref"] = _component(file, node["$ref"])
    return out


@lru_cache(maxsize=1)
def components() -> dict:
    out = {}
    for kind in ("common", *meta.KINDS):
        schema = meta.meta_schema(kind)
        file = f"{kind}.schema.json"
        for name, sub in schema.get("$defs", {}).items():
            out[f"Meta_{kind}_{name}"] = _rewrite(sub, file)
        if kind in NAMES:
            out[NAMES[kind]] = _rewrite(schema, file)
    return out
