"""Public form links: each link's current token, the captchas handed out to its page
(single use, expiring) and the submission counters its rate limits read, kept in the
database so every serving process sees the same ones.

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_public_link_token",
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("app", sa.String(64), nullable=False),
        sa.Column("link", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("token"),
        sa.UniqueConstraint("app", "link", name="ux_trellis_public_link_token_link"),
    )
    op.create_table(
        "trellis_public_captcha",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("answer", sa.String(16), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_trellis_public_captcha_expires", "trellis_public_captcha", ["expires_at"])
    op.create_table(
        "trellis_public_hits",
        sa.Column("key", sa.String(160), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window_start"),
    )


def downgrade():
    op.drop_table("trellis_public_hits")
    op.drop_index("ix_trellis_public_captcha_expires", table_name="trellis_public_captcha")
    op.drop_table("trellis_public_captcha")
    op.drop_table("trellis_public_link_token")
