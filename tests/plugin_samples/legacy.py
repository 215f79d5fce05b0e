"""The older plugin shape: a bare `register(registries)` function."""
from __future__ import annotations

from trellis.forms.types.text import TextType


class LegacyText(TextType):
    key = "sample_legacy_text"
    widget = "text"


def register(registries) -> None:
    registries.field_types.register(LegacyText.key, LegacyText)
