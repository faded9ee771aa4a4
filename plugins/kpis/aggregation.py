"""Incremental daily aggregation of the activity log into ``kpis_member_day``
and ``kpis_daily``; each day is computed once (again only when asked), so the
dashboard reads a few hundred rows whatever the history's length.

Definitions (docs/enquetes-et-indicateurs.md): a *session* is a run of a member's activity with
gaps under 30 minutes; *MAU* on day D counts members active between D-29 and D;
*retention at N days* of the cohort registered on day C is the share of it
active again between C+N and C+N+29 (computed once that window is over).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select

from tremplin.core.api import (
    ActivityRow,
    activity_rows,
    count_audit_events,
    db,
    first_activity_at,
    members,
    setting,
)

from .models import AggregatedDay, DailyMetric, Feedback, HealthSample, MemberDay, PageView, utcnow

SESSION_GAP = timedelta(minutes=30)
RETENTION_DAYS = (30, 60, 90)
RETENTION_WINDOW = 30
SIGNED_UP = "account.signed_up"
# metric: activity events counted. Connections: accepted meetings (events plugin) and
# conversations replied to (messaging records it once, at the first reply by someone
# other than the starter).
EVENT_METRICS = {
    "connections": ("events.meeting_accepted", "messaging.conversation_replied"),
    "assessments": ("assessment.completed",),
    "event_registrations": ("events.registered",),
    "event_attendance": ("events.attended",),
    "resources_viewed": ("resources.consulted", "resources.viewed"),
    "resources_downloaded": ("resources.downloaded",),
}
METRIC_OF = {event: metric for metric, events in EVENT_METRICS.items() for event in events}
Dims = tuple[str, str]
Totals = dict[tuple[str, Dims], list[float]]


def _dims(user_ids: Iterable[int], cache: dict[int, Dims]) -> None:
    missing = [u for u in user_ids if u not in cache]
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        for member in members(user_ids=chunk, active_only=False, limit=len(chunk)):
            company = member.company
            cache[member.id] = (
                (company.country or "", company.sector or "") if company else ("", "")
            )
        for user_id in chunk:
            cache.setdefault(user_id, ("", ""))


def _next_day(day: date) -> date:
    return day + timedelta(days=1)


def _add(totals: Totals, metric: str, dims: Dims, value: float, base: float = 0.0) -> None:
    cell = totals.setdefault((metric, dims), [0.0, 0.0])
    cell[0] += value
    cell[1] += base


def _survey_metrics(totals: Totals, dims: Dims, data: dict[str, Any]) -> None:
    if isinstance(data.get("nps"), int | float):
        score = float(data["nps"])
        _add(totals, "nps_promoters", dims, 1.0 if score >= 9 else 0.0, 1.0)
        _add(totals, "nps_detractors", dims, 1.0 if score <= 6 else 0.0, 1.0)
    if isinstance(data.get("csat"), int | float):
        _add(totals, "csat", dims, 1.0 if data["csat"] >= 4 else 0.0, 1.0)
    for key in ("impact_markets", "impact_partnerships", "impact_revenue"):
        if isinstance(data.get(key), int | float):
            _add(totals, key, dims, float(data[key]), 1.0)


def _member_days(
    day: date, rows: list[ActivityRow], cache: dict[int, Dims], totals: Totals
) -> list[MemberDay]:
    by_user: dict[int, list[ActivityRow]] = defaultdict(list)
    for row in rows:
        dims = cache.get(row.user_id, ("", "")) if row.user_id is not None else ("", "")
        metric = METRIC_OF.get(row.event)
        if metric:
            _add(totals, metric, dims, 1.0)
        if row.event == "surveys.answered":
            _survey_metrics(totals, dims, row.data)
        if row.event == "kpis.feedback":
            _add(totals, "feedback", dims, 1.0)
        if row.user_id is not None:
            by_user[row.user_id].append(row)
    days = []
    for user_id, items in by_user.items():
        times = [r.at for r in items]
        sessions, seconds, start, last = 1, 0, times[0], times[0]
        for moment in times[1:]:
            if moment - last > SESSION_GAP:
                seconds += int((last - start).total_seconds())
                sessions, start = sessions + 1, moment
            last = moment
        seconds += int((last - start).total_seconds())
        country, sector = cache[user_id]
        registered = any(r.event == SIGNED_UP for r in items)
        days.append(
            MemberDay(
                day=day,
                user_id=user_id,
                country=country,
                sector=sector,
                registered=registered,
                events=len(items),
                sessions=sessions,
                seconds=seconds,
            )
        )
        _add(totals, "active", (country, sector), 1.0)
        _add(totals, "sessions", (country, sector), float(sessions))
        _add(totals, "session_seconds", (country, sector), float(seconds))
        if registered:
            _add(totals, "registrations", (country, sector), 1.0)
    return days


def _platform_metrics(day: date, totals: Totals) -> None:
    """Page loads, availability, feedback ratings and security incidents of the day."""
    start = datetime.combine(day, datetime.min.time())
    end = start + timedelta(days=1)
    views, load_ms, loads = db.session.execute(
        select(
            func.coalesce(func.sum(PageView.views), 0),
            func.coalesce(func.sum(PageView.load_ms), 0),
            func.coalesce(func.sum(PageView.loads), 0),
        ).where(PageView.day == day)
    ).one()
    _add(totals, "page_views", ("", ""), float(views))
    _add(totals, "page_load_ms", ("", ""), float(load_ms), float(loads))
    ok, samples = db.session.execute(
        select(func.count().filter(HealthSample.ok.is_(True)), func.count()).where(
            HealthSample.at >= start, HealthSample.at < end
        )
    ).one()
    _add(totals, "availability", ("", ""), float(ok), float(samples))
    rating, count = db.session.execute(
        select(func.coalesce(func.sum(Feedback.rating), 0), func.count()).where(
            Feedback.created_at >= start, Feedback.created_at < end
        )
    ).one()
    _add(totals, "feedback_rating", ("", ""), float(rating), float(count))
    incidents = count_audit_events(day, _next_day(day), setting("kpis", "incident_events"))
    _add(totals, "security_incidents", ("", ""), float(sum(incidents.values())))


def _mau(day: date, totals: Totals) -> None:
    rows = db.session.execute(
        select(MemberDay.country, MemberDay.sector, func.count(func.distinct(MemberDay.user_id)))
        .where(MemberDay.day > day - timedelta(days=30), MemberDay.day <= day)
        .group_by(MemberDay.country, MemberDay.sector)
    )
    for country, sector, count in rows:
        _add(totals, "mau", (country, sector), float(count))


def _retention(day: date) -> None:
    """Close the cohorts whose retention window ended on ``day``."""
    for offset in RETENTION_DAYS:
        cohort_day = day - timedelta(days=offset + RETENTION_WINDOW - 1)
        metric = f"retention_{offset}"
        db.session.execute(
            delete(DailyMetric).where(DailyMetric.day == cohort_day, DailyMetric.metric == metric)
        )
        cohort = list(
            db.session.execute(
                select(MemberDay.user_id, MemberDay.country, MemberDay.sector).where(
                    MemberDay.day == cohort_day, MemberDay.registered.is_(True)
                )
            )
        )
        if not cohort:
            continue
        window_start = cohort_day + timedelta(days=offset)
        back = set(
            db.session.scalars(
                select(MemberDay.user_id).where(
                    MemberDay.day >= window_start,
                    MemberDay.day <= day,
                    MemberDay.user_id.in_([c.user_id for c in cohort]),
                )
            )
        )
        totals: Totals = {}
        for user_id, country, sector in cohort:
            _add(totals, metric, (country, sector), 1.0 if user_id in back else 0.0, 1.0)
        _store(cohort_day, totals)


def _store(day: date, totals: Totals) -> None:
    db.session.add_all(
        DailyMetric(day=day, metric=metric, country=dims[0], sector=dims[1], value=v, base=b)
        for (metric, dims), (v, b) in totals.items()
    )


def aggregate_day(day: date, cache: dict[int, Dims] | None = None) -> None:
    """(Re)compute one day; the caller commits."""
    cache = {} if cache is None else cache
    rows = activity_rows(day, _next_day(day))
    _dims({r.user_id for r in rows if r.user_id is not None}, cache)
    db.session.execute(delete(MemberDay).where(MemberDay.day == day))
    db.session.execute(
        delete(DailyMetric).where(
            DailyMetric.day == day, DailyMetric.metric.not_like("retention_%")
        )
    )
    db.session.execute(delete(AggregatedDay).where(AggregatedDay.day == day))
    totals: Totals = {}
    db.session.add_all(_member_days(day, rows, cache, totals))
    db.session.flush()
    _platform_metrics(day, totals)
    _mau(day, totals)
    _store(day, totals)
    _retention(day)
    db.session.add(AggregatedDay(day=day))


def _first_day() -> date | None:
    first = first_activity_at()
    return first.date() if first else None


def catch_up(until: date | None = None, since: date | None = None) -> int:
    """Aggregate every day not yet done up to ``until`` (yesterday by default);
    the number of days computed. Commits after each day."""
    last_day = until or (utcnow().date() - timedelta(days=1))
    done = db.session.scalar(select(func.max(AggregatedDay.day)))
    start = since or (done + timedelta(days=1) if done else _first_day())
    if start is None:
        return 0
    cache: dict[int, Dims] = {}
    count = 0
    day = start
    while day <= last_day:
        aggregate_day(day, cache)
        db.session.commit()
        day += timedelta(days=1)
        count += 1
    return count
