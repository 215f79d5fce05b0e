"""The core field types; `register(registries)` adds each under its key, the same call a
plugin makes for its own types."""
from __future__ import annotations

from .attachment import AttachmentType
from .auto_number import AutoNumberType
from .base import CoerceError, FieldType
from .boolean import BooleanType
from .date import DateType
from .datetime import DateTimeType
from .decimal import DecimalType
from .department import DepartmentType
from .email import EmailType
from .formula import FormulaType
from .integer import IntegerType
from .json import JsonType
from .long_text import LongTextType
from .lookup import LookupType
from .mobile import MobileType
from .money import MoneyType
from .multi_select import MultiSelectType
from .percent import PercentType
from .relation import RelationType
from .rollup import RollupType
from .single_select import SingleSelectType
from .sub_table import SubTableType
from .text import TextType
from .url import UrlType
from .user import UserType

CORE_TYPES: tuple[type[FieldType], ...] = (
    TextType, LongTextType, IntegerType, DecimalType, MoneyType, PercentType, BooleanType,
    DateType, DateTimeType, SingleSelectType, MultiSelectType, EmailType, MobileType, UrlType,
    AutoNumberType, UserType, RelationType, SubTableType, AttachmentType, JsonType, DepartmentType,
    RollupType, FormulaType, LookupType,
)

__all__ = ["CORE_TYPES", "CoerceError", "FieldType", "register"]


def register(registries) -> None:
    """Register every core field type by its key."""
    for cls in CORE_TYPES:
        registries.field_types.register(cls.key, cls)
