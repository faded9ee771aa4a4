"""moderation: the core_sanction table (suspensions for a period and bans)

Revision ID: f8c1d3e5a7b9
Revises: e4a6c8b0d2f3
Create Date: 2026-12-06 21:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f8c1d3e5a7b9"
down_revision: str | Sequence[str] | None = "e4a6c8b0d2f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_sanction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("was_active", sa.Boolean(), nullable=False),
        sa.Column("lifted_at", sa.DateTime(), nullable=True),
        sa.Column("lifted_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_sanction")),
    )
    for column in ("user_id", "ends_at", "lifted_at"):
        op.create_index(f"ix_core_sanction_{column}", "core_sanction", [column])


def downgrade() -> None:
    op.drop_table("core_sanction")  # its indexes go with it
