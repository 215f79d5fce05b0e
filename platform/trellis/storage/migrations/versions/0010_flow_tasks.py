"""People in flows: the tasks a flow's human steps give people (approve, handle, cc), and
the admins' calendar overrides (working and trading days) that SLA times are counted on.

Revision ID: 0010
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    op.create_table(
        "trellis_flow_tasks",
        sa.Column("id", _ID, nullable=False),
        sa.Column("app", sa.String(length=64), nullable=False),
        sa.Column("run_id", sa.BigInteger(), nullable=False),
        sa.Column("flow", sa.String(length=64), nullable=False),
        sa.Column("node", sa.String(length=64), nullable=False),
        sa.Column("token", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("values", sa.JSON(), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=True),
        sa.Column("form", sa.String(length=64), nullable=True),
        sa.Column("record_id", sa.BigInteger(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("initiator_id", sa.Integer(), nullable=True),
        sa.Column("added_by", sa.BigInteger(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("remind_at", sa.DateTime(), nullable=True),
        sa.Column("acted_at", sa.DateTime(), nullable=True),
        sa.Column("acted_by", sa.Integer(), nullable=True),
        sa.Column("urged_at", sa.DateTime(), nullable=True),
        sa.Column("urges", sa.Integer(), server_default="0", nullable=False),
        sa.Column("sla_state", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_trellis_flow_tasks_assignee", "trellis_flow_tasks", ["assignee_id", "state", "created_at"])
    op.create_index("ix_trellis_flow_tasks_run", "trellis_flow_tasks", ["run_id", "node", "round"])
    op.create_index("ix_trellis_flow_tasks_initiator", "trellis_flow_tasks", ["initiator_id", "created_at"])
    op.create_table(
        "trellis_calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("working", sa.Boolean(), nullable=False),
        sa.Column("trading", sa.Boolean(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )


def downgrade():
    op.drop_table("trellis_calendar_days")
    op.drop_index("ix_trellis_flow_tasks_initiator", table_name="trellis_flow_tasks")
    op.drop_index("ix_trellis_flow_tasks_run", table_name="trellis_flow_tasks")
    op.drop_index("ix_trellis_flow_tasks_assignee", table_name="trellis_flow_tasks")
    op.drop_table("trellis_flow_tasks")
