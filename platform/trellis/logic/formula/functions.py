"""The formula's function table: every function once, by category, with its Chinese
aliases, argument types, result type, help and example (FUNCTIONS, `catalog()` for the
designer's picker), and `call(ctx, node)`, which checks a call (known name, argument
count, argument types) and compiles it through the entry's build function. Names and
aliases are matched case-insensitively."""
from __future__ import annotations

from types import MappingProxyType

from . import functions_date, functions_logic, functions_math, functions_text
from .errors import fail
from .spec import FunctionSpec, check_arg
from .types import Value

FUNCTIONS: tuple[FunctionSpec, ...] = tuple(
    functions_logic.SPECS + functions_math.SPECS + functions_text.SPECS + functions_date.SPECS)


def _index() -> MappingProxyType:
    out: dict[str, FunctionSpec] = {}
    for spec in FUNCTIONS:
        for key in (spec.name, *spec.aliases):
            k = key.upper()
            if k in out:
                raise ValueError(f"formula function name {key} is used twice")
            out[k] = spec
    return MappingProxyType(out)


BY_NAME = _index()


def lookup(name: str) -> FunctionSpec | None:
    return BY_NAME.get(name.upper())


def catalog() -> list[dict]:
    """Every function as JSON (name, aliases, args, result, category, help, example)."""
    return [spec.to_dict() for spec in FUNCTIONS]


def _count_error(spec: FunctionSpec, node, got: int):
    least, most = spec.arity()
    if most == float("inf"):
        zh, en = f"至少 {least} 个参数", f"at least {least} argument{'s' if least != 1 else ''}"
    elif least == most:
        zh, en = f" {least} 个参数", f"{least} argument{'s' if least != 1 else ''}"
    else:
        zh, en = f" {least} 到 {int(most)} 个参数", f"{least} to {int(most)} arguments"
    if got > most:
        extra = node.args[int(most)]
        pos, end = extra.pos, node.args[-1].end
    else:
        pos, end = node.end - 1, node.end
    return fail(pos, end, f"函数 {spec.name} 需要{zh},这里有 {got} 个",
                f"{spec.name} takes {en}, not {got}", function=spec.name)


def call(ctx, node) -> Value:
    spec = lookup(node.value)
    if spec is None:
        raise fail(node.name_pos, node.name_end, f"未知的函数 {node.value}", f"unknown function {node.value}",
                   function=node.value)
    least, most = spec.arity()
    if not least <= len(node.args) <= most:
        raise _count_error(spec, node, len(node.args))
    vals = [check_arg(spec, i, ctx.compile(a)) for i, a in enumerate(node.args)]
    return spec.build(ctx, node, vals)
