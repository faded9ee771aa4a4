"""The dashboard card: the member's next registered events and B2B meetings."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from tremplin.core.api import Widget

LIMIT = 5


def widget(user: Any) -> list[Widget]:
    from .meetings import accepted_meetings
    from .services import member_zone, registered_events
    from .times import utc, utcnow

    if not getattr(user, "is_authenticated", False):
        return []
    now = utcnow()
    events = [
        e for e in registered_events(user.id, ("confirmed", "waiting")) if utc(e.ends_at) >= now
    ]
    meetings = [m for m in accepted_meetings(user.id) if m.slot and utc(m.slot.ends_at) >= now]
    return [
        Widget(
            "events",
            _l("Mes prochains événements"),
            "events/widget.html",
            {
                "events": events[:LIMIT],
                "meetings": meetings[:LIMIT],
                "zone_name": member_zone(user.id),
            },
            order=30,
        )
    ]
