"""The app kind: an app's own definition (its label, its forms in menu order); no publish
hook, and only administrators edit it."""
from __future__ import annotations

from .kind import DefinitionKind


class AppKind(DefinitionKind):
    key = "app"
    label = ("应用", "app")
    removable = False
