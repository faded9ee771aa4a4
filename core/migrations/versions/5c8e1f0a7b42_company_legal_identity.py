"""company legal identity: legal form, registration number, address, year, bands

Revision ID: 5c8e1f0a7b42
Revises: a1c4e8f2d6b9
Create Date: 2026-12-04 20:10:00

``country`` widens to 8 characters for the OIF's governments ("CA-QC").
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c8e1f0a7b42"
down_revision: str | Sequence[str] | None = "a1c4e8f2d6b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT_COLUMNS = (
    ("legal_form", 80),
    ("registration_number", 64),
    ("address", 300),
    ("postal_code", 20),
    ("size_band", 20),
    ("revenue_band", 20),
)


def upgrade() -> None:
    with op.batch_alter_table("core_company") as batch:
        batch.alter_column(
            "country",
            existing_type=sa.String(length=2),
            type_=sa.String(length=8),
            existing_nullable=False,
        )
        for name, length in TEXT_COLUMNS:
            batch.add_column(
                sa.Column(name, sa.String(length=length), nullable=False, server_default="")
            )
        batch.add_column(sa.Column("year_founded", sa.SmallInteger(), nullable=True))
    op.create_index("ix_core_company_registration_number", "core_company", ["registration_number"])


def downgrade() -> None:
    op.drop_index("ix_core_company_registration_number", table_name="core_company")
    with op.batch_alter_table("core_company") as batch:
        batch.drop_column("year_founded")
        for name, _length in reversed(TEXT_COLUMNS):
            batch.drop_column(name)
        batch.alter_column(
            "country",
            existing_type=sa.String(length=8),
            type_=sa.String(length=2),
            existing_nullable=False,
        )
