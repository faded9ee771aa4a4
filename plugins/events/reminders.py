"""Reminders by scheduled task: before the event (``[events] reminder_days``,
e.g. 7 and 1 days), a follow-up after it (``followup_days``) and, for missions, a
request to update meeting outcomes months later (``outcome_followup_days``). Each
goes once per member and offset (``events_reminder_sent``), in the member's
language, with the organiser's custom text and the event's ``.ics`` attached."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from tremplin.core.api import db, members, send_mail, setting

from .ics import event_file, uid_host
from .models import Event, ReminderSent
from .registration import confirmed_user_ids
from .times import in_zone, offset_label, utc, utcnow

WINDOW = timedelta(days=2)  # a reminder missed for longer than this is skipped


def offsets() -> list[tuple[str, timedelta, str]]:
    """(key, delay from the event's start or end, which of the two)."""
    found = [
        (f"before-{d}", -timedelta(days=int(d)), "start")
        for d in setting("events", "reminder_days")
        if str(d).strip().isdigit()
    ]
    if int(setting("events", "followup_days")) > 0:
        days = int(setting("events", "followup_days"))
        found.append((f"after-{days}", timedelta(days=days), "end"))
    if int(setting("events", "outcome_followup_days")) > 0:
        days = int(setting("events", "outcome_followup_days"))
        found.append((f"outcome-{days}", timedelta(days=days), "end"))
    return found


def _due(event: Event, key: str, delay: timedelta, anchor: str, now: datetime) -> bool:
    if key.startswith("outcome-") and not event.is_mission:
        return False
    base = utc(event.starts_at if anchor == "start" else event.ends_at)
    moment = base + delay
    if anchor == "start":
        return moment <= now < min(base, moment + WINDOW)
    return moment <= now < moment + WINDOW


def _claim(event: Event, user_id: int, key: str) -> bool:
    try:
        with db.session.begin_nested():
            db.session.add(ReminderSent(event_id=event.id, user_id=user_id, offset_key=key))
            db.session.flush()
    except IntegrityError:
        return False
    return True


def _candidates(now: datetime) -> list[Event]:
    longest = max([abs(d) for _k, d, _a in offsets()] or [timedelta(0)]) + WINDOW
    return list(
        db.session.scalars(
            select(Event).where(
                Event.published.is_(True),
                Event.starts_at <= now + longest,
                Event.ends_at >= now - longest,
            )
        )
    )


def send_reminders(now: datetime | None = None) -> int:
    """Send every reminder due at ``now``; returns how many were sent."""
    moment = now or utcnow()
    sent = 0
    for event in _candidates(moment):
        for key, delay, anchor in offsets():
            if not _due(event, key, delay, anchor, moment):
                continue
            ids = confirmed_user_ids(event.id)
            for member in members(user_ids=ids, limit=max(len(ids), 1)) if ids else []:
                if _claim(event, member.id, key):
                    _send(event, member, key)
                    sent += 1
    db.session.commit()
    return sent


def _send(event: Event, member: Any, key: str) -> None:
    from .services import member_zone

    base = str(setting("app", "base_url")).rstrip("/")
    lang = member.language if member.language in ("fr", "en") else "fr"
    url = f"{base}/{lang}/events/{event.id}"
    zone_name = member_zone(member.id)
    with force_locale(lang):
        kind = key.split("-")[0]
        subject = {
            "before": _("Rappel : %(title)s", title=event.title),
            "after": _("Merci d'avoir participé : %(title)s", title=event.title),
            "outcome": _("Où en sont vos rendez-vous ? %(title)s", title=event.title),
        }[kind]
        text = render_template(
            "events/mail/reminder.txt",
            event=event,
            kind=kind,
            url=url,
            member=member,
            local_start=in_zone(event.starts_at, zone_name),
            zone_label=f"{zone_name} ({offset_label(event.starts_at, zone_name)})",
            event_start=in_zone(event.starts_at, event.timezone),
            event_zone_label=f"{event.timezone} ({offset_label(event.starts_at, event.timezone)})",
        )
    ics = event_file(event, uid_host(), url)
    send_mail(member.email, subject, text, attachments=[("evenement.ics", "text/calendar", ics)])


def announce_ended(now: datetime | None = None) -> int:
    """Emit ``event_ended`` once for every event that is over (after commit)."""
    from tremplin.core.api import emit

    from .services import ended_unannounced

    done = ended_unannounced(now)
    for event in done:
        event.ended_announced = True
        emit("event_ended", event_id=event.id)
    db.session.commit()
    return len(done)
