"""activity events: the core_activity table (api.record)

Revision ID: e7a3c5d9b1f2
Revises: d4b8f1a2c3e5
Create Date: 2026-12-03 07:50:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e7a3c5d9b1f2"
down_revision: str | Sequence[str] | None = "d4b8f1a2c3e5"
branch_labels: str | Sequence[str] | None = ("core_activity",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("subject_type", sa.String(length=64), nullable=True),
        sa.Column("subject_id", sa.String(length=64), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_activity")),
    )
    for column in ("at", "event", "user_id"):
        op.create_index(f"ix_core_activity_{column}", "core_activity", [column])
    op.create_index("ix_core_activity_subject", "core_activity", ["subject_type", "subject_id"])


def downgrade() -> None:
    op.drop_table("core_activity")  # its indexes go with it
