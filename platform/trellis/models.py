"""The platform's own tables (SQLAlchemy Core), managed by Alembic migrations.

Form tables are not here: each published form is materialized by `trellis.forms.sync`.
FAB's security tables (ab_user, ab_role, ...) are created by Flask-AppBuilder.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

definition = sa.Table(
    "trellis_definition", metadata,
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

definition_version = sa.Table(
    "trellis_definition_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("definition_id", sa.Integer, sa.ForeignKey("trellis_definition.id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("body", sa.JSON, nullable=False),
    sa.Column("published_at", sa.DateTime, nullable=False),
    sa.Column("published_by", sa.Integer),
    sa.Column("note", sa.String(500)),
    sa.UniqueConstraint("definition_id", "version", name="uq_trellis_definition_version"),
)

sequence = sa.Table(
    "trellis_sequence", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

state = sa.Table(
    "trellis_state", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)
