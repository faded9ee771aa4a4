"""Events to recommend after an assessment: the next missions when networks, markets
or export experience are weak, the next webinars and workshops for the other weak
dimensions (the assessment plugin's hook, answered by name)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from sqlalchemy import select

from tremplin.core.api import db

from .models import MISSION_KINDS, Event

MAX_EVENTS = 3
MISSION_TOPICS = ("networks", "markets", "experience")


def event_recommendations(result: Any) -> list[dict[str, Any]]:
    weak = tuple(getattr(result, "weak_topics", ()) or ())
    if not weak:
        return []
    upcoming = db.session.scalars(
        select(Event)
        .where(Event.published.is_(True), Event.starts_at > datetime.now(UTC))
        .order_by(Event.starts_at)
        .limit(20)
    ).all()
    found: list[dict[str, Any]] = []
    for event in upcoming:
        mission = event.kind in MISSION_KINDS
        dimension = next((d for d in weak if (d in MISSION_TOPICS) == mission), None)
        if dimension is None:
            continue
        with force_locale(result.language):
            found.append(
                {
                    "title": _("Une mission pour rencontrer des partenaires")
                    if mission
                    else _("Un événement pour progresser"),
                    "text": _(
                        "« %(title)s », le %(date)s.",
                        title=event.title,
                        date=format_date(event.starts_at, "long"),
                    ),
                    "url": url_for("events.show", event_id=event.id, lang_code=result.language),
                    "dimension": dimension,
                    "priority": 2 if mission else 3,
                }
            )
        if len(found) >= MAX_EVENTS:
            break
    return found
