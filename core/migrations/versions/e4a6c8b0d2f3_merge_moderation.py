"""Merge the moderation reports revision, written beside the dashboard, search and
company-identity revisions.

Revision ID: e4a6c8b0d2f3
Revises: d8e1f3a5b7c9, 4980c92f1cad
Create Date: 2026-12-04 21:30:00

"""

from collections.abc import Sequence

revision: str = "e4a6c8b0d2f3"
down_revision: str | Sequence[str] | None = ("d8e1f3a5b7c9", "4980c92f1cad")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to do: the branches touch different tables."""


def downgrade() -> None:
    """Nothing to do."""
