"""User-written templates (notification texts, messages) rendered in Jinja's immutable
sandbox: a template can read the values it is given and format them, never reach
Python internals (`__class__`, `__globals__`, ...) or change its context.

`render` is for plain text (no escaping); `render_html` escapes every value. Errors are
bilingual `TemplateFailed` (a syntax error names the line) and never leak a traceback.
"""
from __future__ import annotations

from functools import lru_cache

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import TrellisError

MAX_LENGTH = 100_000    # characters of template
MAX_RESULT = 1_000_000  # items a `*` may build, characters of output


class TemplateFailed(TrellisError):
    status = 422
    code = "template_invalid"


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing `'x' * 10**9` and huge powers."""

    intercepted_binops = frozenset({"*", "**"})

    def unsafe_undefined(self, obj, attribute):
        # refuse outright: an undefined value would render empty and hide the attempt
        raise SecurityError(f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe")

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 1000:
            raise SecurityError("exponent too large")
        if operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int) and len(seq) * n > MAX_RESULT:
                    raise SecurityError("result too large")
        return super().call_binop(context, operator, left, right)


def _environment(autoescape: bool) -> ImmutableSandboxedEnvironment:
    # a missing or null value renders empty (also `a.b.c` when `a` is missing)
    env = _Sandbox(autoescape=autoescape, undefined=ChainableUndefined, trim_blocks=True, lstrip_blocks=True,
                   finalize=lambda v: "" if v is None else v)
    env.globals.clear()  # no range(), lipsum(), dict(), cycler() ...: only the context given
    return env


_TEXT = _environment(False)
_HTML = _environment(True)


@lru_cache(maxsize=1024)
def _compiled(html: bool, template: str):
    """Compiled templates, kept: a message sent to many recipients is compiled once."""
    return (_HTML if html else _TEXT).from_string(template)


def _render(env, template: str, context: dict | None, parse_only: bool = False) -> str:
    if not isinstance(template, str):
        raise TemplateFailed("模板必须是文本", "a template must be text")
    if len(template) > MAX_LENGTH:
        raise TemplateFailed(f"模板过长(上限 {MAX_LENGTH} 个字符)", f"template too long (at most {MAX_LENGTH} characters)")
    try:
        if parse_only:
            env.parse(template)
            return ""
        out = _compiled(env is _HTML, template).render(**(context or {}))
    except TemplateSyntaxError as e:
        raise TemplateFailed(f"模板第 {e.lineno} 行有语法错误:{e.message}",
                             f"template syntax error on line {e.lineno}: {e.message}",
                             code="template_syntax") from None
    except SecurityError as e:
        raise TemplateFailed(f"模板试图访问不允许的内容:{e}", f"the template tried something unsafe: {e}",
                             code="template_unsafe") from None
    except TemplateError as e:
        raise TemplateFailed(f"模板渲染失败:{e}", f"the template could not be rendered: {e}") from None
    if len(out) > MAX_RESULT:
        raise TemplateFailed(f"模板结果过长(上限 {MAX_RESULT} 个字符)",
                             f"the rendered text is too long (at most {MAX_RESULT} characters)", code="template_unsafe")
    return out


def check(template: str) -> None:
    """Parse `template` without rendering it: a syntax error raises, naming the line."""
    _render(_TEXT, template, None, parse_only=True)


def render(template: str, context: dict) -> str:
    """Plain text (values are inserted as they are)."""
    return _render(_TEXT, template, context)


def render_html(template: str, context: dict) -> str:
    """HTML (every inserted value is escaped)."""
    return _render(_HTML, template, context)
