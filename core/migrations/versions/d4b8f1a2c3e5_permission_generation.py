"""permission generation: a value that triggers change at every change of the
role-permission tables, so each process can cache role permissions safely

Revision ID: d4b8f1a2c3e5
Revises: c7e2a9d41f08
Create Date: 2026-11-28 04:20:00

Read by the member loader (core/security/access.py) in the same query as the
member. Triggers rather than application code, so that edits made with plain SQL,
by another web server or by a restore also invalidate every process's cache.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d4b8f1a2c3e5"
down_revision: str | Sequence[str] | None = "c7e2a9d41f08"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a (permission, view) pair of a role depends on.
WATCHED = ("ab_permission_view_role", "ab_permission_view", "ab_permission", "ab_view_menu")
EVENTS = ("INSERT", "UPDATE", "DELETE")
SQLITE_BUMP = "UPDATE core_permission_generation SET value = abs(random())"
POSTGRESQL_FUNCTION = """CREATE FUNCTION core_permission_generation_bump() RETURNS trigger AS $$
    BEGIN
        UPDATE core_permission_generation SET value = floor(random() * 9e15)::bigint;
        RETURN NULL;
    END $$ LANGUAGE plpgsql"""


def upgrade() -> None:
    op.create_table(
        "core_permission_generation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_permission_generation")),
    )
    op.execute("INSERT INTO core_permission_generation (id, value) VALUES (1, 1)")
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"""CREATE TRIGGER {table}_{event.lower()}_generation
                    AFTER {event} ON {table} BEGIN {SQLITE_BUMP}; END""")
    elif dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        for table in WATCHED:
            op.execute(f"""CREATE TRIGGER {table}_generation
                AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
                FOR EACH STATEMENT EXECUTE FUNCTION core_permission_generation_bump()""")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in WATCHED:
            for event in EVENTS:
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_generation")
    elif dialect == "postgresql":
        for table in WATCHED:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}")
        op.execute("DROP FUNCTION IF EXISTS core_permission_generation_bump()")
    op.drop_table("core_permission_generation")
