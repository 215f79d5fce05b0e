"""Text functions of the formula language: CONCATENATE, TEXT, LEN, LEFT, RIGHT, MID,
UPPER, LOWER, TRIM, SUBSTITUTE, FIND, CONTAINS, STARTSWITH, ENDSWITH. A blank text
argument counts as "" and a blank number as 0; positions count characters from 1."""
from __future__ import annotations

from .compiler import as_text, blank_as
from .spec import fn
from .types import Value


def _text(name, result="text", *, counts=(), defaults=(), required=1):
    """{name: [args (a blank text "", a blank count, at an index in `counts`, 0)..., the
    defaults of optional ones left out]}."""
    def build(ctx, node, vals):
        logic = [blank_as(v, 0 if i in counts else "") for i, v in enumerate(vals)]
        logic += list(defaults[len(vals) - required:])
        return Value({name: logic}, result, False, node.pos, node.end)
    return build


def _concatenate(ctx, node, vals):
    return Value({"cat": [as_text(v).logic for v in vals]}, "text", False, node.pos, node.end)


def _to_text(ctx, node, vals):
    v = vals[0]
    if v.type in ("text", "date", "datetime"):
        return v
    return Value({"to_text": [v.logic]}, "text", v.nullable, node.pos, node.end)


SPECS = [
    fn("CONCATENATE", ["连接"], "values:value*", "text", "text",
       "把各个值连成一段文本(空值为空文本,同 &)。", "The values joined into one text (a blank is empty; like &).",
       'CONCATENATE(姓, 名)', _concatenate),
    fn("TEXT", ["转文本"], "value", "text", "text",
       "把数字转为文本(日期和文本保持不变)。", "The number as text (dates and texts stay as they are).",
       "TEXT(编号)", _to_text),
    fn("LEN", ["长度"], "text", "number", "text",
       "文本的字符数(空值为 0)。", "The number of characters (0 for a blank).", "LEN(备注)",
       _text("len", "number")),
    fn("LEFT", ["左取"], "text count:number?", "text", "text",
       "开头的若干个字符(默认 1 个)。", "The first characters (1 by default).", "LEFT(编号, 3)",
       _text("left", counts=(1,), defaults=(1,))),
    fn("RIGHT", ["右取"], "text count:number?", "text", "text",
       "末尾的若干个字符(默认 1 个)。", "The last characters (1 by default).", "RIGHT(手机, 4)",
       _text("right", counts=(1,), defaults=(1,))),
    fn("MID", ["截取"], "text start:number count:number", "text", "text",
       "从第 start 个字符(从 1 起)开始的 count 个字符。", "count characters from the start-th (counting from 1).",
       "MID(身份证号, 7, 8)", _text("mid", counts=(1, 2))),
    fn("UPPER", ["大写"], "text", "text", "text",
       "转为大写。", "The text in upper case.", "UPPER(代码)", _text("upper")),
    fn("LOWER", ["小写"], "text", "text", "text",
       "转为小写。", "The text in lower case.", "LOWER(邮箱)", _text("lower")),
    fn("TRIM", ["去空格"], "text", "text", "text",
       "去掉首尾的空白。", "The text without leading and trailing spaces.", "TRIM(名称)", _text("trim")),
    fn("SUBSTITUTE", ["替换"], "text old:text new:text", "text", "text",
       "把文本中所有的 old 换成 new。", "Every old in the text replaced by new.",
       'SUBSTITUTE(电话, "-", "")', _text("replace")),
    fn("FIND", ["查找"], "needle:text text", "number", "text",
       "needle 在文本中第一次出现的位置(从 1 起),没有时为 0。",
       "Where needle first occurs in the text (from 1), 0 when it does not.", 'FIND("@", 邮箱)',
       _text("find", "number")),
    fn("CONTAINS", ["包含"], "text needle:text", "bool", "text",
       "文本中含有 needle 时为真。", "True when the text contains needle.", 'CONTAINS(地址, "上海")',
       _text("contains", "bool")),
    fn("STARTSWITH", ["开头是"], "text prefix:text", "bool", "text",
       "文本以 prefix 开头时为真。", "True when the text starts with prefix.", 'STARTSWITH(编号, "PO")',
       _text("starts_with", "bool")),
    fn("ENDSWITH", ["结尾是"], "text suffix:text", "bool", "text",
       "文本以 suffix 结尾时为真。", "True when the text ends with suffix.", 'ENDSWITH(文件名, ".pdf")',
       _text("ends_with", "bool")),
]
