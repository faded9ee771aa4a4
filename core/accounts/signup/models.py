"""Experts' details table, filled in at sign-up."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ...extensions import db


class ExpertDetails(db.Model):  # type: ignore[name-defined]
    """What an expert declares at sign-up: organisation, areas, countries."""

    __tablename__ = "core_expert_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("ab_user.id", ondelete="CASCADE"), unique=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    expertise: Mapped[str] = mapped_column(Text, default="")  # one area per line
    countries: Mapped[str] = mapped_column(String(400), default="")  # ISO-2, comma-separated
    available: Mapped[bool] = mapped_column(Boolean, default=True)
