"""``core_activity``: one row per recorded activity event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Activity(db.Model):  # type: ignore[name-defined]
    """Who (a member id, or nobody) did what (``event``) to which object, when."""

    __tablename__ = "core_activity"
    __table_args__ = (Index("ix_core_activity_subject", "subject_type", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    event: Mapped[str] = mapped_column(String(64), index=True)
    # A plain integer, no foreign key: activity outlives accounts (anonymised).
    user_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    subject_type: Mapped[str | None] = mapped_column(String(64), default=None)
    subject_id: Mapped[str | None] = mapped_column(String(64), default=None)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def __repr__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.event}"
