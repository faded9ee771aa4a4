"""Registration: capacity, the waiting list and its automatic promotion, the
organiser's approval, cancellation. Every change notifies the member
(``api.notify``, delivered after commit) and is recorded for the KPIs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, text

from tremplin.core.api import company_of, db, member_language, notify, record

from .delegation import sync_access
from .models import Event, Registration

ANSWER_MAX = 1000
ACTIVE = ("confirmed", "waiting", "pending")


class RegistrationError(ValueError):
    """A registration that cannot be made; ``code`` picks the translated message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _locked(event: Event) -> Event:
    """The event, locked until this transaction ends, so that two members registering
    at once never both take the last seat, and a freed seat goes to one member only.

    PostgreSQL locks the row (``SELECT ... FOR UPDATE``). SQLite has no row locks and
    begins a transaction at its first write: a write that changes nothing takes the
    database's write lock first, and the other writers wait for the commit (busy
    timeout) before they count the seats."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            text("UPDATE events_event SET sequence = sequence WHERE id = :id"), {"id": event.id}
        )
    query = select(Event).where(Event.id == event.id).with_for_update()
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def confirmed_count(event_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(Registration.id)).where(
                Registration.event_id == event_id, Registration.state == "confirmed"
            )
        )
        or 0
    )


def has_seat(event: Event) -> bool:
    return event.capacity is None or confirmed_count(event.id) < event.capacity


def registration_of(event_id: int, user_id: int) -> Registration | None:
    return db.session.scalar(
        select(Registration).where(
            Registration.event_id == event_id, Registration.user_id == user_id
        )
    )


def _url(event: Event, user_id: int | None = None) -> str:
    return f"/{member_language(user_id)}/events/{event.id}"


def register(event: Event, user_id: int, answers: Sequence[str] = ()) -> Registration:
    """Register ``user_id``: confirmed while seats remain (or pending when the
    organiser approves each one), else on the waiting list. Registering again
    while active changes nothing (a double submit)."""
    event = _locked(event)
    found = registration_of(event.id, user_id)
    if found is not None and found.state in ACTIVE:
        return found
    if found is not None and found.state == "refused":
        raise RegistrationError("refused")
    given = list(answers) + [""] * len(event.question_list)
    pairs = [[q, (given[i] or "").strip()[:ANSWER_MAX]] for i, q in enumerate(event.question_list)]
    company = company_of(user_id)
    state = (
        "pending" if event.requires_approval else ("confirmed" if has_seat(event) else "waiting")
    )
    if found is None:
        found = Registration(event_id=event.id, user_id=user_id)
        db.session.add(found)
    found.state, found.answers = state, json.dumps(pairs, ensure_ascii=False)
    found.company_id = company.id if company is not None else None
    db.session.flush()
    notify(user_id, f"events.{state}", title=event.title, url=_url(event, user_id))
    record("events.registered", found, state=state, kind=event.kind)
    db.session.commit()
    sync_access(found)
    return found


def cancel(registration: Registration) -> Registration | None:
    """Cancel; a freed seat goes to the first member waiting. Returns the
    promoted registration, if any. Cancelling twice at once frees one seat."""
    event = _locked(registration.event)
    db.session.refresh(registration)  # as it stands now that the event is locked
    if registration.state == "cancelled":
        db.session.commit()
        return None
    was_confirmed = registration.state == "confirmed"
    registration.state = "cancelled"
    record("events.cancelled", registration, kind=event.kind)
    db.session.flush()
    promoted = promote_next(event) if was_confirmed else None
    db.session.commit()
    sync_access(registration)
    if promoted is not None:
        sync_access(promoted)
    return promoted


def promote_next(event: Event) -> Registration | None:
    if not has_seat(event):
        return None
    waiting: Registration | None = db.session.scalar(
        select(Registration)
        .where(Registration.event_id == event.id, Registration.state == "waiting")
        .order_by(Registration.created_at, Registration.id)
        .limit(1)
    )
    if waiting is None:
        return None
    waiting.state = "confirmed"
    notify(waiting.user_id, "events.promoted", title=event.title, url=_url(event, waiting.user_id))
    record("events.promoted", waiting, kind=event.kind)
    db.session.flush()
    return waiting


def fill_free_seats(event: Event) -> int:
    """After the organiser adds seats: promote members waiting, in order."""
    event = _locked(event)
    promoted = 0
    while promote_next(event) is not None:
        promoted += 1
    return promoted


def decide(registration: Registration, approve: bool, by: int | None = None) -> None:
    """The organiser's decision on a pending registration."""
    event = _locked(registration.event)
    db.session.refresh(registration)
    if registration.state != "pending":
        db.session.commit()
        raise RegistrationError("not_pending")
    if not approve:
        registration.state = "refused"
        notify(
            registration.user_id,
            "events.refused",
            title=event.title,
            url=_url(event, registration.user_id),
        )
    else:
        registration.state = "confirmed" if has_seat(event) else "waiting"
        kind = "events.confirmed" if registration.state == "confirmed" else "events.waiting"
        notify(registration.user_id, kind, title=event.title, url=_url(event, registration.user_id))
    db.session.commit()
    sync_access(registration, by)


def mark_attended(registration: Registration, attended: bool = True) -> None:
    registration.attended = attended
    if attended:
        record("events.attended", registration, kind=registration.event.kind)
    db.session.commit()


def registrations(event_id: int, states: Sequence[str] | None = None) -> list[Registration]:
    query = select(Registration).where(Registration.event_id == event_id)
    if states:
        query = query.where(Registration.state.in_(states))
    return list(db.session.scalars(query.order_by(Registration.created_at, Registration.id)))


def confirmed_user_ids(event_id: int) -> list[int]:
    return [r.user_id for r in registrations(event_id, ("confirmed",))]


def answers_of(registration: Registration) -> list[tuple[str, str]]:
    try:
        pairs: Any = json.loads(registration.answers or "[]")
    except ValueError:
        return []
    return [(str(q), str(a)) for q, a in pairs]


def waiting_position(registration: Registration) -> int:
    ahead = [r.id for r in registrations(registration.event_id, ("waiting",))]
    return ahead.index(registration.id) + 1 if registration.id in ahead else 0
