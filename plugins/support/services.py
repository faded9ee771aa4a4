"""Support desk rules: opening a ticket, replies, statuses, SLA timers,
first-contact resolution and satisfaction. Callers commit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from tremplin.core.api import db, notify, record, setting

from .models import OPEN_STATUSES, STATUSES, Ticket, TicketMessage, utcnow

MAX_BODY = 5000


class SupportError(ValueError):
    """A change the desk refuses (closed ticket, unknown status...)."""


def _hours(key: str) -> timedelta:
    return timedelta(hours=int(setting("support", key)))


def open_ticket(
    *,
    user_id: int | None,
    category: str,
    subject: str,
    description: str,
    language: str,
    contact_email: str = "",
    page_url: str = "",
    attachment_key: str = "",
) -> Ticket:
    now = utcnow()
    ticket = Ticket(
        user_id=user_id,
        contact_email=contact_email,
        category=category,
        subject=subject.strip(),
        page_url=page_url.strip(),
        language=language,
        status="open",
        created_at=now,
        first_response_due=now + _hours("first_response_hours"),
        resolution_due=now + _hours("resolution_hours"),
    )
    ticket.messages.append(
        TicketMessage(author_id=user_id, body=description.strip(), attachment_key=attachment_key)
    )
    db.session.add(ticket)
    db.session.flush()
    record("support.ticket_opened", ticket, user_id=user_id, category=category)
    return ticket


def member_reply(ticket: Ticket, user_id: int, body: str, attachment_key: str = "") -> None:
    if ticket.status == "closed":
        raise SupportError("closed")
    ticket.messages.append(
        TicketMessage(author_id=user_id, body=body.strip(), attachment_key=attachment_key)
    )
    if ticket.status in ("waiting", "resolved"):
        ticket.status = "open"  # the member answered or reopened
        ticket.resolved_at = None
        ticket.first_contact = None


def agent_reply(
    ticket: Ticket, agent_id: int, body: str, *, internal: bool = False, status: str | None = None
) -> None:
    """An agent's answer (sent to the member) or internal note (never shown)."""
    if status is not None and status not in STATUSES:
        raise SupportError(status)
    if body.strip():
        ticket.messages.append(
            TicketMessage(author_id=agent_id, body=body.strip(), from_agent=True, internal=internal)
        )
        if not internal and ticket.first_response_at is None:
            ticket.first_response_at = utcnow()
        if not internal and ticket.user_id is not None:
            notify(
                ticket.user_id,
                "support.reply",
                subject=ticket.subject,
                url=f"/{ticket.language}/support/tickets/{ticket.id}",
            )
    if ticket.assignee_id is None:
        ticket.assignee_id = agent_id
    if status is not None and status != ticket.status:
        set_status(ticket, status)
    elif body.strip() and not internal and ticket.status == "open":
        ticket.status = "in_progress"


def first_contact(ticket: Ticket) -> bool:
    """Resolved at first contact: one public answer from the desk, and the member
    never had to write again after the request."""
    public = [m for m in ticket.messages if not m.internal]
    agent_answers = [m for m in public if m.from_agent]
    member_after = [m for m in public[1:] if not m.from_agent]
    return len(agent_answers) == 1 and not member_after


def set_status(ticket: Ticket, status: str) -> None:
    if status not in STATUSES:
        raise SupportError(status)
    ticket.status = status
    if status == "resolved":
        ticket.resolved_at = utcnow()
        ticket.first_contact = first_contact(ticket)
        record(
            "support.ticket_resolved",
            ticket,
            user_id=ticket.user_id,
            first_contact=bool(ticket.first_contact),
            category=ticket.category,
        )
    if ticket.user_id is not None:
        notify(
            ticket.user_id,
            "support.status",
            subject=ticket.subject,
            status=status,
            url=f"/{ticket.language}/support/tickets/{ticket.id}",
        )


def rate(ticket: Ticket, score: int, comment: str) -> None:
    """The member's satisfaction (1 to 5) once the ticket is resolved; closes it."""
    if ticket.status != "resolved":
        raise SupportError("not resolved")
    if not 1 <= score <= 5:
        raise SupportError("score")
    ticket.satisfaction = score
    ticket.satisfaction_comment = comment.strip()
    ticket.status = "closed"
    record("support.satisfaction", ticket, user_id=ticket.user_id, score=score)


def tickets_of(user_id: int) -> list[Ticket]:
    return list(
        db.session.scalars(
            select(Ticket).where(Ticket.user_id == user_id).order_by(Ticket.created_at.desc())
        )
    )


def queue(
    *, status: str = "", category: str = "", assignee_id: int | None = None, overdue: bool = False
) -> list[Ticket]:
    query = select(Ticket).order_by(Ticket.resolution_due)
    if status == "open_all" or not status:
        query = query.where(Ticket.status.in_(OPEN_STATUSES))
    elif status in STATUSES:
        query = query.where(Ticket.status == status)
    if category:
        query = query.where(Ticket.category == category)
    if assignee_id is not None:
        query = query.where(Ticket.assignee_id == assignee_id)
    found = list(db.session.scalars(query.limit(500)))
    return [t for t in found if t.overdue()] if overdue else found


def alert_overdue(now: datetime | None = None) -> int:
    """Tell the assignee (or every agent when nobody is assigned) once about each
    ticket past its SLA; returns how many tickets were flagged."""
    from tremplin.core.api import members

    now = now or utcnow()
    flagged = 0
    agents: list[int] | None = None
    for ticket in db.session.scalars(
        select(Ticket).where(Ticket.status.in_(OPEN_STATUSES), Ticket.sla_alerted.is_(False))
    ):
        if not ticket.overdue(now):
            continue
        if ticket.assignee_id is not None:
            targets: Iterable[int] = [ticket.assignee_id]
        else:
            if agents is None:
                agents = [m.id for m in members(role="SupportAgent", limit=200)]
            targets = agents
        for agent in targets:
            notify(agent, "support.overdue", subject=ticket.subject, ticket=ticket.id)
        ticket.sla_alerted = True
        flagged += 1
    return flagged


def scheduled_alert_overdue() -> None:
    alert_overdue()
    db.session.commit()


@dataclass(frozen=True)
class DeskFigures:
    resolved: int
    first_contact: int
    rated: int
    satisfaction: float | None

    @property
    def first_contact_rate(self) -> float | None:
        return self.first_contact / self.resolved if self.resolved else None


def figures(start: datetime, end: datetime) -> DeskFigures:
    """Tickets resolved in [start, end): how many at first contact, and the mean
    satisfaction of those rated (the KPIs of spec 10.1)."""
    row = db.session.execute(
        select(
            func.count(Ticket.id),
            func.count(Ticket.id).filter(Ticket.first_contact.is_(True)),
            func.count(Ticket.satisfaction),
            func.avg(Ticket.satisfaction),
        ).where(Ticket.resolved_at >= start, Ticket.resolved_at < end)
    ).one()
    mean: Any = row[3]
    return DeskFigures(int(row[0]), int(row[1]), int(row[2]), float(mean) if mean else None)
