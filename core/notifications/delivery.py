"""Sending the outbox: claim a delivery, send it, mark it; the sweep and the digest.

A delivery is claimed with a conditional ``UPDATE ... WHERE state = 'pending'``,
committed before the message leaves: of two workers, only the one whose update
changed a row sends. A failure puts the row back to ``pending`` with a growing
delay; a worker that died while sending leaves a ``sending`` row that the sweep
gives back after ``[notifications] claim_timeout_seconds``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select, update

from ..extensions import db
from ..mail import deliver_mail
from ..tasks import task
from .emails import render_email
from .models import (
    CANCELLED,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    Notification,
    NotificationDelivery,
    utcnow,
)

log = logging.getLogger(__name__)
BATCH = 200


def _setting(key: str) -> Any:
    return current_app.extensions["tremplin"].config.get("notifications", key)


def claim(delivery_ids: Sequence[int]) -> list[int]:
    """The deliveries this worker won (``pending`` → ``sending``), committed at once."""
    won = []
    for delivery_id in delivery_ids:
        result = db.session.execute(
            update(NotificationDelivery)
            .where(NotificationDelivery.id == delivery_id, NotificationDelivery.state == PENDING)
            .values(state=SENDING, claimed_at=utcnow(), attempts=NotificationDelivery.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) == 1:
            won.append(delivery_id)
    db.session.commit()
    return won


def _finish(delivery_ids: Sequence[int], error: Exception | None) -> None:
    now = utcnow()
    for delivery in db.session.scalars(
        select(NotificationDelivery).where(NotificationDelivery.id.in_(delivery_ids))
    ):
        if error is None:
            delivery.state, delivery.sent_at = SENT, now
            continue
        delivery.last_error = f"{type(error).__name__}: {error}"[:200]
        if delivery.attempts >= _setting("max_attempts"):
            delivery.state = FAILED
        else:
            delay = _setting("retry_seconds") * 2 ** max(delivery.attempts - 1, 0)
            delivery.state, delivery.next_attempt_at = PENDING, now + timedelta(seconds=delay)
    db.session.commit()


def _send(delivery_ids: Sequence[int], digest: bool) -> bool:
    """Send the claimed deliveries of one member as one e-mail; whether it left."""
    from .services import EMAIL_CHANNELS, channel_for

    rows = list(
        db.session.execute(
            select(NotificationDelivery, Notification)
            .join(Notification, NotificationDelivery.notification_id == Notification.id)
            .where(NotificationDelivery.id.in_(delivery_ids))
            .order_by(Notification.created_at, Notification.id)
        ).tuples()
    )
    wanted = []
    for delivery, notification in rows:
        if channel_for(notification.user_id, notification.type) in EMAIL_CHANNELS:
            wanted.append(notification)
        else:
            delivery.state = CANCELLED  # the member unsubscribed meanwhile
    ids = [delivery.id for delivery, _ in rows if delivery.state == SENDING]
    db.session.commit()
    if not wanted:
        return False
    try:
        user = current_app.appbuilder.sm.get_user_by_id(wanted[0].user_id)  # type: ignore[attr-defined]
        email = render_email(user, wanted, digest)
        deliver_mail.call_local(email.to, email.subject, email.text, email.html, email.headers)
    except Exception as error:
        db.session.rollback()
        log.warning(
            "notification e-mail not sent, will retry",
            extra={"event": "notifications.send_failed", "error": type(error).__name__},
        )
        _finish(ids, error)
        return False
    _finish(ids, None)
    return True


def deliver(delivery_id: int) -> bool:
    """Send one immediate e-mail if this worker wins its claim; whether it was sent."""
    return bool(claim([delivery_id])) and _send([delivery_id], digest=False)


@task(retries=0)
def deliver_notification(delivery_id: int) -> bool:
    """The after-commit task; the sweep catches up when it never runs."""
    return deliver(delivery_id)


def reclaim_stale() -> int:
    """Give back ``sending`` rows whose worker died; the count given back."""
    limit = utcnow() - timedelta(seconds=_setting("claim_timeout_seconds"))
    result = db.session.execute(
        update(NotificationDelivery)
        .where(NotificationDelivery.state == SENDING, NotificationDelivery.claimed_at < limit)
        .values(state=PENDING)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def sweep() -> int:
    """Send the due immediate e-mails the after-commit task missed; the count sent."""
    reclaim_stale()
    due = db.session.scalars(
        select(NotificationDelivery.id)
        .where(
            NotificationDelivery.state == PENDING,
            NotificationDelivery.channel == "email",
            NotificationDelivery.next_attempt_at <= utcnow(),
        )
        .order_by(NotificationDelivery.id)
        .limit(BATCH)
    ).all()
    return sum(deliver(delivery_id) for delivery_id in due)


def send_digests() -> int:
    """One e-mail per member grouping their pending digest notifications; the count sent."""
    reclaim_stale()
    pending = db.session.execute(
        select(NotificationDelivery.id, Notification.user_id)
        .join(Notification, NotificationDelivery.notification_id == Notification.id)
        .where(
            NotificationDelivery.state == PENDING,
            NotificationDelivery.channel == "digest",
            NotificationDelivery.next_attempt_at <= utcnow(),
        )
        .order_by(NotificationDelivery.id)
    ).all()
    by_member: dict[int, list[int]] = {}
    for delivery_id, user_id in pending:
        by_member.setdefault(user_id, []).append(delivery_id)
    sent = 0
    for ids in by_member.values():
        won = claim(ids)
        if won and _send(won, digest=True):
            sent += 1
    return sent
