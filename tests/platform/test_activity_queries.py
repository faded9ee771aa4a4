"""Reading the activity log and counting audit events through the public API
(``activity_rows``, ``count_activity``, ``count_members``, ``first_activity_at``,
``count_audit_events``): half-open time bounds, event names, member ids (more
than one chunk), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tremplin.core.activity import queries
from tremplin.core.api import (
    activity_rows,
    count_activity,
    count_audit_events,
    count_members,
    db,
    first_activity_at,
    record,
)
from tremplin.core.audit.models import AuditEvent

DAY = date(2031, 3, 10)
START = datetime.combine(DAY, time())


def _seed(user_id: int | None, event: str, at: datetime, **data: object) -> None:
    row = record(event, user_id=user_id, **data)
    row.at = at
    db.session.flush()


def _sample() -> None:
    _seed(2, "demo.viewed", START + timedelta(hours=9), score=3)
    _seed(1, "demo.viewed", START + timedelta(hours=10))
    _seed(1, "demo.liked", START + timedelta(hours=8))
    _seed(None, "demo.viewed", START + timedelta(hours=7))
    _seed(1, "demo.viewed", START - timedelta(seconds=1))  # the day before
    _seed(3, "demo.viewed", START + timedelta(days=1))  # the next day: excluded
    db.session.commit()


def test_rows_of_a_day_by_member_then_time(app):
    _sample()
    rows = activity_rows(DAY, DAY + timedelta(days=1))
    assert [(r.user_id, r.event, r.at.hour) for r in rows] == [
        (1, "demo.liked", 8),
        (1, "demo.viewed", 10),
        (2, "demo.viewed", 9),
        (None, "demo.viewed", 7),
    ]
    assert rows[2].data == {"score": 3} and isinstance(rows[2].at, datetime)
    only = activity_rows(START, START + timedelta(days=1), events=["demo.liked"], user_ids=[1, 2])
    assert [(r.user_id, r.event) for r in only] == [(1, "demo.liked")]
    assert activity_rows(DAY, DAY + timedelta(days=1), events=[]) == []
    assert activity_rows(DAY, DAY + timedelta(days=1), user_ids=[]) == []


def test_counts_by_event_members_and_first_event(app):
    assert first_activity_at() is None and count_activity(DAY, DAY + timedelta(days=1)) == {}
    _sample()
    day = (DAY, DAY + timedelta(days=1))
    assert count_activity(*day) == {"demo.viewed": 3, "demo.liked": 1}
    assert count_activity(*day, events=["demo.viewed"], user_ids=[2, 3]) == {"demo.viewed": 1}
    assert count_activity(DAY - timedelta(days=1), DAY + timedelta(days=2)) == {
        "demo.viewed": 5,
        "demo.liked": 1,
    }
    assert count_members(*day) == 2  # members 1 and 2; events of nobody are not a member
    assert count_members(*day, events=["demo.liked"]) == 1
    assert first_activity_at() == START - timedelta(seconds=1)
    assert first_activity_at(["demo.liked"]) == START + timedelta(hours=8)


def test_member_ids_beyond_one_chunk(app, monkeypatch):
    monkeypatch.setattr(queries, "CHUNK", 2)
    for user_id in range(1, 8):
        _seed(user_id, "demo.viewed", START + timedelta(minutes=user_id))
    db.session.commit()
    day = (DAY, DAY + timedelta(days=1))
    assert [r.user_id for r in activity_rows(*day, user_ids=[7, 1, 3, 5, 5])] == [1, 3, 5, 7]
    assert count_activity(*day, user_ids=range(2, 9)) == {"demo.viewed": 6}


def test_audit_events_counted_by_name_in_the_range(app):
    for event, at in (
        ("sign_in_failed", START + timedelta(hours=1)),
        ("sign_in_failed", START + timedelta(hours=2)),
        ("account_locked", START + timedelta(hours=3)),
        ("sign_in_failed", START + timedelta(days=1)),
        ("signed_in", START + timedelta(hours=4)),
    ):
        db.session.add(AuditEvent(event=event, at=at, details={}))
    db.session.commit()
    day = (DAY, DAY + timedelta(days=1))
    wanted = ("sign_in_failed", "account_locked", "mfa_disabled")
    assert count_audit_events(*day, wanted) == {"sign_in_failed": 2, "account_locked": 1}
    assert count_audit_events(*day, []) == {}
