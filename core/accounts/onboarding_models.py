"""Tables of invite-only access: invitations, mission participants, e-mail
confirmations, privacy consents and experts' details.

Identity stays in Flask-AppBuilder's ``ab_user``; these tables only point at it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

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


class Participant(db.Model):  # type: ignore[name-defined]
    """A participant of an OIF mission, imported from a CSV export; signing up with
    this e-mail address is allowed and links the account to this row."""

    __tablename__ = "core_participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lower-case
    first_name: Mapped[str] = mapped_column(String(64))
    last_name: Mapped[str] = mapped_column(String(64))
    company: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(2))
    mission: Mapped[str] = mapped_column(String(200), default="")
    imported_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("ab_user.id", ondelete="SET NULL"), default=None
    )
    matched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)

    def __repr__(self) -> str:
        return self.email


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


class Consent(db.Model):  # type: ignore[name-defined]
    """One acceptance of a version of the privacy policy (kept as evidence)."""

    __tablename__ = "core_consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), index=True)
    document: Mapped[str] = mapped_column(String(40), default="privacy")
    version: Mapped[str] = mapped_column(String(40))
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    via: Mapped[str] = mapped_column(String(20), default="signup")  # "signup", "renewal"


class ExpertDetails(db.Model):  # type: ignore[name-defined]
    """What an expert declares at sign-up: organisation, areas, countries."""

    __tablename__ = "core_expert_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[str] = mapped_column(Text, default="")  # one area per line
    countries: Mapped[str] = mapped_column(String(400), default="")  # ISO-2, comma-separated
    available: Mapped[bool] = mapped_column(Boolean, default=True)
