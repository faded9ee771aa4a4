"""testplugin note table (written by hand)

Revision ID: 3b7e5f2a9c10
Revises:
Create Date: 2026-11-28 01:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "3b7e5f2a9c10"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "testplugin_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(length=200), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(["author_id"], ["ab_user.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("testplugin_note")
