"""Members' GDPR rights (spec 6.3.7): export of their data, deletion of their account.

* Export: a background task builds a ZIP of everything the platform holds about
  the member (:mod:`.gdpr_data`), stores it under ``<instance>/exports/`` with a
  random name and e-mails a link; only that member, signed in, can download it,
  until it expires (``[retention] exports_days``, else ``[gdpr] export_days``).
* Deletion: a request starts a grace period (``[gdpr] deletion_grace_days``);
  signing in during it cancels the request; afterwards a daily task erases the
  account (:mod:`.gdpr_erasure`). Administrators can erase at once (CLI, back office).
"""

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
