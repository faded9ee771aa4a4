"""Events: finding them (filters, month grid), who organises them, a member's time
zone and feed token, and the summaries other plugins ask for."""

from __future__ import annotations

import calendar
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import has_request_context
from sqlalchemy import exists, or_, select

from tremplin.core.api import can, current_member, db, setting

from .models import KINDS, Event, MemberSettings, Organiser, Registration
from .times import in_zone, is_zone, to_utc, utc, utcnow

ORGANISER_ROLES = {"Admin", "Moderator"}


@dataclass(frozen=True)
class Filters:
    """The calendar's filters, all read from (and written back to) the URL."""

    kind: str = ""
    sector: str = ""
    country: str = ""
    mode: str = ""  # "online" | "onsite" | ""
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_args(cls, args: Any) -> Filters:
        return cls(
            kind=args.get("kind", "") if args.get("kind", "") in KINDS else "",
            sector=args.get("sector", "").strip()[:8],
            country=args.get("country", "").strip().upper()[:8],
            mode=args.get("mode", "") if args.get("mode", "") in ("online", "onsite") else "",
            start=_date(args.get("from", "")),
            end=_date(args.get("to", "")),
        )

    def query(self) -> dict[str, str]:
        values = {
            "kind": self.kind,
            "sector": self.sector,
            "country": self.country,
            "mode": self.mode,
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
        }
        return {k: v for k, v in values.items() if v}


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None


def _word(column: Any, code: str) -> Any:
    """A word of the space-separated ``column`` starting with ``code``: a section
    ("C") matches its divisions ("C10"), a country ("CA") its governments ("CA-QC")."""
    return (" " + column).like(f"% {code}%")


def find_events(filters: Filters, *, upcoming: bool = False, limit: int = 200) -> list[Event]:
    query = select(Event).where(Event.published.is_(True))
    if filters.kind:
        query = query.where(Event.kind == filters.kind)
    if filters.sector:
        query = query.where(_word(Event.sectors, filters.sector))
    if filters.country:
        query = query.where(_word(Event.countries, filters.country))
    if filters.mode:
        query = query.where(Event.online.is_(filters.mode == "online"))
    if filters.start:
        first_day = datetime.combine(filters.start, datetime.min.time())
        query = query.where(Event.ends_at >= to_utc(first_day, "UTC"))
    if filters.end:
        limit_day = datetime.combine(filters.end + timedelta(days=1), datetime.min.time())
        query = query.where(Event.starts_at < to_utc(limit_day, "UTC"))
    if upcoming and not filters.start:
        query = query.where(Event.ends_at >= utcnow())
    return list(db.session.scalars(query.order_by(Event.starts_at).limit(limit)))


@dataclass
class MonthDay:
    day: date
    in_month: bool
    events: list[Event] = field(default_factory=list)


def month_grid(year: int, month: int, filters: Filters, zone_name: str) -> list[list[MonthDay]]:
    """Weeks (Monday first) of the month, each day with the events on it, in the
    member's zone; multi-day events appear on each of their days."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    window = Filters(filters.kind, filters.sector, filters.country, filters.mode, first, last)
    events = find_events(window)
    grid = []
    for week in weeks:
        row = []
        for day in week:
            cell = MonthDay(day, day.month == month)
            for event in events:
                if (
                    in_zone(event.starts_at, zone_name).date()
                    <= day
                    <= in_zone(event.ends_at, zone_name).date()
                ):
                    cell.events.append(event)
            row.append(cell)
        grid.append(row)
    return grid


def get_event(event_id: int, *, include_unpublished: bool = False) -> Event | None:
    event = db.session.get(Event, event_id)
    if event is None or (not event.published and not include_unpublished):
        return None
    return event


def is_organiser(member: Any, event: Event) -> bool:
    """Platform organisers (``can_organise`` on Events) and the event's own team."""
    if member is None:
        return False
    if ORGANISER_ROLES & set(member.roles) or _may_organise(member):
        return True
    return bool(
        db.session.scalar(
            select(exists().where(Organiser.event_id == event.id, Organiser.user_id == member.id))
        )
    )


def _may_organise(member: Any) -> bool:
    """The ``can_organise`` permission, known for the member of the request only."""
    if not has_request_context():
        return False
    current = current_member()
    return current is not None and current.id == member.id and bool(can("can_organise", "Events"))


def can_create_events(member: Any) -> bool:
    return member is not None and (
        bool(ORGANISER_ROLES & set(member.roles)) or _may_organise(member)
    )


def member_settings(user_id: int) -> MemberSettings:
    found = db.session.get(MemberSettings, user_id)
    if found is None:
        found = MemberSettings(user_id=user_id, timezone="", feed_token=secrets.token_urlsafe(24))
        db.session.add(found)
        db.session.flush()
    return found


def member_zone(user_id: int | None) -> str:
    default = str(setting("events", "default_timezone"))
    if user_id is None:
        return default
    found = db.session.get(MemberSettings, user_id)
    return found.timezone if found is not None and found.timezone else default


def set_member_zone(user_id: int, zone_name: str) -> bool:
    if not is_zone(zone_name):
        return False
    member_settings(user_id).timezone = zone_name
    db.session.commit()
    return True


def user_for_feed(token: str) -> int | None:
    if not token or len(token) > 64:
        return None
    found = db.session.scalar(select(MemberSettings).where(MemberSettings.feed_token == token))
    return found.user_id if found is not None else None


def reset_feed_token(user_id: int) -> str:
    settings = member_settings(user_id)
    settings.feed_token = secrets.token_urlsafe(24)
    db.session.commit()
    return settings.feed_token


def registered_events(user_id: int, states: Sequence[str] = ("confirmed",)) -> list[Event]:
    query = (
        select(Event)
        .join(Registration, Registration.event_id == Event.id)
        .where(Registration.user_id == user_id, Registration.state.in_(states))
        .order_by(Event.starts_at)
    )
    return list(db.session.scalars(query))


def touch(event: Event) -> None:
    """An update that calendars must pick up: bump RFC 5545 SEQUENCE."""
    event.sequence = (event.sequence or 0) + 1


def summary(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "title": event.title,
        "type": event.kind,
        "starts_at": utc(event.starts_at).isoformat(),
        "ends_at": utc(event.ends_at).isoformat(),
        "timezone": event.timezone,
        "countries": event.country_codes,
        "sectors": event.sector_codes,
    }


def ended_unannounced(now: datetime | None = None) -> list[Event]:
    moment = now or utcnow()
    return list(
        db.session.scalars(
            select(Event).where(Event.ends_at <= moment, Event.ended_announced.is_(False))
        )
    )


def mission_history(company_id: int) -> list[dict[str, Any]]:
    """The missions a company took part in (confirmed registrations), newest first."""
    query = (
        select(Event)
        .join(Registration, Registration.event_id == Event.id)
        .where(
            Registration.company_id == company_id,
            Registration.state == "confirmed",
            Event.kind.in_(("economic_mission", "trade_mission")),
        )
        .distinct()
        .order_by(Event.starts_at.desc())
    )
    return [
        {
            "title": e.title,
            "year": utc(e.starts_at).year,
            "dates": (utc(e.starts_at).date().isoformat(), utc(e.ends_at).date().isoformat()),
            "countries": e.country_codes,
            "url": f"/fr/events/{e.id}",
        }
        for e in db.session.scalars(query)
    ]


def organised_by(user_id: int) -> Any:
    """A condition: events that ``user_id`` created or is on the team of."""
    team = select(Organiser.event_id).where(Organiser.user_id == user_id)
    return or_(Event.created_by_id == user_id, Event.id.in_(team))
