"""What an import tells its user: the refused rows (spooled to disk as they are found,
so a file of a million bad rows does not sit in memory) written at the end as the error
workbook (the original row, then a column naming each problem's column, field and reason
in Chinese and English); the first problems (`PROBLEMS_SHOWN`, one per cell: row, column,
field, message) kept as `problems.json` beside it for the wizard to show on screen; and
the closing summary message.
"""
from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

from ..kernel.errors import bilingual
from ..sheets.reader import col_letter
from ..sheets.writer import write_error_book

_ROW_ZH = re.compile(r"^第 \d+ 行 ")
_ROW_EN = re.compile(r"^row \d+: ")


PROBLEMS_SHOWN = 100
PROBLEMS_FILE = "problems.json"


def _text(e: dict) -> tuple[str, str]:
    """A problem's message without its "第 N 行" / "row N:" prefix."""
    msg = e.get("message") or {}
    return _ROW_ZH.sub("", msg.get("zh", "")), _ROW_EN.sub("", msg.get("en", ""))


def reason(errors: list[dict], columns: dict[str, int]) -> str:
    """One line per problem: "[C] 手机号:… / Mobile: …" (the column letter when the
    field has a column in the file)."""
    lines = []
    for e in errors:
        zh, en = _text(e)
        col = columns.get(e.get("field"))
        where = f"[{col_letter(col)}] " if col is not None else ""
        lines.append(f"{where}{zh} / {en}" if en and en != zh else f"{where}{zh}")
    return "\n".join(dict.fromkeys(lines))


class ErrorReport:
    """Refused rows of one run, kept in a spool file until the workbook is written."""

    def __init__(self, folder: Path, headers: list[str], columns: dict[str, int], first_column: int = 0):
        self.folder = folder
        self.headers = headers
        self.columns = {k: v + first_column for k, v in columns.items()}
        self.header_of = {k: headers[v] if v < len(headers) else None for k, v in columns.items()}
        self.count = 0
        self.problems: list[dict] = []
        self._spool = None

    def add(self, rows: list[tuple[int, list, list[dict]]]) -> None:
        """(Excel row number, the row's values, its problems) of refused rows."""
        if not rows:
            return
        if self._spool is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._spool = open(self.folder / "errors.spool", "wb")
        pickle.dump([(n, list(vals), reason(errs, self.columns)) for n, vals, errs in rows], self._spool,
                    protocol=pickle.HIGHEST_PROTOCOL)
        self.count += len(rows)
        for n, _vals, errs in rows:
            for e in errs:
                if len(self.problems) >= PROBLEMS_SHOWN:
                    return
                self.problems.append(self._problem(n, e))

    def _problem(self, row: int, e: dict) -> dict:
        """One problem as the wizard lists it: Excel row number, column letter and header
        (when the field has a column in the file), field id, message in Chinese and English."""
        zh, en = _text(e)
        field = e.get("field") or None
        col = self.columns.get(field)
        return {"row": row, "column": col_letter(col) if col is not None else None,
                "header": self.header_of.get(field) or None, "field": field, "message": {"zh": zh, "en": en or zh}}

    def _read(self):
        with open(self.folder / "errors.spool", "rb") as f:
            while True:
                try:
                    yield from pickle.load(f)
                except EOFError:
                    return

    def write(self, path: Path) -> bool:
        """Write the workbook (when any row was refused); the spool is removed."""
        if self._spool is None:
            return False
        self._spool.close()
        try:
            write_error_book(path, self.headers, self._read())
            (path.parent / PROBLEMS_FILE).write_text(json.dumps(self.problems, ensure_ascii=False), encoding="utf-8")
        finally:
            (self.folder / "errors.spool").unlink(missing_ok=True)
            self._spool = None
        return True

    def discard(self) -> None:
        if self._spool is not None:
            self._spool.close()
            (self.folder / "errors.spool").unlink(missing_ok=True)
            self._spool = None


def summary(status: str, dry_run: bool, on_error: str, counts: dict) -> dict:
    """The closing message of a run, in Chinese and English."""
    ins, upd, skip, bad = (counts.get(k, 0) for k in ("inserted", "updated", "skipped", "failed"))
    if dry_run:
        zh = f"试导入完成,未写入任何数据:可新增 {ins} 行,可更新 {upd} 行,无变化 {skip} 行,出错 {bad} 行"
        en = (f"Dry run finished, nothing written: {ins} rows would be inserted, {upd} updated, {skip} unchanged, "
              f"{bad} have errors")
        if status == "cancelled":
            zh, en = "试导入已取消。" + zh, "Dry run cancelled. " + en
        return bilingual(zh, en)
    if status == "cancelled":
        if on_error == "all":
            return bilingual("导入已取消,按“全部或全不”未写入任何数据",
                             "Import cancelled; all or nothing: nothing was written")
        return bilingual(f"导入已取消:取消前已导入的 {ins} 行新增、{upd} 行更新保留(可整批回滚)",
                         f"Import cancelled: the {ins} inserted and {upd} updated rows written before it stay "
                         f"(the batch can be rolled back)")
    if status == "failed" and on_error == "all" and bad:
        return bilingual(f"{bad} 行有错误,按“全部或全不”未导入任何数据,请下载错误报告修改后重试",
                         f"{bad} rows have errors; all or nothing: nothing was imported. Download the error "
                         f"report, fix the rows and try again")
    zh = f"导入完成:新增 {ins} 行,更新 {upd} 行,无变化 {skip} 行,失败 {bad} 行"
    en = f"Import finished: {ins} inserted, {upd} updated, {skip} unchanged, {bad} failed"
    if bad:
        zh += "(失败的行见错误报告)"
        en += " (see the error report for the failed rows)"
    return bilingual(zh, en)
