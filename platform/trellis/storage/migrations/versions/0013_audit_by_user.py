"""The audit log by user, newest first: a user's recent records (the workbench) and the
audit page's filter by user read it without scanning the log.

Revision ID: 0013
Revises: 0012
"""
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_trellis_audit_user", "trellis_audit", ["user_id", "id"])


def downgrade():
    op.drop_index("ix_trellis_audit_user", table_name="trellis_audit")
