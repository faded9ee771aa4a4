"""GDPR tables: data exports and account deletion requests (see :mod:`.services`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db
from ..sessions.store import utcnow


class DataExport(db.Model):  # type: ignore[name-defined]
    """One requested export of a member's data."""

    __tablename__ = "core_data_export"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # also the file name
    status: Mapped[str] = mapped_column(String(10), default="pending")  # ready, failed
    language: Mapped[str] = mapped_column(String(5), default="fr")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    ready_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)


class DeletionRequest(db.Model):  # type: ignore[name-defined]
    """A member's request to delete their account, and what became of it."""

    __tablename__ = "core_deletion_request"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # cancelled, erased
    closed_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
