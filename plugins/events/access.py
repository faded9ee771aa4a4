"""Object-level access to events.

- ``EventMission``/``meet``: the delegation and the B2B meeting area of a mission.
  Its confirmed participants get a time-boxed grant (spec 6.2.4, extended access
  during a mission): from their registration until ``access_days`` after the end;
  organisers always.
- ``Event``/``manage``: the organiser pages (registrations, grid, funnel).
- ``Meeting``/``respond``: only the member asked may accept or decline.
- ``Meeting``/``read``: the two sides and the event's organisers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from tremplin.core.api import AccessRule, rules


def _organiser(member: Any, event: Any) -> bool:
    from .services import is_organiser

    return is_organiser(member, event)


def mission_access_ends(member: Any, event: Any) -> datetime | None:
    """When a participant's extended access to the mission ends (``None``: none)."""
    from .registration import registration_of
    from .times import utc

    found = registration_of(event.id, member.id)
    if found is None or found.state != "confirmed" or not event.is_mission:
        return None
    return utc(event.ends_at) + timedelta(days=event.access_days or 0)


def access_rules() -> list[AccessRule]:
    organiser = rules.participant(_organiser)
    return [
        AccessRule(
            "EventMission",
            "meet",
            rules.any_of(organiser, rules.granted(mission_access_ends)),
            "Confirmed participants until access_days after the end; organisers.",
        ),
        AccessRule("Event", "manage", organiser, "The event's organisers."),
        AccessRule(
            "Meeting",
            "respond",
            rules.participant(lambda m, meeting: m.id == meeting.recipient_id),
            "The member asked for the meeting.",
        ),
        AccessRule(
            "Meeting",
            "read",
            rules.any_of(
                rules.participant(
                    lambda m, meeting: m.id in (meeting.requester_id, meeting.recipient_id)
                ),
                rules.participant(lambda m, meeting: _organiser(m, meeting.event)),
            ),
            "Both sides of the meeting and the event's organisers.",
        ),
    ]
