"""The audit log's `cause`: the chain of what made a write (a user, an import batch, an
automation, a flow, one write's lifecycle handler), kept when the write was not the
user's own. Nullable: entries written before have none and their hashes are unchanged
(the cause is hashed only when set, see trellis.security.audit_chain).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    # a plain ADD COLUMN: recreating the table (batch mode) would trip its append-only triggers
    op.add_column("trellis_audit", sa.Column("cause", sa.JSON, nullable=True))


def downgrade():
    op.drop_column("trellis_audit", "cause")
