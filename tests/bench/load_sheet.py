"""The 5,000-row client sheet the load's imports upload: the columns an account manager's
Excel list has (tests/bench/bench_import.py's header), names marked for the consistency
check (`负载导入<tag>-<row>`) and mobiles on the 166 prefix, which the seed's generator
never uses, from a block of their own per sheet (an import is all or nothing: a mobile
already taken would refuse the whole sheet)."""
from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bench_import import BRANCHES, CHANNELS, GIVEN, HEADERS, INVESTOR, PRODUCTS, RISKS, SURNAMES, TYPES

IMPORT_MARK = "负载导入"
BLOCK = 5000          # mobiles per block: 166 + 8 digits gives 20,000 blocks
_BLOCKS = random.SystemRandom()


def new_block() -> int:
    return _BLOCKS.randrange(10**8 // BLOCK)


def write_sheet(path: Path, tag: str, rows: int = 5000, block: int | None = None, seed: int = 11) -> Path:
    """An .xlsx of `rows` clients named `负载导入<tag>-<n>` (xlsxwriter, constant memory)."""
    import xlsxwriter

    assert rows <= BLOCK
    block = new_block() if block is None else block
    rnd = random.Random(seed)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("客户")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    pct_fmt = wb.add_format({"num_format": "0.00%"})
    ws.write_row(0, 0, HEADERS)
    start = dt.date(2015, 1, 1)
    for r in range(1, rows + 1):
        ws.write_string(r, 0, f"{IMPORT_MARK}{tag}-{r}")
        ws.write_string(r, 1, "166%08d" % (block * BLOCK + r - 1))
        ws.write_string(r, 2, rnd.choice(TYPES))
        ws.write_string(r, 3, rnd.choice(RISKS))
        ws.write_string(r, 4, rnd.choice(INVESTOR))
        ws.write_datetime(r, 5, dt.datetime.combine(start + dt.timedelta(days=rnd.randrange(3600)), dt.time()), date_fmt)
        ws.write_number(r, 6, round(rnd.lognormvariate(12, 1.5), 2))
        ws.write_number(r, 7, round(rnd.random(), 4), pct_fmt)
        ws.write_number(r, 8, rnd.randrange(0, 30))
        ws.write_string(r, 9, "、".join(rnd.sample(PRODUCTS, rnd.randint(1, 3))))
        ws.write_string(r, 10, rnd.choice(CHANNELS))
        ws.write_string(r, 11, rnd.choice(BRANCHES))
    wb.close()
    return path
