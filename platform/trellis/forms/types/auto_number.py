"""Auto-number field (流水号): a VARCHAR(64) the system fills on create from a pattern such
as "{YYYY}{MM}{DD}{seq:4}" or "KH-{YYYY}-{seq:6}". Tokens: {YYYY} {YY} {MM} {DD} (from
`ctx.now`), {seq} / {seq:N} (zero-padded to N). `reset` restarts the sequence every
day/month/year: the sequence key carries the period, e.g. "client.code.2024"."""
from __future__ import annotations

import re

import sqlalchemy as sa

from .base import WHITESPACE, CoerceError, FieldType, scalar_text, shown
from .traits import COUNTS, TEXT_OPS

_TOKEN = re.compile(r"\{(YYYY|YY|MM|DD|seq(?::([0-9]{1,2}))?)\}")
_PERIODS = {"never": None, "yearly": "%Y", "monthly": "%Y%m", "daily": "%Y%m%d"}


class AutoNumberType(FieldType):
    key = "auto_number"
    palette_rank = 10
    widget = "auto_number"
    label = {"zh": "流水号", "en": "Auto number"}
    sql_kind = "text"
    operators = TEXT_OPS
    export = "as_is"
    importable = False
    import_key = False
    aggregations = COUNTS
    searchable = True
    generated = True
    config_schema = {
        "type": "object",
        "properties": {
            "pattern": {"type": "string", "minLength": 1, "maxLength": 60,
                        "pattern": r"\{seq(:[1-9][0-9]?)?\}",
                        "default": "{YYYY}{MM}{DD}{seq:4}"},
            "reset": {"enum": list(_PERIODS), "default": "never"},
        },
    }

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.pattern = field.get("pattern") or "{YYYY}{MM}{DD}{seq:4}"
        self.reset = field.get("reset") or "never"

    def column_type(self):
        return sa.String(64)

    def column_signature(self) -> str:
        return "String(64)"

    def value_schema(self) -> dict:
        return {"type": "string", "maxLength": 64}

    def coerce(self, value):
        if type(value) is str:
            return value.strip(WHITESPACE) or None
        if value is None:
            return None
        text = scalar_text(value)
        if text is None or type(value) is bool:
            raise CoerceError("invalid_auto_number", f"“{shown(value)}”不是有效的流水号",
                              f"“{shown(value)}” is not a valid auto number")
        return text

    def sequence_key(self, now) -> str:
        """The allocator key: form id, parent sub-table (for child fields), field id, period."""
        form_id = getattr(self.form, "id", None) or self.field.get("form") or ""
        period = _PERIODS.get(self.reset)
        parts = (form_id, self.field.get("parent"), self.id, now.strftime(period) if period else None)
        return ".".join(str(p) for p in parts if p)

    def template(self, now) -> str:
        """The pattern as a str.format template of the sequence number, dates filled in."""
        dates = {"YYYY": f"{now:%Y}", "YY": f"{now:%y}", "MM": f"{now:%m}", "DD": f"{now:%d}"}
        out, pos = [], 0
        for m in _TOKEN.finditer(self.pattern):
            out.append(self.pattern[pos:m.start()].replace("{", "{{").replace("}", "}}"))
            token = m[1]
            if token.startswith("seq"):
                out.append("{0:0%dd}" % int(m[2]) if m[2] else "{0}")
            else:
                out.append(dates[token])
            pos = m.end()
        out.append(self.pattern[pos:].replace("{", "{{").replace("}", "}}"))
        return "".join(out)

    def fill_on_create(self, rows: list[dict], ctx) -> None:
        todo = [row for row in rows if row.get(self.id) is None]
        if not todo:
            return
        now = ctx.now
        first = ctx.next_sequence(self.sequence_key(now), len(todo))
        fmt = self.template(now).format
        for i, row in enumerate(todo):
            row[self.id] = fmt(first + i)

    def convertible(self, db_value) -> bool:
        if not super().convertible(db_value):
            return False
        value = self.coerce(db_value)
        return value is None or len(value) <= 64
