"""Batched e-mail alerts of new messages.

A participant is alerted once for the messages they have not read, when the
oldest of them is ``[messaging] alert_after_minutes`` old: a member who is reading
the conversation gets no e-mail, and one who is away gets one for the whole batch,
not one per message. Reading the conversation re-arms the alert. The alert names
the sender and counts the messages; it carries text only for members who opted in.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, or_, select

from tremplin.core.api import db, notify, setting

from . import crypto
from .models import Message, Participant, Preference, utcnow
from .reading import display, names_of
from .text import excerpt

ALERT = "messaging.new_messages"
ALERT_WITH_TEXT = "messaging.new_messages_text"


def text_in_email(user_id: int) -> bool:
    found = db.session.get(Preference, user_id)
    return bool(found and found.text_in_email)


def set_text_in_email(user_id: int, value: bool) -> None:
    found = db.session.get(Preference, user_id)
    if found is None:
        db.session.add(Preference(user_id=user_id, text_in_email=value))
    else:
        found.text_in_email = value


def due(
    now: datetime | None = None, after_minutes: int | None = None
) -> list[tuple[Participant, int, Message]]:
    """Participants to alert: not alerted yet, with unread messages from others the
    oldest of which is old enough; with the count and the latest message."""
    now = now or utcnow()
    if after_minutes is None:
        after_minutes = int(setting("messaging", "alert_after_minutes"))
    cutoff = now - timedelta(minutes=after_minutes)
    unread = and_(
        Message.conversation_id == Participant.conversation_id,
        or_(Message.sender_id.is_(None), Message.sender_id != Participant.user_id),
        Message.hidden.is_(False),
        or_(Participant.last_read_at.is_(None), Message.created_at > Participant.last_read_at),
    )
    query = (
        select(
            Participant, func.count(Message.id), func.min(Message.created_at), func.max(Message.id)
        )
        .join(Message, unread)
        .where(Participant.alerted.is_(False), Participant.user_id.is_not(None))
        .group_by(Participant.id)
    )
    found = []
    for participant, count, oldest, newest in db.session.execute(query):
        latest = db.session.get(Message, newest)
        if oldest <= cutoff and latest is not None:
            found.append((participant, int(count), latest))
    return found


def send_due_alerts(now: datetime | None = None, after_minutes: int | None = None) -> int:
    """Alert every participant due (see :func:`due`) and commit; how many were alerted."""
    batch = due(now, after_minutes)
    names = names_of({m.sender_id for _p, _n, m in batch})
    for participant, count, latest in batch:
        assert participant.user_id is not None  # filtered in due()
        context = {
            "sender": display(names, latest.sender_id),
            "count": count,
            "url": f"/fr/messages/{participant.conversation_id}",
        }
        if text_in_email(participant.user_id):
            notify(
                participant.user_id,
                ALERT_WITH_TEXT,
                excerpt=excerpt(crypto.open_text(latest.body)),
                **context,
            )
        else:
            notify(participant.user_id, ALERT, **context)
        participant.alerted = True
    db.session.commit()
    return len(batch)
