"""The calendar without JavaScript: list and month views, filters kept in the
URL, times in the member's zone and the event's, multi-day events on each day,
escaping, unpublished events hidden, the organiser's creation form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.events.models import Event
from tremplin.plugins.events.services import set_member_zone
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES, mission_form

CONFIG_OVERRIDES = OVERRIDES


def test_list_filters_by_type_country_sector_mode_and_dates(app, client, make_event):
    make_event(
        kind="webinar", title="Webinaire Canada", countries="CA-QC", sectors="J62", online=True
    )
    make_event(
        kind="trade_mission", title="Mission Sénégal", countries="SN CI", sectors="C10", days=40
    )
    page = lambda query: client.get(f"/fr/events/?{query}").text  # noqa: E731
    assert "Webinaire Canada" in page("") and "Mission Sénégal" in page("")
    assert "Webinaire Canada" not in page("kind=trade_mission")
    assert "Mission Sénégal" in page("country=CI") and "Webinaire Canada" in page("country=CA")
    assert "Mission Sénégal" in page("sector=C") and "Webinaire Canada" not in page("sector=C10")
    assert "Mission Sénégal" not in page("mode=online")
    later = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    assert "Webinaire Canada" not in page(f"from={later}") and "Mission Sénégal" in page(
        f"from={later}"
    )
    filtered = page("kind=webinar&country=CA")
    assert 'value="webinar" selected' in filtered  # the state is in the URL and the form
    assert "kind=webinar" in filtered and "country=CA" in filtered  # view links keep it
    assert client.get("/fr/events/?kind=<script>&from=not-a-date").status_code == 200


def test_times_show_in_the_members_zone_and_the_events(
    app, client_for, member_with_company, make_event
):
    event = make_event(title="Mission Hanoï", timezone="Asia/Ho_Chi_Minh")
    event.starts_at = datetime(2030, 1, 15, 2, 0, tzinfo=UTC)  # UTC
    event.ends_at = datetime(2030, 1, 17, 10, 0, tzinfo=UTC)
    awa = member_with_company("awa", "Saveurs du Sine")
    set_member_zone(awa.id, "America/Montreal")
    page = client_for("awa").get(f"/fr/events/{event.id}").text
    assert "09:00 (UTC+7)" in page  # Hanoi
    assert "21:00 (UTC-5)" in page  # the evening before, in Montreal
    assert "Asia/Ho_Chi_Minh" in page


def test_month_view_puts_a_multi_day_event_on_each_of_its_days(app, client, make_event):
    event = make_event(title="Salon de Casablanca", hours=60)
    start = utc(event.starts_at)
    page = client.get(f"/fr/events/month?year={start.year}&month={start.month}").text
    assert page.count("Salon de Casablanca") >= 3
    assert client.get("/fr/events/month?year=2026&month=13").status_code == 404
    assert client.get("/en/events/month?year=2030&month=1").status_code == 200


def test_titles_are_escaped_and_unpublished_events_hidden(app, client, make_event):
    shown = make_event(title="<img src=x onerror=alert(1)>")
    hidden = make_event(title="Brouillon", published=False)
    page = client.get(f"/fr/events/{shown.id}").text
    assert "<img src=x" not in page and "&lt;img src=x" in page
    assert "Brouillon" not in client.get("/fr/events/").text
    assert client.get(f"/fr/events/{hidden.id}").status_code == 404
    assert client.get(f"/fr/events/{hidden.id}/event.ics").status_code == 404
    assert client.get("/fr/events/999999").status_code == 404


def test_organisers_create_events_and_members_cannot(
    app, client_for, make_user, member_with_company
):
    member_with_company("awa", "Saveurs du Sine")
    assert client_for("awa").get("/fr/events/new").status_code == 404
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    form = orga.get("/fr/events/new")
    base = mission_form(csrf_token(form.text), capacity="2")
    wrong = orga.post("/fr/events/new", data={**base, "ends_at": "2031-03-01T09:00"})
    assert wrong.status_code == 400 and "La fin doit être postérieure au début." in wrong.text
    bad_zone = orga.post("/fr/events/new", data={**base, "timezone": "Mars/Olympus"})
    assert bad_zone.status_code == 400
    empty = orga.post("/fr/events/new", data={**base, "title": ""})
    assert empty.status_code == 400 and 'value="Mission Dakar"' not in empty.text
    assert orga.post("/fr/events/new", data=base).status_code == 302
    from tremplin.core.api import db

    event = db.session.query(Event).filter_by(title="Mission Dakar").one()
    assert event.countries == "SN" and event.capacity == 2
    assert utc(event.starts_at).hour == 9  # Dakar is UTC+0


def test_created_events_are_found_by_the_site_search_until_unpublished(
    app, client, client_for, make_user
):
    make_user("orga", roles=["Moderator"])
    orga = client_for("orga")
    form = orga.get("/fr/events/new")
    data = mission_form(csrf_token(form.text), title="Mission Karité Ouagadougou")
    assert orga.post("/fr/events/new", data=data).status_code == 302
    found = client.get("/fr/search?q=Karité").text
    assert "Mission Karité Ouagadougou" in found and "/fr/events/" in found
    from tremplin.core.api import db

    event = db.session.query(Event).filter_by(title="Mission Karité Ouagadougou").one()
    page = orga.get(f"/fr/events/{event.id}/edit")
    hidden = {k: v for k, v in mission_form(csrf_token(page.text)).items() if k != "published"}
    hidden["title"] = "Mission Karité Ouagadougou"
    assert orga.post(f"/fr/events/{event.id}/edit", data=hidden).status_code == 302
    assert "Mission Karité Ouagadougou" not in client.get("/fr/search?q=Karité").text
