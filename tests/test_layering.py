"""Imports flow one way: api -> services -> engines -> models. Engines never import Flask
or the API; the condition language imports no other engine. Checked on the source."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "platform" / "trellis"

# package -> modules it must never import (prefix match on the absolute module name)
FORBIDDEN = {
    "logic": ("flask", "trellis.api", "trellis.records", "trellis.forms", "trellis.meta", "trellis.runtime"),
    "forms": ("flask", "trellis.api", "trellis.records", "trellis.runtime"),
    "meta": ("flask", "trellis.api", "trellis.records", "trellis.runtime"),
    "records": ("flask", "trellis.api"),
    "tasks": ("flask", "trellis.api"),
    "imports": ("flask", "trellis.api"),
    "models.py": ("flask", "trellis."),
    "runtime.py": ("flask", "trellis.api"),
    "seeding.py": ("flask", "trellis.api"),
}


def _imports(path: Path) -> set[str]:
    rel = path.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1]) if path.name != "__init__.py" else list(rel.parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def test_imports_flow_one_way():
    problems = []
    for where, banned in FORBIDDEN.items():
        target = PKG / where
        files = [target] if target.is_file() else sorted(target.rglob("*.py"))
        assert files, where
        for path in files:
            for mod in _imports(path):
                if any(mod == b or mod.startswith(b + ".") or (b.endswith(".") and mod.startswith(b)) for b in banned):
                    problems.append(f"{path.relative_to(PKG)} imports {mod}")
    assert not problems, "\n".join(problems)


def test_the_check_sees_relative_imports():
    mods = _imports(PKG / "records" / "service.py")
    assert "trellis.errors" in mods and "trellis.records.checks" in mods
