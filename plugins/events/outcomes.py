"""After a mission: each side says what came of each meeting (no further contact,
in discussion, agreement reached), at the end and again months later; the
organiser's funnel counts registered → attended → meetings → discussions →
agreements. They feed the KPIs "mises en relation réussies" and "partenariats
conclus" through ``api.record``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from tremplin.core.api import db, record

from .models import OUTCOME_STAGES, OUTCOMES, Event, Meeting, Outcome
from .registration import registrations


class OutcomeError(ValueError):
    pass


def record_outcome(meeting: Meeting, user_id: int, outcome: str, stage: str = "end") -> Outcome:
    if user_id not in (meeting.requester_id, meeting.recipient_id) or meeting.state != "accepted":
        raise OutcomeError("not_yours")
    if outcome not in OUTCOMES or stage not in OUTCOME_STAGES:
        raise OutcomeError("bad_value")
    found = db.session.scalar(
        select(Outcome).where(
            Outcome.meeting_id == meeting.id, Outcome.user_id == user_id, Outcome.stage == stage
        )
    )
    if found is None:
        found = Outcome(meeting_id=meeting.id, user_id=user_id, stage=stage, outcome=outcome)
        db.session.add(found)
    found.outcome = outcome
    db.session.flush()
    record("events.outcome", found, outcome=outcome, stage=stage, event_id=meeting.event_id)
    db.session.commit()
    return found


def outcomes_of(user_id: int, meeting_ids: list[int]) -> dict[tuple[int, str], str]:
    if not meeting_ids:
        return {}
    rows = db.session.scalars(
        select(Outcome).where(Outcome.user_id == user_id, Outcome.meeting_id.in_(meeting_ids))
    )
    return {(o.meeting_id, o.stage): o.outcome for o in rows}


@dataclass(frozen=True)
class Funnel:
    registered: int
    attended: int
    meetings: int
    discussions: int
    agreements: int


def _best(outcomes: list[Outcome]) -> str:
    """A meeting's outcome: the latest stage said, the better of the two sides."""
    latest = [o for o in outcomes if o.stage == "followup"] or outcomes
    values = {o.outcome for o in latest}
    return (
        "agreement"
        if "agreement" in values
        else ("discussion" if "discussion" in values else "none")
    )


def funnel(event: Event) -> Funnel:
    confirmed = registrations(event.id, ("confirmed",))
    meetings = list(
        db.session.scalars(
            select(Meeting).where(Meeting.event_id == event.id, Meeting.state == "accepted")
        )
    )
    by_meeting: dict[int, list[Outcome]] = {}
    if meetings:
        ids = [m.id for m in meetings]
        for o in db.session.scalars(select(Outcome).where(Outcome.meeting_id.in_(ids))):
            by_meeting.setdefault(o.meeting_id, []).append(o)
    results = [_best(found) for found in by_meeting.values()]
    agreements = results.count("agreement")
    return Funnel(
        registered=len(confirmed),
        attended=sum(1 for r in confirmed if r.attended),
        meetings=len(meetings),
        discussions=results.count("discussion") + agreements,
        agreements=agreements,
    )
