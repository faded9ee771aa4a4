"""Webinars of events through the provider contract: the organiser creates the
room; registered members join shortly before the start with an attendee link,
organisers with a moderator link; recordings are linked afterwards."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tremplin.core.api import db, record, setting

from .models import Event
from .providers import Participant, Recording, Room, provider
from .times import utc, utcnow


class WebinarError(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def create_webinar(event: Event, provider_name: str) -> Room:
    found = provider(provider_name)
    if found is None:
        raise WebinarError("unknown_provider")
    room = found.create_room(event.webinar_room or f"tremplin-event-{event.id}", event.title)
    event.webinar_provider, event.webinar_room = provider_name, room.room_id
    event.online = event.online or not event.place  # a mission on site keeps its venue
    db.session.commit()
    return room


def join_opens(event: Event) -> datetime:
    return utc(event.starts_at) - timedelta(minutes=int(setting("events", "join_minutes_before")))


def can_join_now(event: Event, now: datetime | None = None) -> bool:
    moment = now or utcnow()
    return bool(event.webinar_room) and join_opens(event) <= moment <= utc(event.ends_at)


def join_url(event: Event, member: Any, moderator: bool) -> str:
    """The provider's URL for ``member``; ``moderator`` is set by the caller only
    for the event's organisers."""
    found = provider(event.webinar_provider)
    if found is None or not event.webinar_room:
        raise WebinarError("no_room")
    room = Room(event.webinar_room, event.title)
    url = found.join_url(room, Participant(member.id, member.display_name, moderator))
    record("events.joined", event, moderator=moderator)
    db.session.commit()
    return url


def recordings(event: Event) -> list[Recording]:
    found: list[Recording] = []
    if event.recording_url:
        found.append(Recording(event.recording_url, event.title))
    backend = provider(event.webinar_provider)
    if backend is not None and event.webinar_room and utc(event.ends_at) <= utcnow():
        try:
            found += backend.recordings(Room(event.webinar_room, event.title))
        except Exception:  # a provider that does not answer hides its recordings only
            return found
    return found
