"""Core tables about members: their company and their profile.

Identity (login, password hash, roles) stays in Flask-AppBuilder's ``ab_user``;
``core_profile`` adds what the platform needs, one row per user.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db

EXPORT_STAGES = ("first_time", "growing", "experienced")


class Company(db.Model):  # type: ignore[name-defined]
    """A company represented on the platform."""

    __tablename__ = "core_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str] = mapped_column(String(2), index=True)  # ISO 3166-1 alpha-2
    city: Mapped[str] = mapped_column(String(120), default="")
    sector: Mapped[str] = mapped_column(String(120), default="", index=True)
    export_stage: Mapped[str] = mapped_column(String(20), default="first_time")
    export_share: Mapped[int | None] = mapped_column(default=None)  # % of turnover
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    members: Mapped[list[Profile]] = relationship(back_populates="company")

    def __repr__(self) -> str:
        return self.name


class Profile(db.Model):  # type: ignore[name-defined]
    """What the platform knows about a user beyond their login."""

    __tablename__ = "core_profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("core_company.id", ondelete="SET NULL"), default=None
    )
    job_title: Mapped[str] = mapped_column(String(120), default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    company: Mapped[Company | None] = relationship(back_populates="members")
