"""The formula language: spreadsheet formulas compiled (never evaluated as code) into
the one rule language, JsonLogic, with a type check and a function table.

    compile_formula('IF(金额 > 1000, ROUND(金额 * 0.95, 2), 金额)', fields)
    -> Compiled(logic={"if": [...]}, type="number", refs={"amount"}, volatile=False, ...)

Grammar (lexer.py, parser.py). A leading "=" is allowed and ignored.
- Numbers 1, 1.5, .5, 1e3, 5% (= 0.05); texts "double" ("" is a quote inside), 'single'
  ('' inside), “中文引号” and ‘中文单引号’; TRUE / FALSE in any case.
- Fields by id or label: a bare name of letters (any script), digits and _ (权益,
  amount_2), or {any label} in braces for labels with spaces or punctuation ({客户 权益}).
  A sub-table's column is table.column ({订单明细}.{单价}), only inside SUM, AVERAGE,
  MIN, MAX, COUNT; COUNT(table) counts its rows. [label] is refused with a hint.
- Operators, loosest first: comparisons = (also ==) <> (also !=) < <= > >=; & (text
  join); + -; * /; ^; prefix - and +; postfix % on a number. Left-associative; -2^2 = 4
  as in Excel. Function calls NAME(a, b), names case-insensitive, Chinese aliases allowed.
- Full-width （ ） ， ＋ － ＊ ／ ＝ ＜ ＞ … are read as their ASCII forms.
- At most MAX_LENGTH characters and MAX_DEPTH levels of nesting.

Types (types.py): number, text, bool, date, datetime, any; plus rows (a sub-table field)
and column. Numbers are needed where numbers are needed, IF / IFS / IFNULL results must
agree, comparisons need the same kind on both sides (text vs number is an error), date
functions need dates (a text literal like "2024-02-29" is one).

Blanks (the same in Python, SQL and the browser, through operators with plain null rules):
- arithmetic (+ - * / ^) and number functions: a blank counts as 0 ({"coalesce": [x, 0]});
  x / 0 and x / blank are blank ({"div"}); a date ± number of days is {"date_add"},
  date - date the days between; SUM counts a blank as 0, AVERAGE skips it, MIN / MAX of
  values count it as 0 and of a sub-table column skip it;
- text functions: a blank text counts as "" ({"cat": [x]}); & and CONCATENATE give "" for
  a blank and write a computed number as TEXT does (0.1 + 0.2 & "" is "0.3");
- comparisons: a blank number compares as 0, a blank text as ""; x = "" is ISBLANK(x);
  a blank date or true/false equals only a blank and is neither before nor after anything;
- IF / IFS / AND / OR / NOT: a blank condition is false; IF(c, x) is blank when c is
  false; a result written "" is a blank where the other results are numbers or dates
  (IF(x > 0, x, ""));
- date functions give a blank for a blank date; IFNULL / COALESCE replace a blank (null,
  or "" for a text).

Functions: see FUNCTIONS (functions*.py), e.g. IF 如果, SUM 求和, ROUND 四舍五入, TODAY 今天;
DECIDE("table", inputs...) is compiled by the caller's `decide` hook.
Errors: FormulaError (a LogicError, code "formula_error") with `.position` (0-based) and
`.length`; messages are bilingual and name the character, counted from 1.
"""
from .compile import Compiled, compile_formula
from .compiler import FieldRef
from .errors import FormulaError
from .functions import FUNCTIONS, catalog
from .parser import MAX_DEPTH, MAX_LENGTH

__all__ = ["compile_formula", "Compiled", "FieldRef", "FormulaError", "FUNCTIONS", "catalog",
           "MAX_DEPTH", "MAX_LENGTH"]
