"""merge the storage and notifications branches into one core head

Revision ID: a1c4e8f2d6b9
Revises: b3f9d2e6a4c1, f3b9d2c6a8e4
Create Date: 2026-12-03 14:50:00

Both were written in parallel from the activity revision; they create distinct
tables (core_file; core_notification*), so merging needs no operation.
"""

from collections.abc import Sequence

revision: str = "a1c4e8f2d6b9"
down_revision: str | Sequence[str] | None = ("b3f9d2e6a4c1", "f3b9d2c6a8e4")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
