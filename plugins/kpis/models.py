"""The KPI tables: per-member daily activity and per-day metrics (the
incremental aggregates the dashboard reads), the days already aggregated,
cookie-less page-view counts, feedback and health samples."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tremplin.core.api import Model


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class MemberDay(Model):  # type: ignore[misc, valid-type]
    """One member active on one day: events, sessions and their length."""

    __tablename__ = "kpis_member_day"
    __table_args__ = (Index("ix_kpis_member_day_user", "user_id", "day"),)

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String(8), default="")
    sector: Mapped[str] = mapped_column(String(8), default="")
    registered: Mapped[bool] = mapped_column(Boolean, default=False)
    events: Mapped[int] = mapped_column(Integer, default=0)
    sessions: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[int] = mapped_column(Integer, default=0)


class DailyMetric(Model):  # type: ignore[misc, valid-type]
    """A metric's value (and base, for rates) for one day and one segment."""

    __tablename__ = "kpis_daily"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    metric: Mapped[str] = mapped_column(String(40), primary_key=True)
    country: Mapped[str] = mapped_column(String(8), primary_key=True, default="")
    sector: Mapped[str] = mapped_column(String(8), primary_key=True, default="")
    value: Mapped[float] = mapped_column(Float, default=0.0)
    base: Mapped[float] = mapped_column(Float, default=0.0)


class AggregatedDay(Model):  # type: ignore[misc, valid-type]
    __tablename__ = "kpis_aggregated_day"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    computed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PageView(Model):  # type: ignore[misc, valid-type]
    """Page views counted on the server, without cookies nor personal data."""

    __tablename__ = "kpis_page_view"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    path: Mapped[str] = mapped_column(String(200), primary_key=True)
    referrer: Mapped[str] = mapped_column(String(100), primary_key=True, default="")
    device: Mapped[str] = mapped_column(String(10), primary_key=True, default="desktop")
    views: Mapped[int] = mapped_column(Integer, default=0)
    load_ms: Mapped[int] = mapped_column(Integer, default=0)  # sum of measured load times
    loads: Mapped[int] = mapped_column(Integer, default=0)  # how many were measured


class Feedback(Model):  # type: ignore[misc, valid-type]
    __tablename__ = "kpis_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    page: Mapped[str] = mapped_column(String(200), default="")
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(5), default="fr")
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)

    def __repr__(self) -> str:
        return f"{self.rating}/5 {self.page}"


class HealthSample(Model):  # type: ignore[misc, valid-type]
    __tablename__ = "kpis_health_sample"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    ok: Mapped[bool] = mapped_column(Boolean)


MODELS = (MemberDay, DailyMetric, AggregatedDay, PageView, Feedback, HealthSample)
