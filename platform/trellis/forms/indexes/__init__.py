"""The index advisor: which fields of a form would gain from an index, and one-click creation.

- `usage`: the fields a JsonLogic filter and a sort key list read, and whether an index
  can serve each use (equality, ranges and IN lists can; `!=`, substrings and
  emptiness tests cannot);
- `slowlog`: list queries slower than a threshold whose fields had no index, counted
  per field in memory (per process, bounded);
- `cost`: a table's rows and an index's estimated size and build time on SQLite and
  PostgreSQL, and the indexes that exist;
- `advisor`: the advice for one form (saved views, slow queries, cost);
- `create`: the indexes made through the definition path: the `indexed` flag is set on
  the published definition and published (a version, an audit entry, the schema sync
  builds the index), a pending draft keeping its edits.

Shared views do not get indexes automatically when saved: building one locks the table
against writes for as long as it takes (seconds at millions of rows) and every index
slows inserts and imports, so an administrator decides, with the cost shown.
"""
from .advisor import advise
from .create import create_indexes
from .slowlog import SlowQueryLog, observe, slow_log

__all__ = ["advise", "create_indexes", "SlowQueryLog", "observe", "slow_log"]
