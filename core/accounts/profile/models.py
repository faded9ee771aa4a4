"""Core tables about members: their company and their profile.

Identity (login, password hash, roles) stays in Flask-AppBuilder's ``ab_user``;
``core_profile`` adds what the platform needs, one row per user.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, SmallInteger, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db

EXPORT_STAGES = ("first_time", "growing", "experienced")
# Staff head count: micro 1-9, small 10-49, medium 50-249, large 250 or more.
SIZE_BANDS = ("micro", "small", "medium", "large")
# Yearly turnover in euros (or the equivalent): < 100 k, 100 k-1 M, 1-10 M, 10-50 M, > 50 M.
REVENUE_BANDS = ("lt_100k", "100k_1m", "1m_10m", "10m_50m", "gt_50m")


class Company(db.Model):  # type: ignore[name-defined]
    """A company represented on the platform."""

    __tablename__ = "core_company"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    # ISO 3166-1 alpha-2, or a government of the OIF such as "CA-QC" (core.reference)
    country: Mapped[str] = mapped_column(String(8), index=True)
    city: Mapped[str] = mapped_column(String(120), default="")
    sector: Mapped[str] = mapped_column(String(120), default="", index=True)  # ISIC "C10"
    legal_form: Mapped[str] = mapped_column(String(80), default="")  # SARL, SA, SAS...
    registration_number: Mapped[str] = mapped_column(String(64), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    year_founded: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    size_band: Mapped[str] = mapped_column(String(20), default="")  # SIZE_BANDS or ""
    revenue_band: Mapped[str] = mapped_column(String(20), default="")  # REVENUE_BANDS or ""
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
