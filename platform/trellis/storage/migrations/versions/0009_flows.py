"""Flows: runs (a flow version's run from its trigger to its end, with its cursor, context
and idempotency key), the run log (one row per step) and the records a threshold trigger
has fired for.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    op.create_table(
        "trellis_flow_runs",
        sa.Column("id", _ID, nullable=False),
        sa.Column("app", sa.String(length=64), nullable=False),
        sa.Column("flow", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.BigInteger(), nullable=True),
        sa.Column("event", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("seq", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cursor", sa.JSON(), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("parent_run", sa.BigInteger(), nullable=True),
        sa.Column("cause", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("wake_at", sa.DateTime(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event"),
    )
    op.create_index("ix_trellis_flow_runs_flow", "trellis_flow_runs", ["app", "flow", "started_at"])
    op.create_index("ix_trellis_flow_runs_record", "trellis_flow_runs", ["app", "form", "record_id", "state"])
    op.create_index("ix_trellis_flow_runs_state", "trellis_flow_runs", ["state"])
    op.create_table(
        "trellis_flow_steps",
        sa.Column("id", _ID, nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("node", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("input", sa.JSON(), nullable=True),
        sa.Column("output", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "seq", name="ux_trellis_flow_steps_seq"),
    )
    op.create_table(
        "trellis_flow_marks",
        sa.Column("app", sa.String(length=64), nullable=False),
        sa.Column("flow", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("app", "flow", "record_id"),
    )


def downgrade():
    op.drop_table("trellis_flow_marks")
    op.drop_table("trellis_flow_steps")
    op.drop_index("ix_trellis_flow_runs_state", table_name="trellis_flow_runs")
    op.drop_index("ix_trellis_flow_runs_record", table_name="trellis_flow_runs")
    op.drop_index("ix_trellis_flow_runs_flow", table_name="trellis_flow_runs")
    op.drop_table("trellis_flow_runs")
