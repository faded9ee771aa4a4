"""The events blueprint and what its templates share: time formatting in a zone,
labels of types, countries and sectors, and the organiser check."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_datetime
from flask import Blueprint, abort
from flask_babel import get_locale

from tremplin.core.api import country_name, current_member, sector_label

from .forms import kind_labels, outcome_labels
from .models import Event
from .services import get_event, is_organiser, member_zone
from .times import offset_label, utc, zone

HERE = Path(__file__).resolve().parent

blueprint = Blueprint(
    "events", __name__, url_prefix="/events", template_folder=str(HERE / "templates")
)
assets = Blueprint(
    "events_assets",
    __name__,
    static_folder=str(HERE / "static"),
    static_url_path="/events-static",
    url_prefix="/",
)


def when(moment: datetime, zone_name: str, pattern: str = "EEE d MMM y, HH:mm") -> str:
    """``moment`` on the wall clock of ``zone_name``, with its UTC offset."""
    text = format_datetime(utc(moment), pattern, tzinfo=zone(zone_name), locale=str(get_locale()))
    return f"{text} ({offset_label(moment, zone_name)})"


@blueprint.app_context_processor
def _helpers() -> dict[str, Any]:
    lang = str(get_locale())
    return {
        "events_when": when,
        "events_kind": lambda kind: kind_labels().get(kind, kind),
        "events_outcome": lambda o: outcome_labels().get(o, o),
        "events_countries": lambda codes: ", ".join(country_name(c, lang) for c in codes),
        "events_sectors": lambda codes: ", ".join(sector_label(c, lang) for c in codes),
    }


def viewer() -> Any:
    return current_member()


def viewer_zone() -> str:
    member = current_member()
    return member_zone(member.id if member else None)


def signed_in_member() -> Any:
    member = current_member()
    if member is None:
        abort(404)
    return member


def event_or_404(event_id: int) -> Event:
    member = current_member()
    event = get_event(event_id, include_unpublished=True)
    if event is None or (not event.published and not is_organiser(member, event)):
        abort(404)
    return event


def organised_or_404(event_id: int) -> Event:
    event = event_or_404(event_id)
    if not is_organiser(current_member(), event):
        abort(404)
    return event
