"""iCalendar: the event file and the personal feed parse with ``icalendar`` and
carry what RFC 5545 and calendar apps need (X-WR-CALNAME, UTC times, multi-day
spans, SEQUENCE raised by updates); the feed needs its secret token."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from icalendar import Calendar

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.services import member_settings
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES, accepted_meeting, mission_form

CONFIG_OVERRIDES = OVERRIDES


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_event_file_is_valid_and_spans_several_days(app, client, make_event):
    event = make_event(hours=72, title="Mission Abidjan <b>2027</b>", place="Abidjan")
    answer = client.get(f"/fr/events/{event.id}/event.ics")
    assert answer.mimetype == "text/calendar"
    cal = Calendar.from_ical(answer.data)
    assert str(cal["X-WR-CALNAME"]) == "Mission Abidjan <b>2027</b>"
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    (vevent,) = _events(answer.data)
    start, end = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert start == utc(event.starts_at) and end - start == timedelta(hours=72)
    assert start.utcoffset() == timedelta(0)
    host = urlsplit(str(app.extensions["tremplin"].config.get("app", "base_url"))).hostname
    assert vevent["UID"] == f"event-{event.id}@{host}" and int(vevent["SEQUENCE"]) == 0
    assert str(vevent["LOCATION"]) == "Abidjan"


def test_an_update_raises_the_sequence(app, client_for, make_user, make_event):
    event = make_event(kind="trade_mission", countries="SN", sectors="C10")
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    form = orga.get(f"/fr/events/{event.id}/edit")
    data = mission_form(csrf_token(form.text), title="Mission Dakar (nouvelles dates)")
    assert orga.post(f"/fr/events/{event.id}/edit", data=data).status_code == 302
    (vevent,) = _events(orga.get(f"/fr/events/{event.id}/event.ics").data)
    assert int(vevent["SEQUENCE"]) == 1
    assert vevent.decoded("DTSTART").isoformat() == "2031-03-02T09:00:00+00:00"  # Dakar is UTC


def test_feed_lists_registered_events_and_meetings_and_needs_the_token(
    app, client, member_with_company, make_event
):
    mission = make_event(kind="trade_mission", meeting_tables=2, title="Mission Dakar")
    other = make_event(title="Atelier non inscrit")
    awa = member_with_company("awa", "Saveurs du Sine")
    ahmed = member_with_company("ahmed", "Madrasa Num", "MA")
    accepted_meeting(mission, ahmed, awa, slots=2)
    token = member_settings(awa.id).feed_token
    db.session.commit()
    answer = client.get(f"/events-feed/{token}.ics")
    cal = Calendar.from_ical(answer.data)
    assert str(cal["X-WR-CALNAME"]) == "Tremplin · Mes événements"
    titles = [str(v["SUMMARY"]) for v in cal.walk("VEVENT")]
    assert "Mission Dakar" in titles and "Rendez-vous B2B · Mission Dakar" in titles
    assert other.title not in titles
    assert client.get("/events-feed/not-a-token.ics").status_code == 404
    assert client.get(f"/events-feed/{'x' * 80}.ics").status_code == 404


def test_calendar_page_shows_the_webcal_link_and_resets_the_token(
    app, client_for, member_with_company
):
    awa = member_with_company("awa", "Saveurs du Sine")
    member = client_for("awa")
    page = member.get("/fr/events/calendar")
    old = member_settings(awa.id).feed_token
    assert f"webcal://localhost/events-feed/{old}.ics" in page.text
    member.post(
        "/fr/events/calendar", data={"reset-csrf_token": csrf_token(page.text), "reset-submit": "1"}
    )
    db.session.expire_all()
    assert member_settings(awa.id).feed_token != old
    assert member.get(f"/events-feed/{old}.ics").status_code == 404


def test_google_and_outlook_links(app, client, make_event):
    event = make_event(title="Webinaire export")
    page = client.get(f"/fr/events/{event.id}").text
    assert (
        "https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Webinaire+export"
        in page
    )
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in page
