"""Custom-study requests: a member asks, the OIF team moves it through its states,
and the member is notified of each change (``api.notify``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from tremplin.core.api import db, member_language, notify, record

from .models import REQUEST_STATES, StudyRequest

NOTIFIED_STATES = ("in_review", "in_progress", "delivered", "declined")


def notification_type(state: str) -> str:
    """One notification type per state reached, so that each message says what happened."""
    return f"resources.study_{state}"


NEXT_STATES = {
    "submitted": ("in_review", "declined"),
    "in_review": ("in_progress", "declined"),
    "in_progress": ("delivered", "declined"),
    "delivered": (),
    "declined": ("in_review",),
}


def submit(
    user_id: int, sector: str, markets: str, questions: str, deadline: date | None
) -> StudyRequest:
    """A new request, or the same one when the member sends it twice (double submit)."""
    same: StudyRequest | None = db.session.scalar(
        select(StudyRequest).where(
            StudyRequest.user_id == user_id,
            StudyRequest.state == "submitted",
            StudyRequest.sector == sector.strip()[:200],
            StudyRequest.markets == markets.strip()[:300],
            StudyRequest.questions == questions.strip()[:5000],
        )
    )
    if same is not None:
        return same
    request = StudyRequest(
        user_id=user_id,
        sector=sector.strip()[:200],
        markets=markets.strip()[:300],
        questions=questions.strip()[:5000],
        deadline=deadline,
        state="submitted",
    )
    db.session.add(request)
    db.session.flush()
    record("resources.study_requested", request)
    return request


def requests_of(user_id: int) -> list[StudyRequest]:
    query = select(StudyRequest).where(StudyRequest.user_id == user_id)
    return list(db.session.scalars(query.order_by(StudyRequest.id.desc())))


def change_state(request: StudyRequest, state: str, note: str | None = None) -> None:
    """Move a request on and notify its member (in the caller's transaction)."""
    if state not in REQUEST_STATES:
        raise ValueError(state)
    if state == request.state and note is None:
        return
    request.state = state
    if note is not None:
        request.staff_note = note.strip()[:5000]
    _notify(request)


def notify_if_changed(request: StudyRequest, previous: str) -> None:
    """For the back office's edit form, which sets the state itself."""
    if request.state != previous:
        _notify(request)


def _notify(request: StudyRequest) -> None:
    if request.user_id is not None and request.state in NOTIFIED_STATES:
        notify(
            request.user_id,
            notification_type(request.state),
            number=request.id,
            sector=request.sector[:100],
            url=_url(request),
        )


def _url(request: StudyRequest) -> str:
    """The member's list of requests in the member's language (the notification
    centre and the e-mail link to it as is)."""
    return f"/{member_language(request.user_id)}/resources/studies/requests"


def forget_member(user_id: int) -> None:
    for request in db.session.scalars(select(StudyRequest).where(StudyRequest.user_id == user_id)):
        request.user_id = None
        request.questions = ""


def personal_records(user_id: int) -> tuple[dict[str, Any], ...]:
    return tuple(r.as_dict() for r in requests_of(user_id))
