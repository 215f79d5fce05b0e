"""Security: departments, users in departments, API tokens, the audit log.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade():
    op.create_table(
        "trellis_department",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("trellis_department.id")),
        sa.Column("code", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("name_en", sa.String(100)),
        sa.Column("manager_id", sa.Integer),
        sa.Column("sort", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_trellis_department_parent_id", "trellis_department", ["parent_id"])
    op.create_table(
        "trellis_user_department",
        sa.Column("user_id", sa.Integer, primary_key=True),
        sa.Column("department_id", sa.Integer, sa.ForeignKey("trellis_department.id"), primary_key=True),
        sa.Column("is_primary", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "trellis_api_token",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("apps", sa.JSON),
        sa.Column("expires_at", sa.DateTime),
        sa.Column("revoked_at", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("last_used_at", sa.DateTime),
    )
    op.create_index("ix_trellis_api_token_user_id", "trellis_api_token", ["user_id"])
    op.create_table(
        "trellis_audit",
        sa.Column("id", BIGINT, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("username", sa.String(100)),
        sa.Column("ip", sa.String(64)),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("app", sa.String(64)),
        sa.Column("target", sa.String(64)),
        sa.Column("record_id", sa.BigInteger),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
        sa.Column("note", sa.String(500)),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_trellis_audit_record", "trellis_audit", ["app", "target", "record_id"])


def downgrade():
    for name in ("trellis_audit", "trellis_api_token", "trellis_user_department", "trellis_department"):
        op.drop_table(name)
