"""messaging tables: conversations, participants, sealed messages, attachments,
blocks, preferences

Revision ID: 3c8e1f5a7b20
Revises:
Create Date: 2026-12-04 20:40:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c8e1f5a7b20"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "messaging_conversation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("last_message_at", sa.DateTime(), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("created_by", "created_at", "last_message_at"):
        op.create_index(f"ix_messaging_conversation_{column}", "messaging_conversation", [column])
    op.create_table(
        "messaging_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("last_read_at", sa.DateTime(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("alerted", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["messaging_conversation.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("conversation_id", "user_id"),
    )
    op.create_index(
        "ix_messaging_participant_conversation_id", "messaging_participant", ["conversation_id"]
    )
    op.create_index("ix_messaging_participant_user_id", "messaging_participant", ["user_id"])
    op.create_table(
        "messaging_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["messaging_conversation.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    for column in ("conversation_id", "sender_id", "key_id", "created_at"):
        op.create_index(f"ix_messaging_message_{column}", "messaging_message", [column])
    op.create_table(
        "messaging_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("file_key", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["message_id"], ["messaging_message.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("file_key"),
    )
    op.create_index("ix_messaging_attachment_message_id", "messaging_attachment", ["message_id"])
    op.create_index("ix_messaging_attachment_key_id", "messaging_attachment", ["key_id"])
    op.create_table(
        "messaging_block",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("blocker_id", "blocked_id"),
    )
    op.create_index("ix_messaging_block_blocker_id", "messaging_block", ["blocker_id"])
    op.create_index("ix_messaging_block_blocked_id", "messaging_block", ["blocked_id"])
    op.create_table(
        "messaging_preference",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("text_in_email", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )


def downgrade() -> None:
    for table in (
        "messaging_preference",
        "messaging_block",
        "messaging_attachment",
        "messaging_message",
        "messaging_participant",
        "messaging_conversation",
    ):
        op.drop_table(table)
