"""A Plugin made of two functions: how the core declares its engines (`core.py`) and how a
legacy entry point (a bare `register(registries)` callable) is wrapped."""
from __future__ import annotations

from typing import Callable

from .base import Plugin


class FunctionPlugin(Plugin):
    """`register` and/or `install` given as functions; the rest as keywords."""

    def __init__(self, name: str, *, version: str = "0", requires: tuple[str, ...] = (),
                 register: Callable | None = None, install: Callable | None = None, core: bool = False):
        self.name, self.version, self.requires, self.core = name, version, tuple(requires), core
        self._register, self._install = register, install

    def register(self, registries) -> None:
        if self._register is not None:
            self._register(registries)

    def install(self, runtime) -> None:
        if self._install is not None:
            self._install(runtime)
