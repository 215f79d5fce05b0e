"""A job's `cause`: the chain of the write whose transaction enqueued it (kernel/cause.py).
Writes the job makes continue that chain, so the depth limit also stops a loop that goes
through jobs (an automation whose action triggers itself a moment later).

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("trellis_jobs", sa.Column("cause", sa.JSON, nullable=True))


def downgrade():
    op.drop_column("trellis_jobs", "cause")
