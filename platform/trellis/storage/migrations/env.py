"""Alembic environment for the platform's own tables (trellis_*); run by `trellis init`."""
from alembic import context

from trellis.storage.models import metadata

config = context.config
connection = config.attributes.get("connection")

context.configure(connection=connection, target_metadata=metadata, version_table="trellis_alembic_version",
                  include_name=lambda name, type_, parent: type_ != "table" or name.startswith("trellis_"))
with context.begin_transaction():
    context.run_migrations()
