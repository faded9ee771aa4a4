"""The personal calendar feed (``/events-feed/<token>.ics``): no session, the token
is the key; the member's registered events and accepted B2B meetings."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, abort, request
from sqlalchemy import select

from tremplin.core.api import db, members, record, setting

from .ics import event_vevent, feed_file, meeting_vevent, uid_host
from .meetings import accepted_meetings
from .models import Event
from .services import registered_events, user_for_feed

feed_blueprint = Blueprint("events_feed", __name__, url_prefix="/events-feed")


@feed_blueprint.get("/<token>.ics")
def feed(token: str) -> Response:
    user_id = user_for_feed(token)
    if user_id is None:
        abort(404)
    found = members(user_ids=[user_id], limit=1)
    lang = found[0].language if found and found[0].language in ("fr", "en") else "fr"
    base = str(setting("app", "base_url")).rstrip("/") or request.host_url.rstrip("/")
    host = uid_host()
    items = [
        event_vevent(e, host, f"{base}/{lang}/events/{e.id}") for e in registered_events(user_id)
    ]
    for meeting in accepted_meetings(user_id):
        title = ("Rendez-vous B2B" if lang == "fr" else "B2B meeting") + f" · {meeting.event.title}"
        vevent = meeting_vevent(
            meeting, title, host, f"{base}/{lang}/events/{meeting.event_id}/agenda"
        )
        if vevent is not None:
            items.append(vevent)
    name = "Tremplin · " + ("Mes événements" if lang == "fr" else "My events")
    return Response(
        feed_file(name, items),
        mimetype="text/calendar",
        headers={"Cache-Control": "private, max-age=300"},
    )


@feed_blueprint.get("/webinar-ended/<room_id>/<signature>")
def webinar_ended(room_id: str, signature: str) -> Response:
    """BigBlueButton's end callback (``meta_endCallbackUrl``), signed by us at create."""
    from .providers import provider

    bbb = provider("bbb")
    expected = getattr(bbb, "callback_signature", None)
    if expected is None or not hmac.compare_digest(expected(room_id), signature):
        abort(404)
    event = db.session.scalar(select(Event).where(Event.webinar_room == room_id))
    if event is None:
        abort(404)
    record("events.webinar_ended", event, provider="bbb")
    db.session.commit()
    return Response(status=204)
