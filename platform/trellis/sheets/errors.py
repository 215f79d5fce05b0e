"""SheetError: why a spreadsheet cannot be read, in Chinese and English, with a stable
`code` (file_type, corrupt, password, empty_sheet, no_header, too_many_rows,
too_large, sheet_not_found, encoding) and `details` naming the file, sheet, row or column concerned.

The constructors below are the only place the messages are written, so the import
engine, the API and the CLI all say the same thing for the same problem.
"""
from __future__ import annotations

from ..kernel.errors import BadRequest

EXCEL_MAX_ROWS = 1_048_576
XLS_MAX_ROWS = 65_536


class SheetError(BadRequest):
    """A file that cannot be read as a sheet (HTTP 400)."""

    code = "sheet_error"


def wrong_type(filename: str, what_zh: str, what_en: str) -> SheetError:
    return SheetError(
        f"文件“{filename}”是{what_zh},不是 Excel 表格或 CSV 文件;请上传 .xlsx、.xls 或 .csv 文件",
        f"“{filename}” is {what_en}, not an Excel workbook or a CSV file; upload a .xlsx, .xls or .csv file",
        code="file_type", details={"file": filename})


def corrupt(filename: str, reason: str = "") -> SheetError:
    extra = f"({reason})" if reason else ""
    extra_en = f" ({reason})" if reason else ""
    return SheetError(
        f"文件“{filename}”已损坏或不完整,无法读取{extra};请在 Excel 中打开后另存为 .xlsx 再上传",
        f"“{filename}” is damaged or incomplete and cannot be read{extra_en}; open it in Excel, "
        "save it again as .xlsx and upload that",
        code="corrupt", details={"file": filename})


def password(filename: str) -> SheetError:
    return SheetError(
        f"文件“{filename}”设置了打开密码(已加密),无法读取;请在 Excel 中取消密码(文件 > 信息 > 保护工作簿 > 用密码进行加密,清空密码)后再上传",
        f"“{filename}” is password-protected (encrypted) and cannot be read; remove the password in Excel "
        "(File > Info > Protect Workbook > Encrypt with Password, clear it) and upload it again",
        code="password", details={"file": filename})


def empty_file(filename: str) -> SheetError:
    return SheetError(f"文件“{filename}”是空的,没有任何内容", f"“{filename}” is empty",
                      code="empty_sheet", details={"file": filename})


def empty_sheet(sheet: str) -> SheetError:
    return SheetError(f"工作表“{sheet}”是空的,没有任何数据", f"sheet “{sheet}” is empty: it holds no data",
                      code="empty_sheet", details={"sheet": sheet})


def no_sheet_with_data(filename: str) -> SheetError:
    return SheetError(f"文件“{filename}”的所有工作表都是空的", f"every sheet of “{filename}” is empty",
                      code="empty_sheet", details={"file": filename})


def no_header(sheet: str, looked: int) -> SheetError:
    return SheetError(
        f"工作表“{sheet}”的前 {looked} 行中找不到表头行(一行以文字为主、占满大部分列的列名);"
        "请确认第一行是列名,或手动指定表头所在的行",
        f"no header row in the first {looked} rows of sheet “{sheet}” (a row of mostly text column names "
        "spanning most columns); check that the column names come first, or give the header row",
        code="no_header", details={"sheet": sheet})


def blank_header_row(sheet: str, row: int) -> SheetError:
    return SheetError(f"工作表“{sheet}”的第 {row} 行是空行,不能作为表头",
                      f"row {row} of sheet “{sheet}” is blank and cannot be the header",
                      code="no_header", details={"sheet": sheet, "row": row})


def too_many_rows(sheet: str, rows: int, limit: int) -> SheetError:
    return SheetError(
        f"工作表“{sheet}”有 {rows:,} 行,正好达到 Excel 的行数上限 {limit:,}:文件很可能被截断,后面的数据已丢失。"
        "请把数据拆分成多个文件(每个少于该上限),或导出为 CSV 后再导入",
        f"sheet “{sheet}” has {rows:,} rows, exactly Excel's limit of {limit:,}: the file was most likely "
        "truncated and the rows past the limit are lost. Split the data into several files below the limit, "
        "or export it as CSV, and import that",
        code="too_many_rows", details={"sheet": sheet, "rows": rows, "limit": limit})


def over_row_limit(sheet: str, rows: int, limit: int) -> SheetError:
    return SheetError(
        f"工作表“{sheet}”有 {rows:,} 行,超过了一次导入的上限 {limit:,} 行;请把数据拆分成多个文件后分别导入",
        f"sheet “{sheet}” has {rows:,} rows, more than the {limit:,} one import may hold; split the data into "
        "several files and import each",
        code="too_many_rows", details={"sheet": sheet, "rows": rows, "limit": limit})


def too_large(filename: str, inflated: int, limit: int, ratio: float | None = None) -> SheetError:
    mb, limit_mb = inflated / 1048576, limit / 1048576
    why_zh = f"压缩比 {ratio:.0f} 倍,远超正常表格" if ratio else f"超过上限 {limit_mb:,.0f} MB"
    why_en = f"a compression ratio of {ratio:.0f}, far above any real workbook" if ratio else \
        f"more than the limit of {limit_mb:,.0f} MB"
    return SheetError(
        f"文件“{filename}”解压后有 {mb:,.0f} MB({why_zh}),拒绝读取;请确认文件来源,或把数据拆分成多个较小的文件",
        f"“{filename}” inflates to {mb:,.0f} MB ({why_en}) and is refused; check where the file comes from, "
        "or split the data into several smaller files",
        code="too_large", details={"file": filename, "inflated": inflated, "limit": limit})


def sheet_not_found(name: str, names: list[str]) -> SheetError:
    listed = "、".join(f"“{n}”" for n in names) or "(无)"
    listed_en = ", ".join(f"“{n}”" for n in names) or "(none)"
    return SheetError(f"找不到工作表“{name}”;文件中的工作表有:{listed}",
                      f"no sheet named “{name}”; the sheets are: {listed_en}",
                      code="sheet_not_found", details={"sheet": name, "sheets": names})


def header_row_out_of_range(sheet: str, row: int) -> SheetError:
    return SheetError(f"表头行号 {row} 超出了工作表“{sheet}”的范围",
                      f"header row {row} lies outside sheet “{sheet}”",
                      code="no_header", details={"sheet": sheet, "row": row})


def encoding(filename: str) -> SheetError:
    return SheetError(
        f"无法识别文件“{filename}”的文字编码(既不是 UTF-8 也不是 GBK/GB18030);请在 Excel 中另存为“CSV UTF-8”或 .xlsx",
        f"cannot tell the text encoding of “{filename}” (neither UTF-8 nor GBK/GB18030); save it from Excel "
        "as “CSV UTF-8” or as .xlsx",
        code="encoding", details={"file": filename})


def bad_row(filename: str, row: int, reason_zh: str, reason_en: str) -> SheetError:
    return SheetError(f"文件“{filename}”第 {row} 行无法读取:{reason_zh}",
                      f"row {row} of “{filename}” cannot be read: {reason_en}",
                      code="corrupt", details={"file": filename, "row": row})
