"""Merge the core revisions written side by side: dashboard, search documents and the
company's legal identity.

Revision ID: d8e1f3a5b7c9
Revises: c2d7e9a4b6f1, c9d2e4f6a8b1, 5c8e1f0a7b42
Create Date: 2026-12-04 20:25:00

"""

from collections.abc import Sequence

revision: str = "d8e1f3a5b7c9"
down_revision: str | Sequence[str] | None = ("c2d7e9a4b6f1", "c9d2e4f6a8b1", "5c8e1f0a7b42")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to do: the three branches touch different tables."""


def downgrade() -> None:
    """Nothing to do."""
