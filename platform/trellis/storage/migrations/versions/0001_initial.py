"""The platform's first tables: definitions, their versions, sequences, process state.

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_definition",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("draft", sa.JSON, nullable=False),
        sa.Column("draft_updated_at", sa.DateTime, nullable=False),
        sa.Column("draft_updated_by", sa.Integer),
        sa.Column("published_version", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("app", "kind", "key", name="uq_trellis_definition_key"),
    )
    op.create_table(
        "trellis_definition_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("definition_id", sa.Integer, sa.ForeignKey("trellis_definition.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("published_at", sa.DateTime, nullable=False),
        sa.Column("published_by", sa.Integer),
        sa.Column("note", sa.String(500)),
        sa.UniqueConstraint("definition_id", "version", name="uq_trellis_definition_version"),
    )
    op.create_table(
        "trellis_sequence",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "trellis_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.BigInteger, nullable=False),
    )


def downgrade():
    for name in ("trellis_state", "trellis_sequence", "trellis_definition_version", "trellis_definition"):
        op.drop_table(name)
