"""Surveys without the events plugin, beside the KPI plugin: the plugin loads
alone (``event_ended`` is optional), and answers feed the KPIs' NPS and impact."""

from __future__ import annotations

from datetime import timedelta

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.kpis.aggregation import catch_up
from tremplin.plugins.kpis.figures import Range, figures
from tremplin.plugins.kpis.models import utcnow
from tremplin.plugins.surveys.distribution import event_participants, invite, on_event_ended

from .fixtures import links_in_mail

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys", "kpis"]}}


def test_answers_feed_the_kpis_without_the_events_plugin(app, client, make_user, build_survey):
    assert event_participants(5) == []  # nobody answers the events plugin's question
    survey = build_survey(
        [
            {"kind": "nps", "label_fr": "Recommanderiez-vous Tremplin ?", "required": True},
            {"kind": "number", "label_fr": "Nouveaux marchés ?", "impact": "markets"},
        ],
        audience="event",
        event_id=5,
    )
    assert on_event_ended(5) == 0
    for name, score, markets in (("awa", "10", "2"), ("ben", "4", "1")):
        user = make_user(name)
        invite(survey, [user.id])
        db.session.commit()
        link = links_in_mail(app, f"{name}@example.org")[0]
        q = survey.questions
        data = {f"q{q[0].id}": score, f"q{q[1].id}": markets}
        page = client.get(link)
        assert (
            client.post(link, data={"csrf_token": csrf_token(page.text), **data}).status_code == 200
        )
    today = utcnow().date()
    catch_up(since=today, until=today)
    values = figures(Range(today - timedelta(days=1), today)).values
    assert values["nps"] == 0.0  # one promoter, one detractor
    assert values["impact_markets"] == 3.0


def test_every_portal_route_answers_every_persona_without_error(app, make_user, build_survey):
    from tremplin.core.testing.urlwalk import assert_no_findings, make_personas, walk

    survey = build_survey([{"kind": "text", "label_fr": "Q"}])
    user = make_user("walked")
    invite(survey, [user.id])
    db.session.commit()
    token = links_in_mail(app, "walked@example.org")[0].rsplit("/", 1)[1]
    findings = walk(app, make_personas(make_user), {"token": [token, "no-such-token"]})
    assert_no_findings(findings)
