"""Number functions of the formula language: SUM, AVERAGE, MIN, MAX, COUNT (of values or
of a sub-table's column), ROUND, ROUNDUP, ROUNDDOWN, INT, FLOOR, CEILING, ABS, MOD,
POWER, SQRT, VALUE. A blank number argument counts as 0 (as in arithmetic)."""
from __future__ import annotations

from .compiler import blank_as
from .errors import fail
from .spec import fn
from .types import Value

_OF = {"SUM": "sum_of", "AVERAGE": "avg_of", "MIN": "min_of", "MAX": "max_of", "COUNT": "count_of"}
_SCALAR = {"SUM": "sum", "AVERAGE": "avg", "MIN": "min", "MAX": "max"}


def _aggregate(name):
    def build(ctx, node, vals):
        columns = [v for v in vals if v.type in ("column", "rows")]
        scalars = [v for v in vals if v.type not in ("column", "rows")]
        if columns and (len(columns) > 1 or scalars) and name != "SUM":
            extra = columns[1] if len(columns) > 1 else scalars[0]
            raise fail(extra.pos, extra.end, f"{name} 只能对一列子表字段或若干个值求值,不能混用",
                       f"{name} takes one sub-table column or several values, not both")
        of = [{_OF[name]: v.logic if v.type == "column" else [v.logic]} for v in columns]
        if not scalars and len(of) == 1:
            t = columns[0].item_type if name in ("MIN", "MAX") else "number"
            return Value(of[0], t, name not in ("SUM", "COUNT"), node.pos, node.end)
        if name == "COUNT":
            parts = [{"if": [{"not_empty": [v.logic]}, 1, 0]} for v in scalars]
            return Value({"+": parts}, "number", False, node.pos, node.end)
        logic = of + [v.logic if name in ("SUM", "AVERAGE") else blank_as(v, 0) for v in scalars]
        return Value({_SCALAR[name]: logic}, "number", name == "AVERAGE", node.pos, node.end)
    return build


def _num(name, *, nullable=False, defaults=(), required=1):
    """{name: [numbers, blanks as 0..., defaults of the optional ones left out]}."""
    def build(ctx, node, vals):
        logic = [blank_as(v, 0) for v in vals] + list(defaults[len(vals) - required:])
        return Value({name: logic}, "number", nullable, node.pos, node.end)
    return build


def _value(ctx, node, vals):
    return Value({"to_number": [vals[0].logic]}, "number", True, node.pos, node.end)


_AGG_HELP = {
    "SUM": ("求和", "各数值之和;也可对子表的一列求和:SUM(明细.金额)。空值计为 0。",
            "The sum of the numbers, or of a sub-table column: SUM(lines.amount). Blanks count as 0.",
            "SUM(明细.金额)"),
    "AVERAGE": ("平均值", "各数值的平均值,或子表一列的平均值(忽略空值)。",
                "The average of the numbers, or of a sub-table column (blanks ignored).",
                "AVERAGE(明细.单价)"),
    "MIN": ("最小值", "各数值中最小的(空值计为 0),或子表一列(数字或日期)中最小的(忽略空值)。",
            "The smallest number (blanks count as 0), or the smallest of a sub-table column of numbers "
            "or dates (blanks ignored).",
            "MIN(库存, 安全库存)"),
    "MAX": ("最大值", "各数值中最大的(空值计为 0),或子表一列(数字或日期)中最大的(忽略空值)。",
            "The largest number (blanks count as 0), or the largest of a sub-table column of numbers "
            "or dates (blanks ignored).",
            "MAX(明细.数量)"),
}

SPECS = [
    *[fn(name, [alias], "values:ordered*" if name in ("MIN", "MAX") else "values:numbers*", "number", "math",
         zh, en, example, _aggregate(name))
      for name, (alias, zh, en, example) in _AGG_HELP.items()],
    fn("COUNT", ["计数"], "values:cells*", "number", "math",
       "不为空的值的个数,子表一列中不为空的个数,或子表的行数(COUNT(明细))。",
       "How many values are not blank, how many of a sub-table column, or a sub-table's rows (COUNT(lines)).",
       "COUNT(明细)", _aggregate("COUNT")),
    fn("ROUND", ["四舍五入"], "number digits:number?", "number", "math",
       "四舍五入到指定小数位(默认 0;负数表示整十、整百…),.5 远离零进位。",
       "Rounded to the given decimals (default 0; negative: tens, hundreds…), .5 away from zero.",
       "ROUND(单价 * 数量, 2)", _num("round", defaults=(0,))),
    fn("ROUNDUP", ["向上舍入"], "number digits:number?", "number", "math",
       "远离零方向舍入到指定小数位(默认 0)。", "Rounded away from zero to the given decimals (default 0).",
       "ROUNDUP(3.141, 2)", _num("round_up", defaults=(0,))),
    fn("ROUNDDOWN", ["向下舍入"], "number digits:number?", "number", "math",
       "向零方向舍去到指定小数位(默认 0)。", "Rounded toward zero to the given decimals (default 0).",
       "ROUNDDOWN(3.149, 2)", _num("round_down", defaults=(0,))),
    fn("INT", ["取整"], "number", "number", "math",
       "不大于该数的最大整数。", "The largest integer not above the number.", "INT(-2.5)", _num("floor")),
    fn("FLOOR", [], "number", "number", "math",
       "不大于该数的最大整数(同 INT)。", "The largest integer not above the number (like INT).",
       "FLOOR(2.7)", _num("floor")),
    fn("CEILING", ["向上取整"], "number", "number", "math",
       "不小于该数的最小整数。", "The smallest integer not below the number.", "CEILING(2.1)", _num("ceil")),
    fn("ABS", ["绝对值"], "number", "number", "math",
       "绝对值。", "The absolute value.", "ABS(差额)", _num("abs")),
    fn("MOD", ["取余"], "number divisor:number", "number", "math",
       "相除的余数(符号与除数相同);除数为 0 时为空。",
       "The remainder of the division (with the divisor's sign); blank when dividing by 0.",
       "MOD(序号, 2)", _num("mod", nullable=True)),
    fn("POWER", ["幂"], "number power:number", "number", "math",
       "乘方(同 ^)。", "The number raised to a power (like ^).", "POWER(1 + 利率, 年数)",
       _num("power", nullable=True)),
    fn("SQRT", ["平方根"], "number", "number", "math",
       "平方根;负数时为空。", "The square root; blank for a negative number.", "SQRT(面积)",
       _num("sqrt", nullable=True)),
    fn("VALUE", ["转数字"], "text", "number", "math",
       "把文本转为数字;不是数字时为空。", "The number a text spells; blank when it is not one.",
       'VALUE("12.5")', _value),
]
