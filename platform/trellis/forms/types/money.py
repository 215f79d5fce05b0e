"""Money field: a decimal with a currency; reads "¥1,234.50", "1234元", "1.2万", "3亿"."""
from __future__ import annotations

from decimal import Decimal

from .base import halfwidth, number_text
from .decimal import DecimalType

MARKS = {  # currency marks stripped from input, per currency (longest first)
    "CNY": ("人民币", "RMB", "CNY", "¥", "元"),
    "USD": ("US$", "USD", "美元", "$"),
    "HKD": ("HK$", "HKD", "港元", "港币", "$"),
    "EUR": ("EUR", "欧元", "€"),
    "JPY": ("JPY", "日元", "¥"),
}
UNITS = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4),
         ("千", Decimal(10) ** 3))


class MoneyType(DecimalType):
    key = "money"
    palette_rank = 50
    widget = "money"
    label = {"zh": "金额", "en": "Money"}
    number_format = "amount"
    sheet_hint = {"zh": "金额,如 10000 或 1.2万", "en": "an amount, e.g. 10000"}
    sheet_example = 10000
    config_schema = {
        "type": "object",
        "properties": {
            **DecimalType.config_schema["properties"],
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "default": "CNY"},
        },
    }
    noun = ("金额", "amount")

    def __init__(self, field: dict, form=None):
        super().__init__(field, form)
        self.currency = field.get("currency") or "CNY"
        self._marks = MARKS.get(self.currency, (self.currency,))

    def parse_text(self, text: str) -> Decimal:
        s = halfwidth(text).upper()
        for mark in self._marks:
            if mark in s:
                s = s.replace(mark, "")
        s = s.strip()
        for unit, factor in UNITS:
            if s.endswith(unit):
                return number_text(s[: -len(unit)]) * factor
        return number_text(s)
