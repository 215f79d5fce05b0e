"""Each calendar day's trading day (the day itself when the exchanges trade, else the next
trading day): what a report's trading-day period groups by, filled from the calendar
(flows/trading_days.py).

Revision ID: 0011
Revises: 0010
"""
import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "trellis_trading_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("trading_day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )


def downgrade():
    op.drop_table("trellis_trading_days")
