"""A member's events data: their GDPR export, and its erasure."""

from __future__ import annotations

from sqlalchemy import delete, or_, select, update

from tremplin.core.api import PersonalData, db

from .models import Meeting, MeetingSeat, MemberSettings, Outcome, Registration, ReminderSent
from .times import utc


def export(user_id: int) -> PersonalData:
    records: list[dict[str, object]] = []
    for r in db.session.scalars(select(Registration).where(Registration.user_id == user_id)):
        records.append(
            {
                "type": "registration",
                "event": r.event.title,
                "state": r.state,
                "answers": r.answers,
                "offers": r.offers,
                "needs": r.needs,
                "attended": r.attended,
                "created_at": utc(r.created_at).isoformat(),
            }
        )
    meetings = select(Meeting).where(
        or_(Meeting.requester_id == user_id, Meeting.recipient_id == user_id)
    )
    for m in db.session.scalars(meetings):
        records.append(
            {
                "type": "meeting",
                "event": m.event.title,
                "state": m.state,
                "message": m.message if m.requester_id == user_id else "",
                "requested_by_me": m.requester_id == user_id,
            }
        )
    for o in db.session.scalars(select(Outcome).where(Outcome.user_id == user_id)):
        records.append(
            {"type": "outcome", "meeting": o.meeting_id, "stage": o.stage, "outcome": o.outcome}
        )
    settings = db.session.get(MemberSettings, user_id)
    if settings is not None:
        records.append({"type": "settings", "timezone": settings.timezone})
    return PersonalData("Événements", tuple(records))


def erase(user_id: int) -> None:
    """Registrations, settings, reminders and outcomes go; meetings lose the
    person's message and the person (the other side keeps the slot history)."""
    db.session.execute(delete(Outcome).where(Outcome.user_id == user_id))
    db.session.execute(delete(MeetingSeat).where(MeetingSeat.user_id == user_id))
    db.session.execute(delete(ReminderSent).where(ReminderSent.user_id == user_id))
    db.session.execute(delete(Registration).where(Registration.user_id == user_id))
    db.session.execute(delete(MemberSettings).where(MemberSettings.user_id == user_id))
    db.session.execute(
        update(Meeting)
        .where(Meeting.requester_id == user_id)
        .values(message="", state="cancelled", requester_id=0)
    )
    db.session.execute(
        update(Meeting)
        .where(Meeting.recipient_id == user_id)
        .values(state="cancelled", recipient_id=0)
    )
