"""MFA table: recovery codes (stored as keyed hashes, never in clear).

The MFA state itself (method, encrypted TOTP secret, phone) is in
``core_user_security`` (:mod:`..shared.models`), which sessions and passwords
share."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class RecoveryCode(db.Model):  # type: ignore[name-defined]
    """A single-use MFA recovery code (keyed hash only)."""

    __tablename__ = "core_recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
