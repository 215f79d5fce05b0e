"""Imports: one row per import run (status, counts, progress, the error workbook), saved
column mappings per form, and an index on the audit log's note (an import tags its
entries with its batch, and a rollback finds them by it).

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_import_batch",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("form", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("username", sa.String(100)),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("upload", sa.String(64), nullable=False),
        sa.Column("sheet", sa.String(255)),
        sa.Column("header_row", sa.Integer),
        sa.Column("mode", sa.String(10), nullable=False),
        sa.Column("keys", sa.JSON, nullable=False),
        sa.Column("mapping", sa.JSON, nullable=False),
        sa.Column("options", sa.JSON),
        sa.Column("dry_run", sa.Boolean, nullable=False),
        sa.Column("on_error", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer),
        sa.Column("done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("inserted", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("rows_per_second", sa.Float),
        sa.Column("eta_seconds", sa.Float),
        sa.Column("errors_file", sa.String(64)),
        sa.Column("message", sa.JSON),
        sa.Column("cancel_requested", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("started_at", sa.DateTime),
        sa.Column("finished_at", sa.DateTime),
        sa.Column("rolled_back_at", sa.DateTime),
        sa.Column("rolled_back_by", sa.Integer),
    )
    op.create_index("ix_trellis_import_batch_form", "trellis_import_batch", ["app", "form"])
    op.create_table(
        "trellis_import_mapping",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("form", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("mapping", sa.JSON, nullable=False),
        sa.Column("user_id", sa.Integer),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("app", "form", "name", name="uq_trellis_import_mapping_name"),
    )
    op.create_index("ix_trellis_audit_note", "trellis_audit", ["note"])


def downgrade():
    op.drop_index("ix_trellis_audit_note", "trellis_audit")
    op.drop_table("trellis_import_mapping")
    op.drop_index("ix_trellis_import_batch_form", "trellis_import_batch")
    op.drop_table("trellis_import_batch")
