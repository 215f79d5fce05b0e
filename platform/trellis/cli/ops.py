"""`trellis backup`, `trellis restore`, `trellis upgrade`, `trellis migrate-db`: operating
a private deployment."""
from __future__ import annotations

from .main import cli  # noqa: F401  (commands below register on the group)
