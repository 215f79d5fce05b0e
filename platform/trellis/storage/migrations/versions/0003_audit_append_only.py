"""The audit log is append-only: triggers refuse UPDATE and DELETE (and TRUNCATE on
PostgreSQL) on trellis_audit.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MESSAGE = "审计日志只能追加 / trellis_audit is append-only"

PG_UP = [
    f"""CREATE FUNCTION trellis_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
END
$$""",
    "CREATE TRIGGER trellis_audit_no_change BEFORE UPDATE OR DELETE ON trellis_audit "
    "FOR EACH ROW EXECUTE FUNCTION trellis_audit_append_only()",
    "CREATE TRIGGER trellis_audit_no_truncate BEFORE TRUNCATE ON trellis_audit "
    "FOR EACH STATEMENT EXECUTE FUNCTION trellis_audit_append_only()",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS trellis_audit_no_truncate ON trellis_audit",
    "DROP TRIGGER IF EXISTS trellis_audit_no_change ON trellis_audit",
    "DROP FUNCTION IF EXISTS trellis_audit_append_only()",
]
SQLITE_UP = [
    f"CREATE TRIGGER trellis_audit_no_update BEFORE UPDATE ON trellis_audit "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER trellis_audit_no_delete BEFORE DELETE ON trellis_audit "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS trellis_audit_no_update",
    "DROP TRIGGER IF EXISTS trellis_audit_no_delete",
]


def _run(statements):
    for sql in statements:
        op.execute(sql)


def upgrade():
    _run(PG_UP if op.get_bind().dialect.name == "postgresql" else SQLITE_UP)


def downgrade():
    _run(PG_DOWN if op.get_bind().dialect.name == "postgresql" else SQLITE_DOWN)
