"""Account tables several capabilities use: the security state and the one-time codes.

``core_user_security`` holds the MFA state (TOTP secret, SMS number) and the
``security_stamp``; ``core_reset_code`` the short codes of :mod:`.codes`. Secrets
never appear in clear: the TOTP secret is encrypted (Fernet, see :mod:`.crypto`),
codes are stored as keyed hashes. ``security_stamp`` changes whenever every other
session of the account must end (password reset or change); sessions remember the
stamp they were opened with."""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db

MFA_METHODS = ("totp", "sms")


def new_stamp() -> str:
    return secrets.token_hex(16)


class UserSecurity(db.Model):  # type: ignore[name-defined]
    """One row per user who has signed in or set up MFA since this table exists."""

    __tablename__ = "core_user_security"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("ab_user.id", ondelete="CASCADE"), primary_key=True
    )
    mfa_method: Mapped[str] = mapped_column(String(10), default="")  # "", "totp", "sms"
    totp_secret_enc: Mapped[str | None] = mapped_column(Text, default=None)
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, default=None)
    phone: Mapped[str] = mapped_column(String(20), default="")  # E.164, only for SMS
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    security_stamp: Mapped[str] = mapped_column(String(32), default=new_stamp)
    password_changed_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), default=None
    )

    @property
    def mfa_enabled(self) -> bool:
        return self.mfa_method in MFA_METHODS


class ResetCode(db.Model):  # type: ignore[name-defined]
    """A short one-time code sent by e-mail (password reset) or SMS (sign-in, setup).

    ``purpose`` tells which; a code dies after ``MAX_ATTEMPTS`` wrong guesses or
    when it expires.
    """

    __tablename__ = "core_reset_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(20), default="reset")
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
