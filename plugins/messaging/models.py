"""The messaging tables. Bodies are AES-GCM tokens (``crypto``), never clear text."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from tremplin.core.api import Model


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Conversation(Model):  # type: ignore[misc, valid-type]
    """One-to-one or small group. ``hidden`` by moderation: kept, not shown."""

    __tablename__ = "messaging_conversation"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    last_message_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)


class Participant(Model):  # type: ignore[misc, valid-type]
    """A member in a conversation: what they read, archived, and were alerted of.
    ``user_id`` is ``None`` once the member's account is erased (their side stays,
    anonymised)."""

    __tablename__ = "messaging_participant"
    __table_args__ = (UniqueConstraint("conversation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_conversation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    last_read_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    # An e-mail alert went out for the unread messages: no other until they are read.
    alerted: Mapped[bool] = mapped_column(Boolean, default=False)


class Message(Model):  # type: ignore[misc, valid-type]
    """``body`` is a sealed token (``crypto``); ``key_id`` names the key that sealed it (the
    rotation's progress marker: any configured key decrypts)."""

    __tablename__ = "messaging_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_conversation.id", ondelete="CASCADE"), index=True
    )
    sender_id: Mapped[int | None] = mapped_column(Integer, index=True)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(16), index=True)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class Attachment(Model):  # type: ignore[misc, valid-type]
    """A file of a message, kept sealed in core storage under ``file_key``."""

    __tablename__ = "messaging_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messaging_message.id", ondelete="CASCADE"), index=True
    )
    file_key: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))
    key_id: Mapped[str] = mapped_column(String(16), index=True)


class Block(Model):  # type: ignore[misc, valid-type]
    """``blocker_id`` no longer receives anything from ``blocked_id``."""

    __tablename__ = "messaging_block"
    __table_args__ = (UniqueConstraint("blocker_id", "blocked_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    blocker_id: Mapped[int] = mapped_column(Integer, index=True)
    blocked_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Preference(Model):  # type: ignore[misc, valid-type]
    """A member's messaging choices: the text of messages in e-mail alerts (opt-in)."""

    __tablename__ = "messaging_preference"

    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_in_email: Mapped[bool] = mapped_column(Boolean, default=False)


MODELS = (Conversation, Participant, Message, Attachment, Block, Preference)
