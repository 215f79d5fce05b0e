"""The tamper-evident audit log: who changed what, when, from where, before and after.

Entries form a hash chain (`audit_chain`: append, verify); record writes, definition
changes and logins are written by `audit_events` (subscribe); a record's history and
reverting to an entry live in `audit_history`. The table refuses UPDATE and DELETE
(migration 0003), so the log only ever grows.
"""
from __future__ import annotations

from .audit_chain import GENESIS, append, canonical, entry_hash, verify
from .audit_events import login_entry, subscribe
from .audit_history import entries, history, revert

__all__ = ["GENESIS", "append", "canonical", "entry_hash", "verify", "login_entry", "subscribe",
           "entries", "history", "revert"]
