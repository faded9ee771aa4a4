"""merge the three account branches (security, onboarding, sessions/audit) into one head

Revision ID: c7e2a9d41f08
Revises: 83c4bc15dc52, 6add32a5522a, a5d1e7c93f20
Create Date: 2026-11-28 02:20:00

The three were written in parallel, each branching from the initial schema;
they touch distinct tables, so merging needs no operation.
"""

from collections.abc import Sequence

revision: str = "c7e2a9d41f08"
down_revision: str | Sequence[str] | None = ("83c4bc15dc52", "6add32a5522a", "a5d1e7c93f20")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
