"""The dashboard's figures over a date range and a segment, read from the daily
aggregates only (a few hundred rows for a year)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from tremplin.core.api import db

from .models import DailyMetric


@dataclass(frozen=True)
class Range:
    start: date
    end: date
    country: str = ""
    sector: str = ""

    def previous(self) -> Range:
        length = self.end - self.start + timedelta(days=1)
        return Range(self.start - length, self.start - timedelta(days=1), self.country, self.sector)


@dataclass
class Figures:
    values: dict[str, float | None]
    mau_series: list[tuple[date, float]] = field(default_factory=list)


def _where(query: Any, span: Range) -> Any:
    query = query.where(DailyMetric.day >= span.start, DailyMetric.day <= span.end)
    if span.country:
        query = query.where(DailyMetric.country == span.country)
    if span.sector:
        query = query.where(DailyMetric.sector == span.sector)
    return query


def _sums(span: Range) -> dict[str, tuple[float, float]]:
    query = select(DailyMetric.metric, func.sum(DailyMetric.value), func.sum(DailyMetric.base))
    rows = db.session.execute(_where(query, span).group_by(DailyMetric.metric))
    return {metric: (float(v or 0), float(b or 0)) for metric, v, b in rows}


def mau_series(span: Range) -> list[tuple[date, float]]:
    query = select(DailyMetric.day, func.sum(DailyMetric.value)).where(DailyMetric.metric == "mau")
    rows = db.session.execute(
        _where(query, span).group_by(DailyMetric.day).order_by(DailyMetric.day)
    )
    return [(day, float(value or 0)) for day, value in rows]


def _rate(sums: dict[str, tuple[float, float]], metric: str, scale: float = 100.0) -> float | None:
    value, base = sums.get(metric, (0.0, 0.0))
    return round(scale * value / base, 1) if base else None


def _support(span: Range) -> float | None:
    relay = getattr(current_app.extensions["tremplin"].pm.hook, "kpis_support_resolution", None)
    answers = [a for a in (relay(start=span.start, end=span.end) if relay else []) if a]
    tickets = sum(int(a.get("tickets", 0)) for a in answers)
    first = sum(int(a.get("first_contact", 0)) for a in answers)
    return round(100 * first / tickets, 1) if tickets else None


def figures(span: Range) -> Figures:
    sums = _sums(span)
    series = mau_series(span)
    count = {name: sums.get(name, (0.0, 0.0))[0] for name in sums}
    previous = _sums(span.previous()).get("registrations", (0.0, 0.0))[0]
    registrations = count.get("registrations", 0.0)
    active = count.get("active", 0.0)
    sessions = count.get("sessions", 0.0)
    mau = series[-1][1] if series else 0.0
    promoters, detractors = _rate(sums, "nps_promoters"), _rate(sums, "nps_detractors")
    values: dict[str, float | None] = {
        "mau": mau,
        "registrations": registrations,
        "registration_growth": round(100 * (registrations - previous) / previous, 1)
        if previous
        else None,
        "retention_30": _rate(sums, "retention_30"),
        "retention_60": _rate(sums, "retention_60"),
        "retention_90": _rate(sums, "retention_90"),
        "sessions_per_active_day": round(sessions / active, 2) if active else None,
        "session_minutes": round(count.get("session_seconds", 0.0) / sessions / 60, 1)
        if sessions
        else None,
        "connections": count.get("connections", 0.0),
        "assessment_rate": round(100 * count.get("assessments", 0.0) / mau, 1) if mau else None,
        "event_participation": _ratio(count, "event_attendance", "event_registrations"),
        "resources_viewed": count.get("resources_viewed", 0.0),
        "resources_downloaded": count.get("resources_downloaded", 0.0),
        "impact_markets": count.get("impact_markets", 0.0),
        "impact_partnerships": count.get("impact_partnerships", 0.0),
        "impact_revenue": _rate(sums, "impact_revenue", 1.0),
        "nps": round(promoters - detractors, 1)
        if promoters is not None and detractors is not None
        else None,
        "csat": _rate(sums, "csat"),
        "first_contact_resolution": _support(span),
        "page_load_ms": _rate(sums, "page_load_ms", 1.0),
        "page_views": count.get("page_views", 0.0),
        "availability": _rate(sums, "availability"),
        "security_incidents": count.get("security_incidents", 0.0),
        "feedback": count.get("feedback", 0.0),
        "feedback_rating": _rate(sums, "feedback_rating", 1.0),
    }
    return Figures(values, series)


def _ratio(count: dict[str, float], part: str, whole: str) -> float | None:
    return round(100 * count.get(part, 0.0) / count[whole], 1) if count.get(whole) else None


def segments() -> dict[str, list[str]]:
    rows = db.session.execute(select(DailyMetric.country, DailyMetric.sector).distinct()).all()
    return {
        "country": sorted({r[0] for r in rows if r[0]}),
        "sector": sorted({r[1] for r in rows if r[1]}),
    }
