"""The whole path of issue 13 in a real browser (Chromium, no JavaScript needed):
an organiser creates a trade mission with a meeting grid and a webinar; Awa and
Ahmed register and the mission is full; Binta waits and is promoted when Ahmed
cancels; Ahmed waits in turn and is promoted when the organiser adds a seat; he
asks Awa for a meeting, she accepts, both agendas and calendar feeds show it;
Awa's webinar link is not a moderator link; both record an outcome and the
organiser's funnel counts it. Every page is checked with axe, at 320 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask
from icalendar import Calendar

from tremplin.core.testing.browser import axe_violations, live_app, sign_in

pytestmark = pytest.mark.browser

PEOPLE = (
    ("awa", "Saveurs du Sine", "SN"),
    ("ahmed", "Madrasa Num", "MA"),
    ("binta", "Wax Éthique", "CI"),
)


def _seed(app: Flask) -> None:
    from tremplin.core.accounts import Company, Profile, create_user
    from tremplin.core.api import db
    from tremplin.core.testing.fixtures import TEST_PASSWORD

    with app.app_context():
        create_user(
            "orga", "orga@example.org", "Odile", "Organisatrice", TEST_PASSWORD, ["Moderator"]
        )
        for username, company, country in PEOPLE:
            user = create_user(
                username,
                f"{username}@example.org",
                username.title(),
                "Test",
                TEST_PASSWORD,
                ["Company"],
            )
            firm = Company(name=company, country=country, sector="C10")
            db.session.add(firm)
            db.session.flush()
            db.session.add(Profile(user_id=user.id, company_id=firm.id, job_title="CEO"))
        db.session.commit()
        db.session.remove()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, template_database: str) -> Iterator[Any]:
    overrides = {
        "plugins": {"enabled": ["pages", "events"]},
        "events": {"dummy_provider": True},
        "accounts": {"mfa_required_roles": []},
        "limits": {"default": "100000 per hour"},
    }
    with live_app(
        tmp_path_factory.mktemp("events-live"), template_database, overrides, seed=_seed
    ) as found:
        yield found


def _check(page: Any, shots: Any = None, name: str = "") -> None:
    assert axe_violations(page) == [], page.url
    if shots is not None:
        for width in (320, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(shots / f"events-{name}-{width}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not overflow, f"{name} overflows at {width} px"
        page.set_viewport_size({"width": 1280, "height": 900})


def _person(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, base, username)
    assert "/login" not in page.url
    return page


def _submit(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _create_mission(orga: Any, base: str, shots: Any) -> str:
    start = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=10)
    orga.goto(f"{base}/fr/events/new")
    _check(orga)
    orga.fill("#title", "Mission commerciale Dakar")
    orga.select_option("#kind", "trade_mission")
    orga.select_option("#timezone", "Africa/Dakar")
    orga.fill("#starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    orga.fill("#ends_at", (start + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))
    orga.fill("#place", "Dakar, CICAD")
    orga.select_option("#countries", ["SN"])
    orga.select_option("#sectors", ["C10"])
    orga.fill("#capacity", "2")
    _submit(orga, "main form button[type=submit]")
    assert "/manage" in orga.url, orga.text_content(".error-summary")
    orga.fill("#first_slot", (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    orga.fill("#count", "4")
    orga.fill("#tables", "2")
    _submit(orga, "form[action$='/grid'] button")
    assert "4 créneaux, 2 tables." in orga.text_content("main")
    orga.select_option("#provider", "dummy")
    _submit(orga, "form[action$='/webinar'] button")
    assert "Salle créée (dummy)." in orga.text_content("main")
    _check(orga, shots, "manage")
    return orga.url.rsplit("/", 1)[0]  # .../fr/events/<id>


def _register(page: Any, event_url: str) -> str:
    page.goto(event_url)
    _submit(page, "form[action$='/register'] button")
    return str(page.text_content(".registration"))


def test_trade_mission_from_creation_to_funnel(browser, server, screenshots):
    _app, base = server
    orga = _person(browser, base, "orga")
    event_url = _create_mission(orga, base, screenshots)
    awa, ahmed, binta = (_person(browser, base, n) for n, _c, _p in PEOPLE)

    assert "Vous êtes inscrit·e." in _register(awa, event_url)
    assert "Vous êtes inscrit·e." in _register(ahmed, event_url)
    assert "liste d’attente (position 1)" in _register(binta, event_url)
    _check(binta, screenshots, "event")
    _submit(ahmed, "form[action$='/cancel'] button")
    binta.reload()
    assert "Vous êtes inscrit·e." in binta.text_content(".registration")  # promoted
    assert "liste d’attente (position 1)" in _register(ahmed, event_url)
    orga.goto(f"{event_url}/edit")
    orga.fill("#capacity", "3")
    _submit(orga, "main form button[type=submit]")
    ahmed.reload()
    assert "Vous êtes inscrit·e." in ahmed.text_content(".registration")

    ahmed.goto(f"{event_url}/meetings")
    _check(ahmed, screenshots, "meetings")
    person = ahmed.locator("li.person", has_text="Saveurs du Sine")
    person.locator("textarea").fill("Bonjour Awa, parlons distribution au Maroc.")
    with ahmed.expect_navigation():
        person.locator("button").click()
    assert "Votre demande de rendez-vous est envoyée." in ahmed.text_content("main")
    awa.goto(f"{event_url}/meetings")
    assert "parlons distribution au Maroc" in awa.text_content("main")
    _submit(awa, "form[action$='/accept'] button")
    for page, other in ((awa, "Ahmed"), (ahmed, "Awa")):
        page.goto(f"{event_url}/agenda")
        assert other in page.text_content(".agenda-table")
        page.goto(f"{base}/fr/events/calendar")
        feed = page.input_value("#feed-url")
        cal = Calendar.from_ical(page.request.get(feed).body())
        titles = [str(v["SUMMARY"]) for v in cal.walk("VEVENT")]
        assert "Rendez-vous B2B · Mission commerciale Dakar" in titles
        assert "Mission commerciale Dakar" in titles
    _check(awa, None)
    awa.goto(f"{event_url}/agenda")
    _check(awa, screenshots, "agenda")

    awa.goto(event_url)
    form = awa.locator("form[action$='/join']")
    token = form.locator("input[name=csrf_token]").input_value()
    joined = awa.request.post(f"{event_url}/join", form={"csrf_token": token}, max_redirects=0)
    assert joined.status == 302
    assert "role=attendee" in joined.headers["location"]
    assert "moderator" not in joined.headers["location"]

    for page, value in ((awa, "agreement"), (ahmed, "discussion")):
        page.goto(f"{event_url}/outcomes")
        page.check(f"input[value={value}]")
        _submit(page, "form.outcome-form button")
        assert "la suite de ce rendez-vous est enregistrée" in page.text_content("main")
    _check(awa, None)
    orga.goto(f"{event_url}/funnel")
    assert orga.text_content("[data-step=registered]") == "3"
    assert orga.text_content("[data-step=meetings]") == "1"
    assert orga.text_content("[data-step=discussions]") == "1"
    assert orga.text_content("[data-step=agreements]") == "1"
    _check(orga)
    orga.goto(f"{event_url}/grid/full")
    assert "Ahmed" in orga.text_content(".meeting-grid")
    _check(orga)

    awa.goto(f"{base}/fr/events/")
    _check(awa)
    awa.goto(f"{base}/fr/events/month")
    _check(awa, screenshots, "month")
    awa.goto(f"{base}/en/events/")
    assert awa.text_content("h1") == "Events"
    _check(awa)
    for page in (orga, awa, ahmed, binta):
        page.context.close()
