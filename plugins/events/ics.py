"""iCalendar (RFC 5545): one file per event, and a member's personal feed of the
events they registered for and their accepted B2B meetings. Times are written in
UTC; updates raise SEQUENCE so calendars replace the old copy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from icalendar import Calendar
from icalendar import Event as VEvent

from .models import Event, Meeting
from .times import utc, utcnow

PRODID = "-//OIF//Tremplin//FR"


def uid_host() -> str:
    """The host part of every UID: the platform's, from ``[app] base_url``, so that
    the event file, the feed and the reminder's attachment name the same event."""
    from tremplin.core.api import setting

    return urlsplit(str(setting("app", "base_url"))).hostname or "tremplin"


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "UTC")
    return cal


def _vevent(uid: str, title: str, start: datetime, end: datetime, sequence: int) -> VEvent:
    item = VEvent()
    item.add("uid", uid)
    item.add("dtstamp", utcnow())
    item.add("dtstart", utc(start))
    item.add("dtend", utc(end))
    item.add("summary", title)
    item.add("sequence", sequence or 0)
    return item


def event_vevent(event: Event, host: str, url: str) -> VEvent:
    item = _vevent(
        f"event-{event.id}@{host}", event.title, event.starts_at, event.ends_at, event.sequence
    )
    item.add("description", f"{event.description}\n\n{url}".strip())
    item.add("location", "En ligne / Online" if event.online and not event.place else event.place)
    item.add("url", url)
    item.add("last-modified", utc(event.updated_at or event.created_at or utcnow()))
    return item


def meeting_vevent(meeting: Meeting, title: str, host: str, url: str) -> VEvent | None:
    if meeting.slot is None:
        return None
    item = _vevent(
        f"meeting-{meeting.id}@{host}",
        title,
        meeting.slot.starts_at,
        meeting.slot.ends_at,
        meeting.sequence,
    )
    item.add("description", url)
    item.add("location", f"Table {meeting.table_no}" if meeting.table_no else "")
    item.add("url", url)
    return item


def event_file(event: Event, host: str, url: str) -> bytes:
    cal = _calendar(event.title)
    cal.add_component(event_vevent(event, host, url))
    return bytes(cal.to_ical())


def feed_file(name: str, items: Iterable[VEvent]) -> bytes:
    cal = _calendar(name)
    for item in items:
        cal.add_component(item)
    return bytes(cal.to_ical())


def _stamp(moment: datetime) -> str:
    return utc(moment).strftime("%Y%m%dT%H%M%SZ")


def google_link(event: Event, url: str) -> str:
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": f"{_stamp(event.starts_at)}/{_stamp(event.ends_at)}",
        "details": url,
        "location": event.place,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_link(event: Event, url: str) -> str:
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": utc(event.starts_at).isoformat(),
        "enddt": utc(event.ends_at).isoformat(),
        "body": url,
        "location": event.place,
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
