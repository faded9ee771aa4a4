"""moderation: the core_report table (api.report, one queue for every plugin)

Revision ID: 4980c92f1cad
Revises: a1c4e8f2d6b9
Create Date: 2026-12-04 20:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4980c92f1cad"
down_revision: str | Sequence[str] | None = "a1c4e8f2d6b9"
branch_labels: str | Sequence[str] | None = ("core_moderation",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_report",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("comment", sa.String(length=1000), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("handled_by", sa.Integer(), nullable=True),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_report")),
    )
    for column in ("kind", "object_id", "reporter_id", "author_id", "state"):
        op.create_index(f"ix_core_report_{column}", "core_report", [column])


def downgrade() -> None:
    op.drop_table("core_report")  # its indexes go with it
