"""E-mail confirmation table: the pending link of a self-registered account."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class EmailConfirmation(db.Model):  # type: ignore[name-defined]
    """Whether a self-registered account has proved its e-mail address. ``nonce``
    changes with every link sent, so only the latest link works, and once."""

    __tablename__ = "core_email_confirmation"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    nonce: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
