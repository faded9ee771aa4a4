"""Server-side sessions, append-only audit trail (with its triggers), time-boxed
role grants, GDPR exports and deletion requests.

Revision ID: a5d1e7c93f20
Revises: 6289e2bede4d
Create Date: 2026-11-28 00:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "a5d1e7c93f20"
down_revision: str | Sequence[str] | None = "6289e2bede4d"
branch_labels: str | Sequence[str] | None = ("accounts_sessions_audit",)
depends_on: str | Sequence[str] | None = None


SQLITE_TRIGGERS = (
    """CREATE TRIGGER core_audit_event_no_update BEFORE UPDATE ON core_audit_event
    BEGIN SELECT RAISE(ABORT, 'core_audit_event is append-only'); END""",
    """CREATE TRIGGER core_audit_event_no_delete BEFORE DELETE ON core_audit_event
    WHEN NOT EXISTS (SELECT 1 FROM core_audit_purge p WHERE OLD.at < p.cutoff)
    BEGIN SELECT RAISE(ABORT, 'core_audit_event is append-only'); END""",
)
POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION core_audit_event_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND EXISTS (
            SELECT 1 FROM core_audit_purge p WHERE OLD.at < p.cutoff) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'core_audit_event is append-only';
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_audit_event_append_only BEFORE UPDATE OR DELETE
    ON core_audit_event FOR EACH ROW EXECUTE FUNCTION core_audit_event_guard()""",
    """CREATE TRIGGER core_audit_event_no_truncate BEFORE TRUNCATE
    ON core_audit_event FOR EACH STATEMENT EXECUTE FUNCTION core_audit_event_guard()""",
)


def _user_fk(column: str = "user_id", ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["ab_user.id"], ondelete=ondelete)


def upgrade() -> None:
    op.create_table(
        "core_session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_seen", sa.DateTime(), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("user_agent", sa.String(length=300), nullable=False),
        sa.Column("rotate", sa.Boolean(), nullable=False),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_session_user_id", "core_session", ["user_id"])
    op.create_index("ix_core_session_last_seen", "core_session", ["last_seen"])

    op.create_table(
        "core_audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("subject_user_id", sa.Integer(), nullable=True),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("ip", sa.String(length=45), nullable=False),
        sa.Column("user_agent", sa.String(length=300), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("at", "actor_user_id", "subject_user_id", "event"):
        op.create_index(f"ix_core_audit_event_{column}", "core_audit_event", [column])
    op.create_table(
        "core_audit_purge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cutoff", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )

    op.create_table(
        "core_role_grant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("granted_by_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("added_role", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        _user_fk(),
        _user_fk("granted_by_id", "SET NULL"),
        sa.ForeignKeyConstraint(["role_id"], ["ab_role.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_role_grant_user_id", "core_role_grant", ["user_id"])
    op.create_index("ix_core_role_grant_ends_at", "core_role_grant", ["ends_at"])
    op.create_index("ix_core_role_grant_state", "core_role_grant", ["state"])

    op.create_table(
        "core_data_export",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ready_at", sa.DateTime(), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_core_data_export_user_id", "core_data_export", ["user_id"])
    op.create_index("ix_core_data_export_expires_at", "core_data_export", ["expires_at"])
    op.create_table(
        "core_deletion_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        _user_fk(),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_core_deletion_request_user_id", "core_deletion_request", ["user_id"])
    op.create_index("ix_core_deletion_request_due_at", "core_deletion_request", ["due_at"])
    _create_triggers()


def _create_triggers() -> None:
    dialect = op.get_bind().dialect.name
    statements: tuple[str, ...]
    if dialect == "sqlite":
        statements = SQLITE_TRIGGERS
    elif dialect == "postgresql":
        statements = POSTGRESQL_TRIGGERS
    else:  # other databases: the ORM guard still refuses changes
        statements = ()
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS core_audit_event_no_truncate ON core_audit_event")
        op.execute("DROP TRIGGER IF EXISTS core_audit_event_append_only ON core_audit_event")
        op.execute("DROP FUNCTION IF EXISTS core_audit_event_guard()")
    for table in (
        "core_deletion_request",
        "core_data_export",
        "core_role_grant",
        "core_audit_purge",
        "core_audit_event",
        "core_session",
    ):
        op.drop_table(table)
