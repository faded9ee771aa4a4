"""Invitation table: signed, single-use links to create an account.

Identity stays in Flask-AppBuilder's ``ab_user``; these tables only point at it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db

ACCOUNT_KINDS = ("company", "expert")


class Invitation(db.Model):  # type: ignore[name-defined]
    """An e-mailed, signed, expiring, single-use link to create one account."""

    __tablename__ = "core_invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="")  # "", "company" or "expert"
    language: Mapped[str] = mapped_column(String(5), default="fr")
    nonce: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )

    def __repr__(self) -> str:
        return self.email
