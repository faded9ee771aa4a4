"""Reading the activity log (``api.activity_rows``, ``api.count_activity``...): the
KPIs and reports read through these, never by table name.

Time bounds are half-open, ``[since, until)``; a ``date`` means midnight (UTC) of
that day, so ``since=day, until=day + 1 day`` is one whole day. Queries use the
indexes on ``at``, ``event`` and ``user_id``; member ids are sent in chunks so a
long list stays under the databases' parameter limits (SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy import Select, func, select

from ..extensions import db
from .models import Activity

CHUNK = 500
Query = TypeVar("Query", bound=Select)


@dataclass(frozen=True)
class ActivityRow:
    """One activity event as readers see it (``data``: its scalar values)."""

    user_id: int | None
    event: str
    at: datetime
    data: dict[str, Any]


def moment(value: date | datetime) -> datetime:
    """A naive UTC datetime: ``value`` itself, or midnight of a date."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time())


def _chunks(user_ids: Iterable[int] | None) -> Iterator[list[int] | None]:
    if user_ids is None:
        yield None
        return
    ids = sorted({int(u) for u in user_ids})
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _where(
    query: Query,
    since: date | datetime,
    until: date | datetime,
    events: Sequence[str] | None,
    user_ids: list[int] | None,
) -> Query:
    query = query.where(Activity.at >= moment(since), Activity.at < moment(until))
    if events is not None:
        query = query.where(Activity.event.in_(list(events)))
    if user_ids is not None:
        query = query.where(Activity.user_id.in_(user_ids))
    return query


def activity_rows(
    since: date | datetime,
    until: date | datetime,
    events: Iterable[str] | None = None,
    user_ids: Iterable[int] | None = None,
) -> list[ActivityRow]:
    """The events in ``[since, until)``, optionally only those named in ``events`` and
    done by ``user_ids``; ordered by member (events of nobody last), then time."""
    names = None if events is None else tuple(events)
    if names == ():
        return []
    found: list[ActivityRow] = []
    columns = select(Activity.user_id, Activity.event, Activity.at, Activity.data, Activity.id)
    for chunk in _chunks(user_ids):
        query = _where(columns, since, until, names, chunk)
        found += [
            ActivityRow(row.user_id, row.event, row.at, dict(row.data or {}))
            for row in db.session.execute(query.order_by(Activity.id))
        ]
    found.sort(key=lambda r: (r.user_id is None, r.user_id or 0, r.at))
    return found


def count_activity(
    since: date | datetime,
    until: date | datetime,
    events: Iterable[str] | None = None,
    user_ids: Iterable[int] | None = None,
) -> dict[str, int]:
    """How many events of each name in ``[since, until)`` (names with none left out)."""
    names = None if events is None else tuple(events)
    counts: dict[str, int] = {}
    if names == ():
        return counts
    for chunk in _chunks(user_ids):
        query = _where(select(Activity.event, func.count()), since, until, names, chunk)
        for event, count in db.session.execute(query.group_by(Activity.event)):
            counts[event] = counts.get(event, 0) + int(count)
    return counts


def count_members(
    since: date | datetime,
    until: date | datetime,
    events: Iterable[str] | None = None,
) -> int:
    """How many distinct members did something (one of ``events``) in ``[since, until)``."""
    names = None if events is None else tuple(events)
    if names == ():
        return 0
    query = _where(select(func.count(func.distinct(Activity.user_id))), since, until, names, None)
    return int(db.session.scalar(query) or 0)


def first_activity_at(events: Iterable[str] | None = None) -> datetime | None:
    """When the oldest kept event (of one of ``events``) happened; None when none."""
    query = select(func.min(Activity.at))
    if events is not None:
        query = query.where(Activity.event.in_(list(events)))
    return db.session.scalar(query)
