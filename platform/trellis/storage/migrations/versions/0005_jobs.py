"""Jobs: one table for durable deferred work (the transactional outbox, timers, retries),
claimed by the dispatcher through the (state, run_at) and (state, lease_until) indexes.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_jobs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("args", sa.JSON, nullable=False),
        sa.Column("run_at", sa.DateTime, nullable=False),
        sa.Column("key", sa.String(200), unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("lease_owner", sa.String(100)),
        sa.Column("lease_until", sa.DateTime),
        sa.Column("app", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
    )
    op.create_index("ix_trellis_jobs_due", "trellis_jobs", ["state", "run_at"])
    op.create_index("ix_trellis_jobs_lease", "trellis_jobs", ["state", "lease_until"])


def downgrade():
    op.drop_index("ix_trellis_jobs_lease", "trellis_jobs")
    op.drop_index("ix_trellis_jobs_due", "trellis_jobs")
    op.drop_table("trellis_jobs")
