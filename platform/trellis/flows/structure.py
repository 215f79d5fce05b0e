"""The shape of a flow definition beyond its meta-schema: every node a known node type
whose configuration fits that type's schema, node (and branch) ids unique in the flow,
nothing after an `end` in its sequence, the trigger a known trigger type whose
configuration fits, conditions (entry, exit, branch tests) within the rule language's
limits. Each problem names the JSON pointer of the node or key, in Chinese and English.

`walk(steps)` yields (pointer, node) for every node, depth first, in the order a run
meets them; it is the one traversal the checks, the runtime and the designer's views use."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from jsonschema import Draft202012Validator

from ..kernel.errors import bilingual
from ..logic import LogicError
from ..logic.limits import check_rule_size
from .node_type import COMMON_NODE_KEYS


ID = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def problem(pointer: str, code: str, zh: str, en: str, **extra) -> dict:
    return {"pointer": pointer, "code": code, "message": bilingual(f"{pointer}:{zh}", f"{pointer}: {en}"), **extra}


def walk(steps, node_types, base: str = "/steps") -> Iterator[tuple[str, dict]]:
    """(pointer, node) of every node in `steps` and in the blocks of container nodes."""
    for i, node in enumerate(steps or []):
        if not isinstance(node, dict):
            continue
        here = f"{base}/{i}"
        yield here, node
        kind = type_of(node, node_types)
        if kind is not None:
            for suffix, inner in kind().blocks(node):
                yield from walk(inner, node_types, here + suffix)


def type_of(node: dict, registry):
    """The registered class of a node's (or trigger's) `type`, None when unknown."""
    t = node.get("type")
    return registry.get(t) if isinstance(t, str) and t in registry else None


@lru_cache(maxsize=256)
def _validator(cls) -> Draft202012Validator:
    return Draft202012Validator(cls.config_schema)


def _config_problems(cls, config: dict, pointer: str, what: tuple[str, str]) -> list[dict]:
    out = []
    for err in sorted(_validator(cls).iter_errors(config), key=lambda e: list(e.absolute_path)):
        path = "".join(f"/{p}" for p in err.absolute_path)
        out.append(problem(pointer + path, "invalid_config", f"{what[0]}的配置无效:{err.message}",
                           f"invalid {what[1]} configuration: {err.message}"))
    return out


def _rule_problems(rule, pointer: str) -> list[dict]:
    if rule is None:
        return []
    try:
        check_rule_size(rule)
    except LogicError as e:
        return [problem(pointer, e.code, e.message["zh"], e.message["en"])]
    return []


def check_flow(body: dict, node_types, trigger_types) -> list[dict]:
    """Every problem of the flow's shape (see the module docstring)."""
    out: list[dict] = []
    trigger = body.get("trigger") or {}
    ttype = trigger.get("type")
    if type_of(trigger, trigger_types) is None:
        out.append(problem("/trigger/type", "unknown_trigger", f"未知的触发方式“{ttype}”",
                           f"unknown trigger type “{ttype}”"))
    else:
        tcls = trigger_types.get(ttype)
        config = {k: v for k, v in trigger.items() if k != "type"}
        found = _config_problems(tcls, config, "/trigger", ("触发方式", "trigger"))
        out += found
        if not found:  # a configuration of the right shape: the type's own checks
            for suffix, code, zh, en in tcls().problems(trigger):
                out.append(problem("/trigger" + suffix, code, zh, en))
        if tcls.needs_form and not body.get("form"):
            out.append(problem("/form", "form_required", f"触发方式“{ttype}”需要指定表单",
                               f"trigger “{ttype}” needs the flow's form"))
    out += _rule_problems(body.get("condition"), "/condition")
    out += _rule_problems(body.get("exit"), "/exit")
    seen: dict[str, str] = {}

    def claim(ident, pointer):
        if not isinstance(ident, str):
            return
        if ident in seen:
            out.append(problem(pointer, "duplicate_id", f"编号“{ident}”与 {seen[ident]} 重复",
                               f"id “{ident}” is already used at {seen[ident]}", node=ident))
        else:
            seen[ident] = pointer

    for pointer, node in walk(body.get("steps"), node_types):
        if not isinstance(node.get("id"), str) or not ID.match(node["id"]):
            out.append(problem(pointer + "/id", "invalid_id", "节点编号应为小写字母开头的字母、数字或下划线",
                               "a node id is lowercase letters, digits or underscores, starting with a letter"))
        claim(node.get("id"), pointer + "/id")
        ntype = node.get("type")
        if type_of(node, node_types) is None:
            out.append(problem(pointer + "/type", "unknown_node_type", f"未知的节点类型“{ntype}”",
                               f"unknown node type “{ntype}”", node=node.get("id")))
            continue
        cls = node_types.get(ntype)
        config = {k: v for k, v in node.items() if k not in COMMON_NODE_KEYS}
        for p in _config_problems(cls, config, pointer, ("节点", "node")):
            out.append(dict(p, node=node.get("id")))
        kind = cls()
        for suffix, code, zh, en in kind.problems(node):
            out.append(problem(pointer + suffix, code, zh, en, node=node.get("id")))
        for i, branch in enumerate(node.get("branches") or []):
            if isinstance(branch, dict):
                claim(branch.get("id"), f"{pointer}/branches/{i}/id")
                out += _rule_problems(branch.get("when"), f"{pointer}/branches/{i}/when")
    out += _unreachable(body.get("steps"), node_types, "/steps")
    out += _not_nodes(body.get("steps"), node_types, "/steps")
    return out


def _unreachable(steps, node_types, base: str) -> list[dict]:
    """Nodes after an `end` in the same sequence can never run."""
    out = []
    for i, node in enumerate(steps or []):
        cls = type_of(node, node_types) if isinstance(node, dict) else None
        if cls is None:
            continue
        if cls.terminal and i < len(steps) - 1:
            nxt = steps[i + 1]
            ident = nxt.get("id") if isinstance(nxt, dict) else None
            out.append(problem(f"{base}/{i + 1}", "unreachable", f"节点“{ident}”在“结束”之后,永远不会执行",
                               f"node “{ident}” follows an end and can never run", node=ident))
        for suffix, inner in cls().blocks(node):
            out += _unreachable(inner, node_types, f"{base}/{i}{suffix}")
    return out


def _not_nodes(steps, node_types, base: str) -> list[dict]:
    """Items of a nested step list that are not nodes (the meta-schema checks the top level)."""
    out = []
    for i, node in enumerate(steps if isinstance(steps, list) else []):
        if not isinstance(node, dict):
            out.append(problem(f"{base}/{i}", "not_a_node", "不是一个节点", "is not a node"))
            continue
        cls = type_of(node, node_types)
        for suffix, inner in (cls().blocks(node) if cls is not None else []):
            out += _not_nodes(inner, node_types, f"{base}/{i}{suffix}")
    return out
