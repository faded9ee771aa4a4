"""End to end: a replied conversation counts as a successful connection in the
KPIs (messaging and kpis enabled together; they share no import)."""

from __future__ import annotations

from tremplin.core.api import db
from tremplin.plugins.kpis.aggregation import catch_up
from tremplin.plugins.kpis.figures import Range, figures
from tremplin.plugins.kpis.models import utcnow

from ..services import post, start
from .fixtures import CONFIG, member

CONFIG_OVERRIDES = {**CONFIG, "plugins": {"enabled": ["pages", "messaging", "kpis"]}}


def test_replied_conversations_are_successful_connections(app, people):
    ahmed, awa, moussa = (member(u) for u in (people.ahmed, people.awa, people.moussa))
    replied, _message = start(ahmed, [awa.id], "Bonjour Awa")
    post(replied, awa, "Bonjour Ahmed")
    post(replied, awa, "Quand nous voyons-nous ?")
    start(ahmed, [moussa.id], "Bonjour Moussa")  # no answer: not a connection
    db.session.commit()
    today = utcnow().date()
    catch_up(since=today, until=today)
    values = figures(Range(today, today)).values
    assert values["connections"] == 1
