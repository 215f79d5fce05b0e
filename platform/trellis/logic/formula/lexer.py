"""The formula lexer: text -> tokens, each with its 0-based start and end offsets.

Tokens (kind, value):
- "num": 1, 1.5, .5, 1e3, 2.5E-2 (value an int when integral, else a float);
- "str": "double quoted" ("" inside is one "), 'single quoted' ('' inside is one '),
  “Chinese quotes” and ‘Chinese single quotes’ (no escapes inside those);
- "ident": a name of letters (any script, so 权益 is one), digits and _, not starting with
  a digit: a function name, TRUE / FALSE, or a field's id or label;
- "field": {any label} in braces (spaces and punctuation allowed, no "}");
- "op": + - * / ^ & % = == <> != < <= > >=; "(" ")" "," ".".
Full-width （ ） ， ＋ － ＊ ／ ＾ ＆ ％ ＝ ＜ ＞ ！ and the ideographic space are read as their
ASCII forms, so a formula typed with a Chinese input method works as typed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import fail

_FULL_WIDTH = str.maketrans("（），＋－＊／＾＆％＝＜＞！", "(),+-*/^&%=<>!")
_NUMBER = re.compile(r"(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
_OPERATORS = ("<=", ">=", "<>", "!=", "==", "+", "-", "*", "/", "^", "&", "%", "=", "<", ">")
_PUNCT = "(),."
_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}
_DOUBLED = {'"', "'"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    value: object
    pos: int
    end: int


def _is_name_start(c: str) -> bool:
    return c.isalpha() or c == "_"


def _is_name_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _string(text: str, i: int) -> tuple[str, int]:
    """The string literal opening at text[i]: (its value, the offset after it)."""
    close = _QUOTES[text[i]]
    out, j, n = [], i + 1, len(text)
    while j < n:
        c = text[j]
        if c == close:
            if close in _DOUBLED and j + 1 < n and text[j + 1] == close:
                out.append(c)
                j += 2
                continue
            return "".join(out), j + 1
        out.append(c)
        j += 1
    raise fail(i, n, f"文本缺少结束引号 {close}", f"the text has no closing quote {close}")


def _number(text: str, i: int) -> tuple[object, int]:
    m = _NUMBER.match(text, i)
    raw = m.group()
    if any(c in raw for c in ".eE"):
        value = float(raw)
        if value != value or value in (float("inf"), float("-inf")):
            raise fail(i, m.end(), f"数字 {raw} 超出范围", f"the number {raw} is out of range")
        if value.is_integer() and abs(value) < 2 ** 53:
            value = int(value)
    else:
        value = int(raw)
        if abs(value) >= 2 ** 53:
            value = float(value)
    return value, m.end()


def tokenize(formula: str) -> list[Token]:
    """The tokens of `formula`, ending with an "eof" token; FormulaError at a bad character."""
    text = formula.translate(_FULL_WIDTH)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c.isdigit() and c.isascii() or (c == "." and i + 1 < n and text[i + 1].isascii()
                                               and text[i + 1].isdigit()):
            value, j = _number(text, i)
            tokens.append(Token("num", value, i, j))
            i = j
        elif c in _QUOTES:
            value, j = _string(text, i)
            tokens.append(Token("str", value, i, j))
            i = j
        elif c == "{":
            j = text.find("}", i + 1)
            if j < 0:
                raise fail(i, n, "字段名缺少结束的 }", "the field name has no closing }")
            name = text[i + 1:j].strip()
            if not name:
                raise fail(i, j + 1, "{} 中缺少字段名", "no field name inside {}")
            tokens.append(Token("field", name, i, j + 1))
            i = j + 1
        elif _is_name_start(c):
            j = i + 1
            while j < n and _is_name_char(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], i, j))
            i = j
        elif c in _PUNCT:
            tokens.append(Token(c, c, i, i + 1))
            i += 1
        else:
            op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
            if op is None:
                if c in "[【":
                    raise fail(i, i + 1, f"无法识别的字符“{c}”:字段名请写在 {{}} 中,如 {{客户 权益}}",
                               f"unexpected character “{c}”: write a field's label in braces, "
                               "like {client equity}")
                raise fail(i, i + 1, f"无法识别的字符“{c}”", f"unexpected character “{c}”")
            tokens.append(Token("op", "==" if op == "=" else ("!=" if op == "<>" else op), i, i + len(op)))
            i += len(op)
    tokens.append(Token("eof", None, n, n))
    return tokens
