"""A user's own settings kept by the server: the interface language applied at sign-in,
and whether the password an administrator set must be changed at the next sign-in.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_user_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8)),
        sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade():
    op.drop_table("trellis_user_settings")
