"""Reading core's activity log and audit log (read-only, by their table names:
core offers ``api.record`` to write them, and the KPIs are their reader)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import column, func, select, table

from tremplin.core.api import db

ACTIVITY = table("core_activity", column("at"), column("event"), column("user_id"), column("data"))
AUDIT = table("core_audit_event", column("at"), column("event"))


def bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time())
    return start, start + timedelta(days=1)


def day_rows(day: date) -> list[Any]:
    """The day's activity rows (user_id, event, at, data), by member then time."""
    start, end = bounds(day)
    query = (
        select(ACTIVITY.c.user_id, ACTIVITY.c.event, ACTIVITY.c.at, ACTIVITY.c.data)
        .where(ACTIVITY.c.at >= start, ACTIVITY.c.at < end)
        .order_by(ACTIVITY.c.user_id, ACTIVITY.c.at)
    )
    return list(db.session.execute(query))


def first_activity_day() -> date | None:
    first = db.session.scalar(select(func.min(ACTIVITY.c.at)))
    if first is None:
        return None
    return (
        first.date() if isinstance(first, datetime) else datetime.fromisoformat(str(first)).date()
    )


def security_incidents(day: date, events: tuple[str, ...]) -> int:
    """Audit events of the day whose name is one of ``events``."""
    if not events:
        return 0
    start, end = bounds(day)
    return int(
        db.session.scalar(
            select(func.count())
            .select_from(AUDIT)
            .where(AUDIT.c.at >= start, AUDIT.c.at < end, AUDIT.c.event.in_(events))
        )
        or 0
    )
