"""The formula parser: tokens -> a syntax tree of `Node`s, by precedence climbing.

Precedence, loosest first (Excel's): comparisons = == <> != < <= > >=, then & (text
join), then + -, then * /, then ^, then a prefix - or +, then a postfix % (on a number
literal: 5% is 0.05; x% is x / 100). Binary operators are left-associative, ^ too (2^3^2 = 64), and a
prefix minus binds tighter than ^ (-2^2 = 4), as in Excel. Primaries: a number, a text,
TRUE / FALSE (any case), a function call NAME(arg, ...), a field (a bare name or {label}),
a sub-table column (table.column, either part bare or in braces) and ( expression ).

Nesting (parentheses, calls, operators) is limited to MAX_DEPTH levels and the formula to
MAX_LENGTH characters; both limits are refused with a FormulaError like any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .errors import fail
from .lexer import Token, tokenize

MAX_LENGTH = 4000
MAX_DEPTH = 24

_BINARY = {"==": 10, "!=": 10, "<": 10, "<=": 10, ">": 10, ">=": 10, "&": 20,
           "+": 30, "-": 30, "*": 40, "/": 40, "^": 50}
_PREFIX = 60
_FLATTEN = frozenset({"+", "*", "&"})


@dataclass(slots=True)
class Node:
    """One part of a formula: kind is num, str, bool, field, column, call, binary or unary.
    `value` is the literal, the field / function name or the operator; `args` the parts
    (a column's args hold the column's name as a one-element tuple); pos/end its span."""
    kind: str
    value: object
    pos: int
    end: int
    args: tuple = ()
    depth: int = 1
    name_pos: int = 0
    name_end: int = 0
    grouped: bool = False


def _hint(tokens: list[Token], tok: Token) -> tuple[str, str]:
    """A hint when a name follows a name or number: a label with spaces or starting with a
    digit, which must be written in braces."""
    i = next((k for k, t in enumerate(tokens) if t is tok), 0)
    prev = tokens[i - 1] if i else None
    if tok.kind == "ident" and prev is not None and prev.kind in ("ident", "num", "field"):
        return ("(含空格或以数字开头的字段名请写在 {} 中,如 {客户 权益})",
                " (write a label with spaces or starting with a digit in braces, like {client equity})")
    return "", ""


def _describe(tok: Token) -> tuple[str, str]:
    if tok.kind == "eof":
        return "公式意外结束", "the formula ends unexpectedly"
    text = str(tok.value) if tok.kind != "str" else f'"{tok.value}"'
    return f"此处不应出现“{text}”", f"unexpected “{text}”"


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.i = 0
        self.nesting = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def unexpected(self, tok: Token):
        zh, en = _describe(tok)
        zh2, en2 = _hint(self.tokens, tok)
        return fail(tok.pos, max(tok.end, tok.pos + 1), zh + zh2, en + en2)

    def deeper(self, pos: int, end: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise fail(pos, end, f"公式嵌套过深(最多 {MAX_DEPTH} 层)",
                       f"the formula is nested too deeply (at most {MAX_DEPTH} levels)")

    def expression(self, min_bp: int = 0) -> Node:
        tok = self.tok
        self.deeper(tok.pos, max(tok.end, tok.pos + 1))
        left = self.prefix()
        while True:
            tok = self.tok
            bp = _BINARY.get(tok.value) if tok.kind == "op" else None
            if bp is None or bp < min_bp:
                break
            self.take()
            right = self.expression(bp + 1)
            left = self.binary(tok, left, right)
        self.nesting -= 1
        return left

    def binary(self, tok: Token, left: Node, right: Node) -> Node:
        op = tok.value
        if op in _FLATTEN and left.kind == "binary" and left.value == op and not left.grouped:
            args = left.args + (right,)
        else:
            args = (left, right)
        depth = max(a.depth for a in args) + 1
        if depth > MAX_DEPTH:
            raise fail(tok.pos, tok.end, f"公式嵌套过深(最多 {MAX_DEPTH} 层)",
                       f"the formula is nested too deeply (at most {MAX_DEPTH} levels)")
        return Node("binary", op, args[0].pos, right.end, args, depth, tok.pos, tok.end)

    def prefix(self) -> Node:
        node = self.primary()
        while self.tok.kind == "op" and self.tok.value == "%":
            pct = self.take()
            if node.kind == "num":
                node = Node("num", _percent(node.value), node.pos, pct.end)
            else:
                hundred = Node("num", 100, pct.pos, pct.end)
                node = Node("binary", "/", node.pos, pct.end, (node, hundred), node.depth + 1,
                            pct.pos, pct.end)
        return node

    def primary(self) -> Node:
        tok = self.take()
        kind = tok.kind
        if kind == "num":
            return Node("num", tok.value, tok.pos, tok.end)
        if kind == "str":
            return Node("str", tok.value, tok.pos, tok.end)
        if kind == "op" and tok.value in ("-", "+"):
            self.deeper(tok.pos, tok.end)
            operand = self.expression(_PREFIX)
            self.nesting -= 1
            if tok.value == "+":
                return operand
            if operand.kind == "num":
                return Node("num", (-operand.value) or 0, tok.pos, operand.end)
            return Node("unary", "-", tok.pos, operand.end, (operand,), operand.depth + 1, tok.pos, tok.end)
        if kind == "(":
            inner = self.expression()
            close = self.take()
            if close.kind != ")":
                if close.kind == "eof":
                    raise fail(tok.pos, tok.end, "左括号没有对应的右括号", "this ( is never closed")
                raise self.unexpected(close)
            # a parenthesized operation is not merged into a chain around it
            return Node(inner.kind, inner.value, tok.pos, close.end, inner.args, inner.depth,
                        inner.name_pos, inner.name_end, True)
        if kind == "ident" and self.tok.kind == "(":
            return self.call(tok)
        if kind == "ident" and tok.value.upper() in ("TRUE", "FALSE") and self.tok.kind != ".":
            return Node("bool", tok.value.upper() == "TRUE", tok.pos, tok.end)
        if kind in ("ident", "field"):
            if self.tok.kind == ".":
                self.take()
                child = self.take()
                if child.kind not in ("ident", "field"):
                    raise self.unexpected(child)
                return Node("column", tok.value, tok.pos, child.end,
                            (Node("field", child.value, child.pos, child.end),), 2, tok.pos, tok.end)
            return Node("field", tok.value, tok.pos, tok.end)
        if kind == ")":
            zh, en = ("右括号没有对应的左括号", "this ) has no matching (")
            raise fail(tok.pos, tok.end, zh, en)
        raise self.unexpected(tok)

    def call(self, name: Token) -> Node:
        self.take()  # (
        args: list[Node] = []
        if self.tok.kind == ")":
            close = self.take()
        else:
            while True:
                if self.tok.kind in (",", ")"):
                    raise fail(self.tok.pos, self.tok.end, "缺少参数", "an argument is missing")
                args.append(self.expression())
                sep = self.take()
                if sep.kind == ",":
                    continue
                if sep.kind == ")":
                    close = sep
                    break
                if sep.kind == "eof":
                    raise fail(name.pos, name.end + 1, f"函数 {name.value} 的括号没有闭合",
                               f"the parenthesis of {name.value} is never closed")
                raise self.unexpected(sep)
        depth = max((a.depth for a in args), default=0) + 1
        if depth > MAX_DEPTH:
            raise fail(name.pos, name.end, f"公式嵌套过深(最多 {MAX_DEPTH} 层)",
                       f"the formula is nested too deeply (at most {MAX_DEPTH} levels)")
        return Node("call", name.value, name.pos, close.end, tuple(args), depth, name.pos, name.end)


def _percent(value):

    out = float(Decimal(repr(value)) / 100)
    return int(out) if out.is_integer() and abs(out) < 2 ** 53 else out


def parse(formula: str) -> Node:
    """The syntax tree of `formula`; FormulaError (with the position) when it is not one."""
    if not isinstance(formula, str) or not formula.strip():
        raise fail(0, 1, "公式为空", "the formula is empty")
    if len(formula) > MAX_LENGTH:
        raise fail(MAX_LENGTH, len(formula), f"公式过长(最多 {MAX_LENGTH} 个字符)",
                   f"the formula is too long (at most {MAX_LENGTH} characters)")
    text = formula[1:] if formula.startswith("=") else formula
    offset = len(formula) - len(text)
    tokens = [Token(t.kind, t.value, t.pos + offset, t.end + offset) for t in tokenize(text)] if offset \
        else tokenize(text)
    p = _Parser(tokens)
    node = p.expression()
    if p.tok.kind != "eof":
        tok = p.tok
        if tok.kind == ")":
            raise fail(tok.pos, tok.end, "右括号没有对应的左括号", "this ) has no matching (")
        zh, en = _describe(tok)
        zh2, en2 = _hint(tokens, tok)
        if not zh2:
            zh2, en2 = "(公式在此之前已完整)", " (the formula is complete before it)"
        raise fail(tok.pos, tok.end, zh + zh2, en + en2)
    return node
