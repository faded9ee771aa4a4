"""Shared fixtures of the events tests: an app with the plugin (and the demo
webinar provider), companies with members, and an event factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

OVERRIDES: dict[str, dict[str, Any]] = {
    "plugins": {"enabled": ["pages", "events"]},
    "events": {
        "dummy_provider": True,
        "jitsi_url": "https://meet.example.org",
        "jitsi_app_id": "tremplin",
        "jitsi_secret": "jitsi-test-secret-0123456789-abcdef",
        "bbb_url": "http://127.0.0.1:9/bigbluebutton/",  # nothing listens: never called here
        "bbb_secret": "bbb-test-secret-0123456789",
    },
    "limits": {"default": "100000 per hour"},
}


@pytest.fixture
def member_with_company(app: Any, make_user: Callable[..., Any]) -> Callable[..., Any]:
    """``member_with_company("awa", "Saveurs du Sine", "SN")``: a Company member."""
    from tremplin.core.accounts import Company, Profile
    from tremplin.core.api import db

    def make(username: str, company: str, country: str = "SN", language: str = "fr") -> Any:
        user = make_user(username, roles=["Company"])
        firm = Company(name=company, country=country, sector="C10")
        db.session.add(firm)
        db.session.flush()
        db.session.add(
            Profile(user_id=user.id, company_id=firm.id, job_title="CEO", language=language)
        )
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_event(app: Any) -> Callable[..., Any]:
    """``make_event(kind="trade_mission", capacity=2, days=10)``: an event starting
    ``days`` from now (negative: in the past), lasting ``hours``."""
    from tremplin.core.api import db
    from tremplin.plugins.events.models import Event

    def make(days: float = 10, hours: float = 3, **values: Any) -> Event:
        start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=days)
        event = Event(
            kind=values.pop("kind", "workshop"),
            title=values.pop("title", "Atelier export"),
            starts_at=start,
            ends_at=start + timedelta(hours=hours),
            timezone=values.pop("timezone", "Africa/Dakar"),
            organiser=values.pop("organiser", "OIF"),
            **values,
        )
        db.session.add(event)
        db.session.commit()
        return event

    return make


@pytest.fixture
def client_for(app: Any) -> Callable[[str], Any]:
    """A new test client signed in as ``username`` (several members side by side)."""
    from tremplin.core.testing.accounts import answer_second_step, isolate_requests
    from tremplin.core.testing.fixtures import TEST_PASSWORD, csrf_token

    isolate_requests(app)  # each client's requests see their own member on ``g``

    def make(username: str) -> Any:
        client = app.test_client()
        page = client.get("/fr/login")
        response = client.post(
            "/fr/login",
            data={
                "login": username,
                "password": TEST_PASSWORD,
                "csrf_token": csrf_token(page.text),
            },
        )
        answer_second_step(client, response, username, "fr")
        return client

    return make


def mission_form(csrf: str, **changes: Any) -> dict[str, Any]:
    """The event form as an organiser fills it for a trade mission in Dakar."""
    data = {
        "csrf_token": csrf,
        "title": "Mission Dakar",
        "kind": "trade_mission",
        "timezone": "Africa/Dakar",
        "starts_at": "2031-03-02T09:00",
        "ends_at": "2031-03-04T18:00",
        "organiser": "OIF",
        "language": "fr",
        "countries": ["SN"],
        "sectors": ["C10"],
        "published": "y",
    }
    return {**data, **changes}


def accepted_meeting(mission: Any, requester: Any, recipient: Any, slots: int = 1) -> Any:
    """Register both, give the mission a grid of ``slots`` and have ``recipient``
    accept ``requester``'s request."""
    from tremplin.core.api import db
    from tremplin.plugins.events.meetings import accept, make_slots, request_meeting
    from tremplin.plugins.events.registration import register
    from tremplin.plugins.events.times import utc

    register(mission, requester.id)
    register(mission, recipient.id)
    make_slots(mission, utc(mission.starts_at), 30, slots)
    db.session.commit()
    return accept(request_meeting(mission, requester.id, recipient.id, "Bonjour"), recipient.id)
