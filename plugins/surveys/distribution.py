"""Sending surveys: personal single-use links to an event's participants when it
ends, to a segment of members (once or every N months), reminders to those who
have not answered, and the purge of responses past their retention period."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select

from tremplin.core.api import Member, db, members, notify, record

from .models import Answer, Invitation, Response, Survey, utcnow
from .services import is_open

NOTIFICATION = "surveys.invited"
REMINDER = "surveys.reminder"
MAX_RECIPIENTS = 20000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def answer_url(token: str, lang: str = "fr") -> str:
    return f"/{lang}/surveys/r/{token}"


def invite(survey: Survey, user_ids: Iterable[int], now: datetime | None = None) -> int:
    """Create this wave's invitations for ``user_ids`` (once each) and notify them;
    the number invited. Nothing is sent before the caller commits."""
    moment = now or utcnow()
    wave = survey.wave or 1
    survey.wave = wave
    already = set(
        db.session.scalars(
            select(Invitation.user_id).where(
                Invitation.survey_id == survey.id, Invitation.wave == wave
            )
        )
    )
    count = 0
    for user_id in dict.fromkeys(int(u) for u in user_ids):
        if user_id in already:
            continue
        token = secrets.token_urlsafe(24)
        db.session.add(
            Invitation(
                survey_id=survey.id,
                wave=wave,
                user_id=user_id,
                token_hash=token_hash(token),
                sent_at=moment,
            )
        )
        notify(user_id, NOTIFICATION, title=survey.title_fr, url=answer_url(token))
        count += 1
    if count:
        record("surveys.sent", survey, user_id=None, wave=wave, count=count)
    return count


def _in_segment(member: Member, survey: Survey) -> bool:
    company = member.company
    if survey.seg_sector and (company is None or not _sector_matches(company, survey)):
        return False
    if survey.seg_export:
        return company is not None and getattr(company, "export_stage", "") == survey.seg_export
    return True


def _sector_matches(company: Any, survey: Survey) -> bool:
    """A section code ("C") covers its divisions ("C10"), as in the conditions."""
    sector = company.sector or ""
    return sector == survey.seg_sector or (
        len(survey.seg_sector) == 1 and sector.startswith(survey.seg_sector)
    )


def segment_members(survey: Survey) -> list[int]:
    """Account ids in the survey's segment (role, country, sector, export stage)."""
    exact_sector = survey.seg_sector if len(survey.seg_sector) > 1 else None
    found = members(
        role=survey.seg_role or None,
        country=survey.seg_country or None,
        sector=exact_sector,
        limit=MAX_RECIPIENTS,
    )
    return [m.id for m in found if _in_segment(m, survey)]


def send_to_segment(survey: Survey, now: datetime | None = None) -> int:
    return invite(survey, segment_members(survey), now)


def event_participants(event_id: int) -> list[int]:
    """Confirmed participants, from whichever plugin answers ``event_participants``
    (the events plugin); none when no plugin does."""
    relay = getattr(current_app.extensions["tremplin"].pm.hook, "event_participants", None)
    if relay is None:
        return []
    answer = relay(event_id=event_id)  # firstresult in the events plugin: one list
    if not answer:
        return []
    if all(isinstance(item, int) for item in answer):
        return [int(u) for u in answer]
    return [int(u) for part in answer for u in part or ()]  # a plain hook: every answer


def on_event_ended(event_id: int, now: datetime | None = None) -> int:
    """Send every open survey attached to ``event_id`` to its participants."""
    surveys = db.session.scalars(
        select(Survey).where(Survey.audience == "event", Survey.event_id == event_id)
    )
    sent = 0
    participants: list[int] | None = None
    for survey in surveys:
        if not is_open(survey, now):
            continue
        if participants is None:
            participants = event_participants(event_id)
        sent += invite(survey, participants, now)
    db.session.commit()
    return sent


def run_recurring(now: datetime | None = None) -> int:
    """Start the next wave of every recurring survey that is due; waves started."""
    moment = now or utcnow()
    due = db.session.scalars(
        select(Survey).where(
            Survey.state == "open",
            Survey.recurrence_months > 0,
            Survey.next_run_at.is_not(None),
            Survey.next_run_at <= moment,
        )
    ).all()
    for survey in due:
        survey.wave = (survey.wave or 0) + 1
        send_to_segment(survey, moment)
        survey.next_run_at = moment + timedelta(days=30 * survey.recurrence_months)
    db.session.commit()
    return len(due)


def send_reminders(now: datetime | None = None) -> int:
    """Remind once the invited members who have not answered after
    ``reminder_days``; the count reminded."""
    moment = now or utcnow()
    rows = db.session.execute(
        select(Invitation, Survey)
        .join(Survey, Survey.id == Invitation.survey_id)
        .where(
            Invitation.used_at.is_(None),
            Invitation.reminded_at.is_(None),
            Invitation.wave == Survey.wave,
            Survey.state == "open",
            Survey.reminder_days > 0,
        )
    ).all()
    count = 0
    for invitation, survey in rows:
        if not is_open(survey, moment):
            continue
        if invitation.sent_at + timedelta(days=survey.reminder_days) > moment:
            continue
        token = secrets.token_urlsafe(24)  # a new link: the first one is only hashed
        invitation.token_hash = token_hash(token)
        invitation.reminded_at = moment
        notify(invitation.user_id, REMINDER, title=survey.title_fr, url=answer_url(token))
        count += 1
    db.session.commit()
    return count


def close_due(now: datetime | None = None) -> int:
    moment = now or utcnow()
    due = db.session.scalars(
        select(Survey).where(Survey.state == "open", Survey.closes_at <= moment)
    ).all()
    for survey in due:
        survey.state = "closed"
    db.session.commit()
    return len(due)


def purge_expired(now: datetime | None = None) -> int:
    """Delete responses older than their survey's retention period."""
    today = (now or utcnow()).date()
    count = 0
    for survey in db.session.scalars(select(Survey)):
        cutoff = today - timedelta(days=survey.retention_days)
        old = select(Response.id).where(
            Response.survey_id == survey.id, Response.submitted_on < cutoff
        )
        db.session.execute(delete(Answer).where(Answer.response_id.in_(old)))
        result = db.session.execute(delete(Response).where(Response.id.in_(old)))
        count += int(getattr(result, "rowcount", 0) or 0)
    db.session.commit()
    return count
