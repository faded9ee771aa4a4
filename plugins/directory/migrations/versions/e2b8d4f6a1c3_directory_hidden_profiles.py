"""directory: profiles hidden by the moderation (``hidden`` on companies and experts)

Revision ID: e2b8d4f6a1c3
Revises: d1a7c3e90b25
Create Date: 2026-12-06 21:10:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e2b8d4f6a1c3"
down_revision: str | Sequence[str] | None = "d1a7c3e90b25"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("directory_company", "directory_expert")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table, sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("hidden")
