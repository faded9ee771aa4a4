"""responses keep the company's export stage (a results filter)

Revision ID: c598447cc2d5
Revises: d637744a70d1
Create Date: 2026-12-06 21:22:39.932944

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c598447cc2d5"
down_revision: str | Sequence[str] | None = "d637744a70d1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("surveys_response", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("export_stage", sa.String(length=20), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("surveys_response", schema=None) as batch_op:
        batch_op.drop_column("export_stage")
