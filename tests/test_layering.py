"""Imports flow one way, checked on the source: every package of `platform/trellis/` sits
in a layer and imports only from its own layer's package or from lower layers. Engines
never import Flask; only the web-facing packages (and the few modules named below) do.
The order is the map in docs/DESIGN.md ("Layers")."""
from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "platform" / "trellis"

# lowest first; a package may import its own layer's modules only within itself
LAYERS = [
    ("kernel",),
    ("logic", "storage"),
    ("meta",),
    ("forms",),
    ("security",),
    ("records",),
    ("sheets",),
    ("imports",),
    ("jobs", "tasks"),
    ("notify",),
    ("flows",),
    ("reports", "activity"),
    ("plugins",),
    ("runtime",),
    ("api",),
    ("web",),
    ("provision",),
    ("cli",),
]
LEVEL = {name: i for i, names in enumerate(LAYERS) for name in names}
WEB_PACKAGES = {"api", "web", "provision", "cli"}
# modules outside the web-facing packages that are Flask-AppBuilder's own integration
FLASK_ALLOWED = {"security/fab.py", "security/headers.py", "security/roles.py", "plugins/web.py"}


def _imports(path: Path) -> set[str]:
    rel = path.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1])
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


def _top(mod: str) -> str | None:
    parts = mod.split(".")
    if parts[0] != "trellis" or len(parts) < 2:
        return None
    return parts[1] if (PKG / parts[1]).is_dir() else None


def test_every_package_has_a_layer():
    packages = {p.name for p in PKG.iterdir() if p.is_dir() and (p / "__init__.py").exists() or
                (p.is_dir() and any(p.glob("*.py")))}
    packages.discard("__pycache__")
    assert packages <= set(LEVEL), f"packages without a layer: {sorted(packages - set(LEVEL))}"
    loose = sorted(p.name for p in PKG.glob("*.py") if p.name != "__init__.py")
    assert not loose, f"loose top-level modules (group them into packages): {loose}"


def test_imports_flow_one_way():
    problems = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if len(rel.parts) < 2:
            continue
        top = rel.parts[0]
        if top not in LEVEL:
            continue
        for mod in _imports(path):
            if (mod == "flask" or mod.startswith(("flask.", "flask_"))) and top not in WEB_PACKAGES \
                    and str(rel) not in FLASK_ALLOWED:
                problems.append(f"{rel} imports {mod} (Flask outside the web layer)")
            target = _top(mod)
            if target is None or target == top or target not in LEVEL:
                continue
            if LEVEL[target] >= LEVEL[top]:
                problems.append(f"{rel} imports {mod} ({top} may not import {target})")
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_check_sees_relative_imports():
    mods = _imports(PKG / "records" / "service.py")
    assert "trellis.kernel.errors" in mods and "trellis.records.checks" in mods
