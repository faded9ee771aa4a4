"""Shared fixtures of the events tests: an app with the plugin (and the demo
webinar provider), companies with members, and an event factory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

OVERRIDES: dict[str, dict[str, Any]] = {
    "plugins": {"enabled": ["pages", "events"]},
    "events": {"dummy_provider": True},
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
        db.session.add(Profile(user_id=user.id, company_id=firm.id, job_title="CEO",
                               language=language))
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
        start = datetime.now().astimezone().replace(microsecond=0) + timedelta(days=days)
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
