"""notifications: core_notification, its outbox and the members' preferences (api.notify)

Revision ID: f3b9d2c6a8e4
Revises: e7a3c5d9b1f2
Create Date: 2026-12-03 13:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f3b9d2c6a8e4"
down_revision: str | Sequence[str] | None = "e7a3c5d9b1f2"
branch_labels: str | Sequence[str] | None = ("core_notifications",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "core_notification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_notification")),
    )
    op.create_index("ix_core_notification_created_at", "core_notification", ["created_at"])
    op.create_index("ix_core_notification_unread", "core_notification", ["user_id", "read_at"])
    op.create_table(
        "core_notification_delivery",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["notification_id"], ["core_notification.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_notification_delivery")),
    )
    op.create_index(
        "ix_core_notification_delivery_notification_id",
        "core_notification_delivery",
        ["notification_id"],
    )
    op.create_index(
        "ix_core_notification_delivery_due",
        "core_notification_delivery",
        ["state", "channel", "next_attempt_at"],
    )
    op.create_table(
        "core_notification_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_core_notification_preference")),
        sa.UniqueConstraint("user_id", "type", name="uq_core_notification_preference"),
    )


def downgrade() -> None:
    op.drop_table("core_notification_preference")
    op.drop_table("core_notification_delivery")
    op.drop_table("core_notification")
