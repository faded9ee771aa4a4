"""B2B meetings, in the image of b2match: a participant asks another for a 1:1
meeting with an intro message; on acceptance the meeting gets the first table of
the first slot of the mission's grid where both are free (organisers can place it
by hand). The database forbids double booking: one meeting per (slot, table), and
one seat per (slot, participant)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError

from tremplin.core.api import db, member_language, notify, record

from .models import Event, Meeting, MeetingSeat, MeetingSlot
from .registration import registration_of

MESSAGE_MAX = 1000
SLOT_MAX = 200


class MeetingError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _confirmed(event: Event, user_id: int) -> bool:
    found = registration_of(event.id, user_id)
    return found is not None and found.state == "confirmed"


def _url(event: Event, user_id: int | None = None) -> str:
    return f"/{member_language(user_id)}/events/{event.id}/meetings"


def make_slots(event: Event, first: datetime, minutes: int, count: int) -> list[MeetingSlot]:
    """``count`` consecutive slots of ``minutes`` from ``first`` (aware UTC)."""
    if not 5 <= minutes <= 240 or not 1 <= count <= SLOT_MAX:
        raise MeetingError("bad_grid")
    made = [
        MeetingSlot(
            event=event,
            starts_at=first + timedelta(minutes=minutes * i),
            ends_at=first + timedelta(minutes=minutes * (i + 1)),
        )
        for i in range(count)
    ]
    db.session.add_all(made)
    return made


def request_meeting(event: Event, requester_id: int, recipient_id: int, message: str) -> Meeting:
    message = (message or "").strip()
    if requester_id == recipient_id:
        raise MeetingError("self")
    if not message or len(message) > MESSAGE_MAX:
        raise MeetingError("message")
    if not (_confirmed(event, requester_id) and _confirmed(event, recipient_id)):
        raise MeetingError("not_participant")
    pending: Meeting | None = db.session.scalar(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.state.in_(("requested", "accepted")),
            or_(
                (Meeting.requester_id == requester_id) & (Meeting.recipient_id == recipient_id),
                (Meeting.requester_id == recipient_id) & (Meeting.recipient_id == requester_id),
            ),
        )
    )
    if pending is not None:
        return pending  # a double submit, or they already meet
    meeting = Meeting(
        event_id=event.id, requester_id=requester_id, recipient_id=recipient_id, message=message
    )
    db.session.add(meeting)
    db.session.flush()
    notify(
        recipient_id,
        "events.meeting_requested",
        title=event.title,
        url=_url(event, recipient_id),
    )
    db.session.commit()
    return meeting


def _seat(meeting: Meeting, slot: MeetingSlot, table: int) -> None:
    meeting.slot_id, meeting.table_no = slot.id, table
    db.session.add_all(
        [
            MeetingSeat(meeting_id=meeting.id, slot_id=slot.id, user_id=uid)
            for uid in (meeting.requester_id, meeting.recipient_id)
        ]
    )
    db.session.flush()


def _book(meeting: Meeting, slot: MeetingSlot, table: int) -> bool:
    """Try to hold ``table`` in ``slot`` for both sides; False if taken."""
    try:
        with db.session.begin_nested():
            _seat(meeting, slot, table)
    except IntegrityError:
        db.session.expire(meeting)
        return False
    return True


def _free_places(event: Event, meeting: Meeting) -> list[tuple[MeetingSlot, int]]:
    busy_seats = set(
        db.session.scalars(
            select(MeetingSeat.slot_id).where(
                MeetingSeat.user_id.in_((meeting.requester_id, meeting.recipient_id))
            )
        )
    )
    taken = set(
        db.session.execute(
            select(Meeting.slot_id, Meeting.table_no).where(
                Meeting.event_id == event.id, Meeting.slot_id.is_not(None)
            )
        ).tuples()
    )
    return [
        (slot, table)
        for slot in event.slots
        if slot.id not in busy_seats
        for table in range(1, event.meeting_tables + 1)
        if (slot.id, table) not in taken
    ]


def accept(meeting: Meeting, by_user_id: int) -> Meeting:
    if meeting.recipient_id != by_user_id or meeting.state != "requested":
        raise MeetingError("not_yours")
    event = meeting.event
    for slot, table in _free_places(event, meeting):
        if _book(meeting, slot, table):
            break
    else:
        raise MeetingError("grid_full")
    _accepted(meeting)
    return meeting


def _accepted(meeting: Meeting) -> None:
    meeting.state = "accepted"
    meeting.sequence = (meeting.sequence or 0) + 1
    notify(
        meeting.requester_id,
        "events.meeting_accepted",
        title=meeting.event.title,
        url=_url(meeting.event, meeting.requester_id),
    )
    record("events.meeting_accepted", meeting, kind=meeting.event.kind)
    db.session.commit()


def decline(meeting: Meeting, by_user_id: int) -> None:
    if meeting.recipient_id != by_user_id or meeting.state != "requested":
        raise MeetingError("not_yours")
    meeting.state = "declined"
    notify(
        meeting.requester_id,
        "events.meeting_declined",
        title=meeting.event.title,
        url=_url(meeting.event, meeting.requester_id),
    )
    db.session.commit()


def place(meeting: Meeting, slot_id: int, table: int) -> Meeting:
    """The organiser puts a meeting at a table of a slot (moving it if placed)."""
    event = meeting.event
    slot = next((s for s in event.slots if s.id == slot_id), None)
    if (
        slot is None
        or not 1 <= table <= event.meeting_tables
        or meeting.state not in ("requested", "accepted")
    ):
        raise MeetingError("bad_place")
    try:
        with db.session.begin_nested():
            seats = select(MeetingSeat).where(MeetingSeat.meeting_id == meeting.id)
            for seat in db.session.scalars(seats):
                db.session.delete(seat)
            meeting.slot_id = meeting.table_no = None
            db.session.flush()
            _seat(meeting, slot, table)
    except IntegrityError:
        db.session.expire(meeting)
        raise MeetingError("taken") from None
    _accepted(meeting)
    return meeting


def meetings_of(
    event_id: int, user_id: int, states: tuple[str, ...] | None = None
) -> list[Meeting]:
    query = select(Meeting).where(
        Meeting.event_id == event_id,
        or_(Meeting.requester_id == user_id, Meeting.recipient_id == user_id),
    )
    if states:
        query = query.where(Meeting.state.in_(states))
    return list(db.session.scalars(query.order_by(Meeting.created_at, Meeting.id)))


def accepted_meetings(user_id: int) -> list[Meeting]:
    """Every accepted, placed meeting of a member (agenda and calendar feed)."""
    query = (
        select(Meeting)
        .join(MeetingSlot, MeetingSlot.id == Meeting.slot_id)
        .where(
            Meeting.state == "accepted",
            or_(Meeting.requester_id == user_id, Meeting.recipient_id == user_id),
        )
        .order_by(MeetingSlot.starts_at)
    )
    return list(db.session.scalars(query))


@dataclass
class GridRow:
    slot: MeetingSlot
    tables: list[Meeting | None]


def grid(event: Event) -> list[GridRow]:
    placed = {
        (m.slot_id, m.table_no): m
        for m in db.session.scalars(
            select(Meeting).where(Meeting.event_id == event.id, Meeting.slot_id.is_not(None))
        )
    }
    return [
        GridRow(slot, [placed.get((slot.id, t)) for t in range(1, event.meeting_tables + 1)])
        for slot in event.slots
    ]


def all_meetings(event_id: int) -> list[Meeting]:
    return list(
        db.session.scalars(select(Meeting).where(Meeting.event_id == event_id).order_by(Meeting.id))
    )
