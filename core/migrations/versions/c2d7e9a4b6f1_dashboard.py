"""Dashboard: each member's widget arrangement, and the badges they earned.

Revision ID: c2d7e9a4b6f1
Revises: a1c4e8f2d6b9
Create Date: 2026-12-04 20:20:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c2d7e9a4b6f1"
down_revision: str | Sequence[str] | None = "a1c4e8f2d6b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_dashboard_layout",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("order", sa.JSON(), nullable=False),
        sa.Column("hidden", sa.JSON(), nullable=False),
        sa.Column("shown", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "core_member_badge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("badge", sa.String(length=64), nullable=False),
        sa.Column("earned_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "badge", name="uq_core_member_badge"),
    )
    op.create_index("ix_core_member_badge_user_id", "core_member_badge", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_core_member_badge_user_id", table_name="core_member_badge")
    op.drop_table("core_member_badge")
    op.drop_table("core_dashboard_layout")
