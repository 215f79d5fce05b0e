"""Notifications: configured channels (their configuration encrypted), messages, one
delivery per message, recipient and channel (with its idempotency key), the delivery log
(one row per attempt), the in-app message center, the outbox channel's records, and each
user's notification settings.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('trellis_channels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('label', sa.JSON(), nullable=True),
    sa.Column('enabled', sa.Boolean(), server_default=sa.true(), nullable=False),
    sa.Column('config', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('app', 'name', name='ux_trellis_channels_name')
    )
    op.create_table('trellis_deliveries',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('message_id', sa.BigInteger(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('event', sa.String(length=100), nullable=False),
    sa.Column('channel', sa.String(length=64), nullable=False),
    sa.Column('channel_type', sa.String(length=64), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('recipient_key', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.JSON(), nullable=False),
    sa.Column('to', sa.String(length=200), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('html', sa.Text(), nullable=True),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('fallbacks', sa.JSON(), nullable=True),
    sa.Column('dedupe', sa.String(length=200), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('latency_ms', sa.Integer(), nullable=True),
    sa.Column('form', sa.String(length=64), nullable=True),
    sa.Column('record', sa.BigInteger(), nullable=True),
    sa.Column('run_at', sa.DateTime(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_trellis_deliveries_channel', 'trellis_deliveries', ['app', 'channel', 'created_at'], unique=False)
    op.create_index(op.f('ix_trellis_deliveries_message_id'), 'trellis_deliveries', ['message_id'], unique=False)
    op.create_index('ix_trellis_deliveries_recipient', 'trellis_deliveries', ['recipient_key', 'created_at'], unique=False)
    op.create_index('ix_trellis_deliveries_record', 'trellis_deliveries', ['app', 'form', 'record'], unique=False)
    op.create_table('trellis_delivery_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('delivery_id', sa.BigInteger(), nullable=False),
    sa.Column('attempt', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('latency_ms', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_trellis_delivery_log_delivery_id'), 'trellis_delivery_log', ['delivery_id'], unique=False)
    op.create_table('trellis_inbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.BigInteger(), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('form', sa.String(length=64), nullable=True),
    sa.Column('record', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('delivery_id')
    )
    op.create_index('ix_trellis_inbox_user', 'trellis_inbox', ['user_id', 'read_at', 'id'], unique=False)
    op.create_table('trellis_messages',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('event', sa.String(length=100), nullable=False),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('form', sa.String(length=64), nullable=True),
    sa.Column('record', sa.BigInteger(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=True),
    sa.Column('cause', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('trellis_notify_prefs',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('prefs', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('trellis_outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('app', sa.String(length=64), nullable=False),
    sa.Column('delivery_id', sa.BigInteger(), nullable=True),
    sa.Column('channel_type', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=True),
    sa.Column('subject', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('urgency', sa.String(length=8), nullable=False),
    sa.Column('form', sa.String(length=64), nullable=True),
    sa.Column('record', sa.BigInteger(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('delivery_id')
    )
    op.create_index('ix_trellis_outbox_record', 'trellis_outbox', ['app', 'form', 'record'], unique=False)


def downgrade():
    op.drop_index('ix_trellis_outbox_record', table_name='trellis_outbox')
    op.drop_table('trellis_outbox')
    op.drop_table('trellis_notify_prefs')
    op.drop_table('trellis_messages')
    op.drop_index('ix_trellis_inbox_user', table_name='trellis_inbox')
    op.drop_table('trellis_inbox')
    op.drop_index(op.f('ix_trellis_delivery_log_delivery_id'), table_name='trellis_delivery_log')
    op.drop_table('trellis_delivery_log')
    op.drop_index('ix_trellis_deliveries_record', table_name='trellis_deliveries')
    op.drop_index('ix_trellis_deliveries_recipient', table_name='trellis_deliveries')
    op.drop_index(op.f('ix_trellis_deliveries_message_id'), table_name='trellis_deliveries')
    op.drop_index('ix_trellis_deliveries_channel', table_name='trellis_deliveries')
    op.drop_table('trellis_deliveries')
    op.drop_table('trellis_channels')
