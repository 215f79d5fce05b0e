"""A job's `request_id`: the id of the HTTP request (or of the job) during which it was
enqueued, so the log lines a job writes name the request that caused it.

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("trellis_jobs", sa.Column("request_id", sa.String(64), nullable=True))


def downgrade():
    op.drop_column("trellis_jobs", "request_id")
