"""The import template of a form: an .xlsx with the importable fields' labels as headers
(required ones marked " *", with a comment giving the help text and what to type),
drop-down lists for single selects and yes/no fields, text/date formats on the columns,
one example row, and a hidden sheet "_fields" with the field ids in header order (row 1),
the header texts (row 2) and the example values (row 3), which the import's
auto-mapper reads back with `template_field_ids` / `template_info`.

Importable: fields the actor may create (or import), stored in a column of their own,
not system-made (auto-numbers), of a type whose `importable` trait is true, not hidden or
read-only in the form definition. Hints, examples, drop-downs and column formats come
from the type's traits (`sheet_hint`, `sheet_example`, `export`, `number_format`,
`sql_kind`), never from its name.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..kernel.errors import Forbidden
from . import display
from .headers import header_text

FIELDS_SHEET = "_fields"
OPTIONS_SHEET = "_options"
REQUIRED_MARK = " *"


def importable_fields(service) -> list:
    """The field type instances a template offers to `service.actor`, in form order."""
    access = service.access
    if not (access.allowed("create") or access.allowed("import")):
        access.require("create")
    allowed = None
    if not access.unrestricted:
        allowed = (access.writable("create") or set()) | (access.writable("import") or set())
    out = []
    for t in service.form.active:
        f = t.field
        if (not t.has_column or t.generated or not t.importable or f.get("hidden") or f.get("readonly")
                or (allowed is not None and t.id not in allowed)):
            continue
        out.append(t)
    if not out:
        raise Forbidden("没有你可以导入的字段", "there is no field you may import", code="no_importable_field")
    return out


def _options(t, lang: str) -> list[str]:
    return list(display._option_labels(t.field, lang).values())


def _example(t, lang: str, actor_name: str):
    f, kind = t.field, t.export
    if f.get("default") not in (None, "$user"):
        default = f["default"]
        if kind in ("option", "options"):
            labels = display._option_labels(f, lang)
            return labels.get(default) if not isinstance(default, list) else display.LIST_SEP[lang].join(
                labels.get(v, v) for v in default)
        if kind == "yes_no":
            return display.YES_NO[lang][0 if default else 1]
        if not isinstance(default, (dict, list)):
            return default
    example = t.sheet_example
    if example == "$option":
        opts = _options(t, lang)
        return opts[0] if opts else None
    if example == "$options":
        return display.LIST_SEP[lang].join(_options(t, lang)[:2]) or None
    if example == "$yes":
        return display.YES_NO[lang][0]
    if example == "$today":
        return dt.date.today()
    if example == "$now":
        return dt.datetime.now().replace(second=0, microsecond=0)
    if example == "$user":
        return actor_name
    if isinstance(example, dict):
        return example.get(lang) or example.get("zh")
    if isinstance(example, (int, float)) and not isinstance(example, bool):
        low, high = f.get("min"), f.get("max")
        if isinstance(low, (int, float)) and example < low:
            example = low
        if isinstance(high, (int, float)) and example > high:
            example = high
        return example
    if example is not None:
        return example
    return f"{display.field_label(f, 'zh')}示例" if lang == "zh" else f"Sample {display.field_label(f, 'en').lower()}"


def _comment(t, lang: str) -> str:
    f = t.field
    zh_hint, en_hint = t.sheet_hint.get("zh", ""), t.sheet_hint.get("en", "")
    lines = []
    if f.get("required"):
        lines.append("必填" if lang == "zh" else "Required")
    hint = zh_hint if lang == "zh" else en_hint
    if hint:
        lines.append(hint)
    if t.export == "options":
        opts = _options(t, lang)
        lines.append(("选项:" if lang == "zh" else "Options: ") + display.LIST_SEP[lang].join(opts))
    if f.get("unique"):
        lines.append("不能与已有记录重复" if lang == "zh" else "Must be unique")
    help_text = (f.get("help") or {}).get(lang) or (f.get("help") or {}).get("zh")
    if help_text:
        lines.append(help_text)
    return "\n".join(lines)


def write_template(path_or_stream, service, lang: str = "zh") -> list[str]:
    """Write the template of `service.form` for `service.actor`; returns the field ids."""
    fields = importable_fields(service)
    lang = lang if lang in ("zh", "en") else "zh"
    form = service.form
    title = (form.label or {}).get(lang) or (form.label or {}).get("zh") or form.id
    import xlsxwriter  # here, not at import: a serving process that never writes a template skips it

    book = xlsxwriter.Workbook(path_or_stream, {"in_memory": not isinstance(path_or_stream, str),
                                                "strings_to_numbers": False, "strings_to_formulas": False})
    sheet = book.add_worksheet(_title(title))
    options = book.add_worksheet(OPTIONS_SHEET)
    ids = book.add_worksheet(FIELDS_SHEET)
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "vcenter"})
    head_req = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "font_color": "#C00000",
                                "valign": "vcenter"})
    sample = book.add_format({"italic": True, "font_color": "#808080"})
    formats = {"text": book.add_format({"num_format": "@"}),
               "date": book.add_format({"num_format": "yyyy-mm-dd"}),
               "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
               "percent": book.add_format({"num_format": "0.00%"}),
               "amount": book.add_format({"num_format": "#,##0.00"})}
    examples = {"date": book.add_format({"num_format": "yyyy-mm-dd", "italic": True, "font_color": "#808080"}),
                "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm", "italic": True,
                                             "font_color": "#808080"}),
                "percent": book.add_format({"num_format": "0.00%", "italic": True, "font_color": "#808080"}),
                "amount": book.add_format({"num_format": "#,##0.00", "italic": True, "font_color": "#808080"}),
                "text": book.add_format({"num_format": "@", "italic": True, "font_color": "#808080"})}
    actor_name = getattr(service.actor, "username", "") or ""
    headers, example_row = [], []
    opt_col = 0
    for c, t in enumerate(fields):
        label = display.field_label(t.field, lang)
        text = label + (REQUIRED_MARK if t.field.get("required") else "")
        headers.append(text)
        sheet.write_string(0, c, text, head_req if t.field.get("required") else head)
        note = _comment(t, lang)
        if note:
            sheet.write_comment(0, c, note, {"x_scale": 2, "y_scale": 1.5})
        kind = _column_kind(t)
        col_format = formats.get(kind)
        width = max(10, min(40, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) + 4))
        sheet.set_column(c, c, width, col_format)
        value = _example(t, lang, actor_name)
        example_row.append(value)
        _write_example(sheet, 1, c, value, examples.get(kind, sample))
        choices = None
        if t.export == "option":
            choices = _options(t, lang)
        elif t.export == "yes_no":
            choices = list(display.YES_NO[lang])
        if choices:
            options.write_string(0, opt_col, t.id)
            for r, choice in enumerate(choices, start=1):
                options.write_string(r, opt_col, choice)
            letter = xlsxwriter.utility.xl_col_to_name(opt_col)
            sheet.data_validation(1, c, 1_048_575, c, {
                "validate": "list", "source": f"={OPTIONS_SHEET}!${letter}$2:${letter}${len(choices) + 1}",
                "error_type": "warning",
                "error_title": "不在选项中" if lang == "zh" else "Not an option",
                "error_message": (f"请从“{label}”的下拉列表中选择" if lang == "zh"
                                  else f"Pick a value of “{label}” from the list")[:255]})
            opt_col += 1
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 22)
    for c, t in enumerate(fields):
        ids.write_string(0, c, t.id)
        ids.write_string(1, c, headers[c])
        _write_example(ids, 2, c, example_row[c], None)
    options.hide()
    ids.hide()
    sheet.activate()
    book.close()
    return [t.id for t in fields]


def _column_kind(t) -> str | None:
    """The template column's format: text for plain text, date / datetime, amount / percent."""
    if t.export in ("date", "datetime"):
        return t.export
    if t.number_format:
        return t.number_format
    if t.sql_kind == "text" and t.export == "as_is":
        return "text"
    return None


def _write_example(sheet, r: int, c: int, value, fmt) -> None:
    if value is None:
        return
    if isinstance(value, (dt.date, dt.datetime)):
        sheet.write_datetime(r, c, value, fmt)
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        sheet.write_string(r, c, str(value), fmt)
    else:
        sheet.write_number(r, c, value, fmt)


def _title(name: str) -> str:
    clean = "".join("_" if ch in '[]:*?/\\' else ch for ch in name).strip("'") or "Sheet1"
    return clean[:31]


@dataclass
class TemplateInfo:
    field_ids: list[str]        # in header order
    headers: list[str]          # the header texts the template was written with
    example: list               # the example row's values (skip a data row equal to it)


def template_info(book) -> TemplateInfo | None:
    """What a Trellis template says about itself, from its hidden "_fields" sheet; None
    when the book is not one of our templates (or the sheet was deleted)."""
    source = book.source
    if FIELDS_SHEET not in source.names(hidden=True):
        return None
    rows = {}
    for i, vals in source.rows(FIELDS_SHEET):
        if i > 2:
            break
        rows[i] = vals
    ids = [header_text(v) for v in rows.get(0, [])]
    while ids and not ids[-1]:
        ids.pop()
    if not ids or not all(ids):
        return None
    width = len(ids)

    def fit(vals):
        vals = list(vals or [])[:width]
        return vals + [None] * (width - len(vals))
    return TemplateInfo(ids, [header_text(v) for v in fit(rows.get(1))], fit(rows.get(2)))


def template_field_ids(book) -> list[str] | None:
    """The field ids of a Trellis template's columns in header order, or None."""
    info = template_info(book)
    return info.field_ids if info else None
