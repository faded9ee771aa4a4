"""file storage: the core_file table (api.storage)

Revision ID: b3f9d2e6a4c1
Revises: e7a3c5d9b1f2
Create Date: 2026-12-03 13:45:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b3f9d2e6a4c1"
down_revision: str | Sequence[str] | None = "e7a3c5d9b1f2"
branch_labels: str | Sequence[str] | None = ("core_storage",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_file",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("purpose", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_file")),
        sa.UniqueConstraint("key", name=op.f("uq_core_file_key")),
    )
    op.create_index("ix_core_file_owner_id", "core_file", ["owner_id"])
    op.create_index("ix_core_file_purpose", "core_file", ["purpose"])


def downgrade() -> None:
    op.drop_table("core_file")  # its indexes go with it
