"""A report's figures as a workbook (sheets/writer.py): a header of the columns' labels in
the asked language, one row per group (select values, users and departments by their
names, 其他 as such), the totals last; measures keep their number, percent or money format."""
from __future__ import annotations

import io

from ..sheets.writer import SheetWriter
from .chart_type import _text

FORMATS = {"percent": "0.0%", "money": "¥#,##0.00", "number": "#,##0.##"}
TOTAL = {"zh": "合计", "en": "Total"}


def workbook(data: dict, lang: str = "zh") -> bytes:
    columns = data["columns"]
    out = io.BytesIO()
    with SheetWriter(out, "xlsx", sheet_name=str(data.get("report") or "report")) as sheet:
        sheet.header([_text(c["label"], lang) or c["id"] for c in columns])
        sheet.number_formats([FORMATS.get(c.get("format") or "number") if c["kind"] == "measure" else None
                              for c in columns])
        labels = [{k: _text(v, lang) for k, v in (c.get("labels") or {}).items()} for c in columns]
        sheet.rows([[labels[i].get(v, v) if labels[i] else v for i, v in enumerate(row)] for row in data["rows"]])
        if columns and columns[0]["kind"] == "dimension":  # dimensions come first
            sheet.rows([[TOTAL[lang]] + [data["totals"].get(c["id"]) if c["kind"] == "measure" else None
                                         for c in columns[1:]]])
    return out.getvalue()
