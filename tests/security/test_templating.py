"""The sandboxed templates for notifications: values in, formatting allowed, Python
internals and mutation refused, bilingual errors."""
from __future__ import annotations

import pytest

from trellis.kernel.templating import TemplateFailed, render, render_html

CONTEXT = {"client": {"name": "张三", "equity": 1234567.891, "tags": ["vip", "new"]}, "note": None,
           "items": [1, 2, 3]}


def test_values_and_formatting():
    text = render("尊敬的{{ client.name }}:权益 {{ '%.2f'|format(client.equity) }} 元,"
                  "标签 {{ client.tags|join('、') }}{% if note %}({{ note }}){% endif %}", CONTEXT)
    assert text == "尊敬的张三:权益 1234567.89 元,标签 vip、new"
    assert render("{{ missing.deep.value }}|{{ note }}", CONTEXT) == "|"
    assert render("{% for i in items %}{{ i * 2 }} {% endfor %}", CONTEXT) == "2 4 6 "
    assert render("<b>{{ x }}</b>", {"x": "<i>"}) == "<b><i></b>"  # plain text: no escaping


def test_html_escapes_every_value():
    assert render_html("<p>{{ x }}</p>", {"x": "<script>alert('x')</script>"}) == \
        "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>"


@pytest.mark.parametrize("template", [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ client.__class__.__init__.__globals__ }}",
    "{{ items.append(4) }}",
    "{{ client.update({'name': 'x'}) }}",
    "{{ client.tags.pop() }}",
    "{{ 'a' * 100000000 }}",
    "{{ 10 ** 10000 }}",
    "{{ render.__globals__ }}",
])
def test_the_sandbox_refuses(template):
    with pytest.raises(TemplateFailed) as err:
        render(template, dict(CONTEXT, render=render))
    assert err.value.code == "template_unsafe" and err.value.status == 422
    assert err.value.message["zh"] and err.value.message["en"]
    assert CONTEXT["items"] == [1, 2, 3] and CONTEXT["client"]["tags"] == ["vip", "new"]


@pytest.mark.parametrize("template", ["{% for %}", "{{ x ", "{% if a %}no end", "第一行\n{{ }}"])
def test_syntax_errors_are_bilingual_and_name_the_line(template):
    with pytest.raises(TemplateFailed) as err:
        render(template, {})
    assert err.value.code == "template_syntax"
    line = template.count("\n") + 1 if "{{ }}" in template else 1
    assert f"第 {line} 行" in err.value.message["zh"] and f"line {line}" in err.value.message["en"]


def test_no_builtins_and_size_limits():
    with pytest.raises(TemplateFailed):
        render("{{ range(10)|list }}", {})
    with pytest.raises(TemplateFailed):
        render("x" * 200_000, {})
    with pytest.raises(TemplateFailed):
        render(None, {})
