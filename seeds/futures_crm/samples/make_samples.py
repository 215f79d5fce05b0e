"""Writes the sample sheets in this folder: client lists the way account managers keep them
in Excel before a firm moves to a CRM. Deterministic (fixed seed); run it again after changing
it and commit the files:

    python seeds/futures_crm/samples/make_samples.py

- `客户名单_上海营业部.xlsx`: a merged title row above the header, a blank row, mixed date
  formats (date cells, 2024年1月5日, 2024/1/5, 2024-01-05, Excel serial numbers), full-width
  digits and thousands separators, 万 amounts, stray spaces, options by their Chinese label,
  multi-selects separated by 、 and ，, the account manager by name or login, a column the
  form does not have (微信号), a duplicate client and three invalid mobiles.
- `客户名单_北京营业部_GBK.csv`: the same kind of list saved by Excel as CSV in GBK.

The mobiles use the prefix 192, which the demo data generator never uses, so the samples
never collide with generated clients.
"""
from __future__ import annotations

import csv
import random
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from generate import managers  # noqa: E402

HEADERS = ["客户名称", "手机号", "客户类型", "风险测评结果", "投资者类别", "开户日期", "客户权益",
           "首次入金金额", "交易权限", "偏好交易品种", "账户状态", "客户经理", "营业部", "标签",
           "微信号", "备注"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超",
         "秀英", "建华", "海燕", "志强", "晓东", "丽娟", "俊杰", "文博", "雨欣"]
RISK = ["C2 谨慎型", "C3", "C3 稳健型", "C4", "C4 积极型", "C5"]
STATUS = ["正常", "正常", "正常", "休眠", "潜在", "流失风险"]
PRODUCTS = ["螺纹钢", "铜", "黄金", "白银", "豆粕", "铁矿石", "沪深300", "原油", "甲醇"]
TAGS = ["", "", "重点客户", "新客户", "手续费敏感", "套保客户"]
FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")
EXCEL_EPOCH = date(1899, 12, 30)


def _mobile(i: int) -> str:
    return "192%08d" % (20_260_000 + i * 7919)


def _opened(rng: random.Random, i: int):
    """An opening date in one of the ways people type dates into Excel."""
    d = date(2021, 1, 4) + timedelta(days=rng.randrange(0, 1900))
    style = i % 5
    if style == 0:
        return d                                  # a real date cell
    if style == 1:
        return f"{d.year}年{d.month}月{d.day}日"
    if style == 2:
        return f"{d.year}/{d.month}/{d.day}"
    if style == 3:
        return f" {d.isoformat()} "               # stray spaces
    return (d - EXCEL_EPOCH).days                 # a serial number left unformatted


def _equity(rng: random.Random, i: int):
    amount = round(rng.lognormvariate(12, 1.1), 2)
    style = i % 4
    if style == 0:
        return amount                             # a number cell
    if style == 1:
        return f"{amount:,.2f}"                   # thousands separators
    if style == 2:
        return f"{amount:,.2f}".translate(FULL)   # full-width digits, as typed with a Chinese IME
    return f"{amount / 10_000:.1f}万"


def rows(n: int, manager: tuple[str, str], branch: str, seed: int) -> list[list]:
    rng = random.Random(seed)
    login, name = manager
    out = []
    for i in range(n):
        person = rng.choice(SURNAMES) + rng.choice(GIVEN)
        products = "、".join(rng.sample(PRODUCTS, rng.randint(1, 3)))
        perms = "，".join(rng.sample(["股指期货", "期权", "特定品种"], rng.randint(0, 2)))
        out.append([
            f"  {person} " if i % 7 == 3 else person,
            _mobile(seed * 1000 + i),
            "个人" if i % 9 else "机构(一般法人)",
            rng.choice(RISK),
            "普通投资者" if i % 6 else "专业投资者",
            _opened(rng, i),
            _equity(rng, i),
            rng.choice(["", "5万", "100,000", "５００００", 30000]),
            perms,
            products,
            rng.choice(STATUS),
            name if i % 2 else login,
            branch,
            rng.choice(TAGS),
            f"wx_{rng.randrange(10**6, 10**7)}",
            rng.choice(["", "", "电话沟通过", "关注黄金行情", "  老客户转介绍  "]),
        ])
    # the mistakes every hand-kept list has
    out[5][1] = out[5][1][:-1]                    # a mobile with ten digits
    out[11][1] = "192-2026-ABCD"                  # letters in a mobile
    out[17][1] = ""                               # a missing mobile (required)
    out.append(list(out[8]))                      # the same client entered twice
    return out


def write_xlsx(path: Path, title: str, data: list[list]) -> None:
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"created": datetime(2026, 6, 30, 9, 0), "author": "上海营业部"})  # same bytes every run
    sheet = book.add_worksheet("客户名单")
    merged = book.add_format({"bold": True, "font_size": 14, "align": "center"})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    as_date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, title, merged)
    sheet.write_row(2, 0, HEADERS, head)
    for r, values in enumerate(data, start=3):
        for c, v in enumerate(values):
            if isinstance(v, date):
                sheet.write_datetime(r, c, v, as_date)
            elif v != "":
                sheet.write(r, c, v)
    sheet.set_column(0, len(HEADERS) - 1, 14)
    notes = book.add_worksheet("说明")
    notes.write(0, 0, "本表由客户经理手工维护,导入前请勿删除表头。")
    book.close()


def write_gbk_csv(path: Path, data: list[list]) -> None:
    with open(path, "w", encoding="gbk", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(HEADERS)
        for values in data:
            out.writerow([v.isoformat() if isinstance(v, date) else v for v in values])


def main() -> None:
    people = managers(2000)
    sh = next(m for m in people if m["branch"] == "sh")
    bj = next(m for m in people if m["branch"] == "bj")
    write_xlsx(HERE / "客户名单_上海营业部.xlsx", "上海营业部 客户名单(2026年6月)",
               rows(40, (sh["username"], sh["last_name"] + sh["first_name"]), "上海营业部", 1))
    write_gbk_csv(HERE / "客户名单_北京营业部_GBK.csv",
                  rows(25, (bj["username"], bj["last_name"] + bj["first_name"]), "北京营业部", 2))
    print("wrote", *sorted(p.name for p in HERE.glob("客户名单*")))


if __name__ == "__main__":
    main()
