"""pages: scheduled publication (publish_at)

Revision ID: 3c5e7a9b2d14
Revises: 8b2d4e6f1a37
Create Date: 2026-12-06 21:00:00

A page can be given a publication date: it is then ``scheduled`` and shows to
readers from that moment (UTC); the ``pages-publish`` task marks it published and
puts it in search.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c5e7a9b2d14"
down_revision: str | Sequence[str] | None = "8b2d4e6f1a37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("pages_page") as batch:
        batch.add_column(sa.Column("publish_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.execute("UPDATE pages_page SET state = 'draft' WHERE state = 'scheduled'")
    with op.batch_alter_table("pages_page") as batch:
        batch.drop_column("publish_at")
