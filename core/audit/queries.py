"""Counting audit events for indicators (``api.count_audit_events``): readers such
as the KPIs count security events through this, never by table name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time

from sqlalchemy import func, select

from ..extensions import db
from .models import AuditEvent


def _moment(value: date | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.combine(value, time())


def count_audit_events(
    since: date | datetime, until: date | datetime, events: Iterable[str]
) -> dict[str, int]:
    """How many audit events of each name in ``events`` happened in ``[since, until)``
    (a ``date`` means its midnight, UTC); names with none are left out."""
    names = sorted(set(events))
    if not names:
        return {}
    query = (
        select(AuditEvent.event, func.count())
        .where(
            AuditEvent.at >= _moment(since),
            AuditEvent.at < _moment(until),
            AuditEvent.event.in_(names),
        )
        .group_by(AuditEvent.event)
    )
    return {event: int(count) for event, count in db.session.execute(query)}
