"""pages: editorial state (draft, review, published) and optional English texts

Revision ID: 8b2d4e6f1a37
Revises: 7a1c0d2e9b11
Create Date: 2026-12-04 20:30:00

Pages join the resource centre's editorial workflow: ``state`` says where a page is
(``published`` keeps the ``published`` flag true); English title and summary may be
left empty, the page then shows in French to English readers, marked as such.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8b2d4e6f1a37"
down_revision: str | Sequence[str] | None = "7a1c0d2e9b11"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pages_page") as batch:
        batch.add_column(
            sa.Column("state", sa.String(length=20), nullable=False, server_default="published")
        )
        batch.alter_column("title_en", existing_type=sa.String(length=200), nullable=True)
        batch.alter_column("summary_en", existing_type=sa.String(length=300), nullable=True)
        batch.alter_column("body_en", existing_type=sa.Text(), nullable=True)
    op.execute("UPDATE pages_page SET state = 'draft' WHERE published = false")


def downgrade() -> None:
    op.execute("UPDATE pages_page SET title_en = title_fr WHERE title_en IS NULL OR title_en = ''")
    op.execute("UPDATE pages_page SET summary_en = '' WHERE summary_en IS NULL")
    op.execute("UPDATE pages_page SET body_en = '' WHERE body_en IS NULL")
    with op.batch_alter_table("pages_page") as batch:
        batch.drop_column("state")
        batch.alter_column("title_en", existing_type=sa.String(length=200), nullable=False)
        batch.alter_column("summary_en", existing_type=sa.String(length=300), nullable=False)
        batch.alter_column("body_en", existing_type=sa.Text(), nullable=False)
