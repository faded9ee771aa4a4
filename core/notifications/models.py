"""``core_notification``, its outbox ``core_notification_delivery`` and the members'
``core_notification_preference`` per type."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

PENDING, SENDING, SENT, FAILED, CANCELLED = "pending", "sending", "sent", "failed", "cancelled"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Notification(db.Model):  # type: ignore[name-defined]
    """One notification of one member: its type, the scalars its text needs, read or not."""

    __tablename__ = "core_notification"
    __table_args__ = (Index("ix_core_notification_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(64))
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    read_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    deliveries: Mapped[list[NotificationDelivery]] = relationship(
        back_populates="notification", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"{self.type} → {self.user_id}"


class NotificationDelivery(db.Model):  # type: ignore[name-defined]
    """An e-mail to send (``channel`` ``email`` or ``digest``): the outbox row."""

    __tablename__ = "core_notification_delivery"
    __table_args__ = (
        Index("ix_core_notification_delivery_due", "state", "channel", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        ForeignKey("core_notification.id", ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)

    notification: Mapped[Notification] = relationship(back_populates="deliveries")


class NotificationPreference(db.Model):  # type: ignore[name-defined]
    """How one member wants one type: ``platform``, ``email``, ``digest`` or ``off``."""

    __tablename__ = "core_notification_preference"
    __table_args__ = (UniqueConstraint("user_id", "type", name="uq_core_notification_preference"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
