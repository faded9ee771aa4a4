"""Sending (``api.notify``), reading and choosing notifications; no request objects."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import delete, func, select, update

from ..caches import kept_for
from ..contributions import NOTIFICATION_CHANNELS
from ..events import after_commit
from ..extensions import db
from .models import (
    Notification,
    NotificationDelivery,
    NotificationPreference,
    utcnow,
)
from .types import NotificationError, notification_type, notification_types

log = logging.getLogger(__name__)
EMAIL_CHANNELS = ("email", "digest")
MAX_TEXT = 500


def _user_id(user: Any) -> int:
    return int(user if isinstance(user, int) else user.id)


def check_context(context: dict[str, Any]) -> dict[str, Any]:
    """``context`` when its values are short scalars (they are stored as JSON)."""
    for key, value in context.items():
        if value is not None and not isinstance(value, (bool, int, float, str)):
            raise NotificationError(f"notification context {key!r}: scalars only, not {value!r}")
        if isinstance(value, str) and len(value) > MAX_TEXT:
            raise NotificationError(f"notification context {key!r}: longer than {MAX_TEXT}")
    return dict(context)


def channel_for(user_id: int, type_name: str) -> str:
    """The member's choice for the type, else the type's default channel."""
    chosen = db.session.scalar(
        select(NotificationPreference.channel).where(
            NotificationPreference.user_id == user_id, NotificationPreference.type == type_name
        )
    )
    return chosen or notification_type(type_name).default_channel


def notify(user: Any, type_name: str, **context: Any) -> Notification | None:
    """Add a notification for ``user`` (a user or an id) to the current transaction.

    Nothing is committed here: the notification, and its e-mail when the member wants
    one, are stored with the caller's change and vanish if it is rolled back. After
    the commit, a background task sends the e-mail; the periodic sweep sends it
    later if that task never ran. Returns ``None`` when the member turned the type off.
    """
    kind = notification_type(type_name)
    values = check_context(context)
    user_id = _user_id(user)
    channel = channel_for(user_id, kind.name)
    if channel == "off":
        return None
    notification = Notification(user_id=user_id, type=kind.name, context=values)
    db.session.add(notification)
    if channel in EMAIL_CHANNELS:
        delivery = NotificationDelivery(notification=notification, channel=channel)
        db.session.add(delivery)
        if channel == "email":
            db.session.flush()
            after_commit(_enqueue(delivery.id))
    return notification


def _enqueue(delivery_id: int) -> Any:
    def enqueue() -> None:
        from .delivery import deliver_notification

        try:
            deliver_notification(delivery_id)
        except Exception:  # the queue is down: the sweep will send it
            log.warning(
                "notification task not queued; the sweep will send it",
                extra={"event": "notifications.enqueue_failed", "delivery_id": delivery_id},
            )

    return enqueue


# The header's count on every page: kept a few seconds per worker (forgotten when
# this worker commits a change), so a notification written by another worker or the
# task queue shows within HEADER_SECONDS.
HEADER_SECONDS = 15.0


def header_count(user_id: int) -> int:
    return _header_count(user_id)


def unread_count(user_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def latest(user_id: int, limit: int = 50) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def mark_read(user_id: int, notification_id: int | None = None) -> int:
    """Mark one notification of the member read (or all of them); the count changed."""
    query = update(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    result = db.session.execute(query.values(read_at=utcnow()))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def preferences(user_id: int) -> dict[str, str]:
    """Every type's channel for the member (chosen or default), by type name."""
    chosen = dict(
        db.session.execute(
            select(NotificationPreference.type, NotificationPreference.channel).where(
                NotificationPreference.user_id == user_id
            )
        ).all()
    )
    return {
        name: chosen.get(name, kind.default_channel) for name, kind in notification_types().items()
    }


def set_preference(user_id: int, type_name: str, channel: str) -> None:
    """Store the member's choice for one type (not committed)."""
    notification_type(type_name)
    if channel not in NOTIFICATION_CHANNELS:
        raise NotificationError(f"unknown notification channel {channel!r}")
    row = db.session.scalar(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user_id, NotificationPreference.type == type_name
        )
    )
    if row is None:
        db.session.add(NotificationPreference(user_id=user_id, type=type_name, channel=channel))
    else:
        row.channel = channel


def unsubscribe(user_id: int, type_name: str) -> None:
    """No more e-mails of this type: the notifications stay in the centre."""
    if channel_for(user_id, type_name) in EMAIL_CHANNELS:
        set_preference(user_id, type_name, "platform")
    db.session.commit()


def personal_records(user_id: int) -> tuple[dict[str, Any], ...]:
    rows = [
        {
            "type": n.type,
            "context": n.context,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
        }
        for n in latest(user_id, limit=10_000)
    ]
    rows += [
        {"preference": p.type, "channel": p.channel}
        for p in db.session.scalars(
            select(NotificationPreference).where(NotificationPreference.user_id == user_id)
        )
    ]
    return tuple(rows)


def erase(user_id: int) -> None:
    """Forget the member's notifications, their e-mails and preferences (not committed)."""
    ids = select(Notification.id).where(Notification.user_id == user_id)
    db.session.execute(
        delete(NotificationDelivery).where(NotificationDelivery.notification_id.in_(ids))
    )
    db.session.execute(delete(Notification).where(Notification.user_id == user_id))
    db.session.execute(
        delete(NotificationPreference).where(NotificationPreference.user_id == user_id)
    )


_header_count = kept_for(HEADER_SECONDS)(unread_count)
