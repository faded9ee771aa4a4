"""Consent table: each acceptance of a version of the privacy policy."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class Consent(db.Model):  # type: ignore[name-defined]
    """One acceptance of a version of the privacy policy (kept as evidence)."""

    __tablename__ = "core_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(String(40), default="privacy")
    version: Mapped[str] = mapped_column(String(40))
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    via: Mapped[str] = mapped_column(String(20), default="signup")  # "signup", "renewal"
