"""Distribution: after an event ends (fake events plugin), to a segment, recurring
waves, reminders, closing and the retention purge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tremplin.core.api import db
from tremplin.plugins.surveys.distribution import (
    close_due,
    purge_expired,
    run_recurring,
    send_reminders,
)
from tremplin.plugins.surveys.models import Invitation, Response

from .fixtures import fake_events, links_in_mail

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys"]}}
EXTRA_PLUGINS = [fake_events()]


def utc(*parts: int) -> datetime:
    """A naive UTC moment, as the tables store them."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


NPS = {"kind": "nps", "label_fr": "Recommanderiez-vous la mission ?", "required": True}


def test_survey_goes_to_participants_when_the_event_ends(app, make_user, build_survey):
    events = fake_events()
    awa, ben, _other = make_user("awa"), make_user("ben"), make_user("other")
    survey = build_survey([NPS], audience="event", event_id=41)
    build_survey([NPS], audience="event", event_id=99, title_fr="Autre")
    events.add_event(41, utc(2030, 5, 2, 18), [awa.id, ben.id])
    assert events.end_finished(utc(2030, 5, 2, 12)) == []  # not over yet
    assert db.session.query(Invitation).count() == 0
    assert events.end_finished(utc(2030, 5, 3, 9)) == [41]  # time travelled
    invited = {i.user_id for i in db.session.query(Invitation).filter_by(survey_id=survey.id)}
    assert invited == {awa.id, ben.id}
    assert len(links_in_mail(app, "awa@example.org")) == 1
    assert links_in_mail(app, "other@example.org") == []
    # a second announcement never invites twice
    from tremplin.plugins.surveys.distribution import on_event_ended

    assert on_event_ended(41) == 0


def test_closed_or_draft_surveys_are_not_sent(app, make_user, build_survey):
    events = fake_events()
    awa = make_user("awa")
    survey = build_survey([NPS], audience="event", event_id=7)
    survey.state = "closed"
    db.session.commit()
    events.add_event(7, utc(2020, 1, 1), [awa.id])
    events.end_finished(utc(2020, 1, 2))
    assert db.session.query(Invitation).count() == 0


def test_recurring_waves_and_reminders(app, make_user, build_survey):
    awa = make_user("awa")
    start = utc(2031, 1, 1, 8)
    survey = build_survey([NPS], audience="segment", recurrence_months=3, reminder_days=7)
    survey.next_run_at = start
    db.session.commit()
    assert run_recurring(start - timedelta(days=1)) == 0
    assert run_recurring(start) == 1
    assert survey.wave == 1
    first = db.session.query(Invitation).filter_by(user_id=awa.id, wave=1).one()
    assert send_reminders(start + timedelta(days=3)) == 0  # too early
    old_hash = first.token_hash
    assert send_reminders(start + timedelta(days=8)) == 1
    assert first.reminded_at is not None and first.token_hash != old_hash
    assert send_reminders(start + timedelta(days=9)) == 0  # reminded once
    assert run_recurring(start + timedelta(days=89)) == 0
    assert run_recurring(start + timedelta(days=91)) == 1
    assert survey.wave == 2
    assert db.session.query(Invitation).filter_by(user_id=awa.id).count() == 2


def test_closing_date_and_retention_purge(app, build_survey):
    survey = build_survey([NPS], closes_at=utc(2030, 1, 1), retention_days=30)
    assert close_due(utc(2029, 12, 31)) == 0
    assert close_due(utc(2030, 1, 2)) == 1
    assert survey.state == "closed"
    db.session.add(Response(survey_id=survey.id, wave=1, submitted_on=utc(2030, 1, 1).date()))
    db.session.add(Response(survey_id=survey.id, wave=1, submitted_on=utc(2030, 2, 20).date()))
    db.session.commit()
    assert purge_expired(utc(2030, 3, 1)) == 1
    assert db.session.query(Response).count() == 1


def test_segment_by_sector_section_country_and_export_stage(app, make_user, build_survey):
    from tremplin.core.testing.members import give_company
    from tremplin.plugins.surveys.distribution import segment_members

    awa, ben, chloe = (make_user(name) for name in ("awa", "ben", "chloe"))
    give_company(awa, "Atelier Dakar", "SN", "C10")
    give_company(ben, "Ferme Thiès", "SN", "A01")
    give_company(chloe, "Usine Québec", "CA", "C13")
    survey = build_survey([NPS], audience="segment", seg_sector="C")
    assert sorted(segment_members(survey)) == sorted([awa.id, chloe.id])  # the whole section
    survey.seg_country = "SN"
    assert segment_members(survey) == [awa.id]
    survey.seg_country, survey.seg_sector = "", "C13"
    assert segment_members(survey) == [chloe.id]
    survey.seg_sector, survey.seg_export = "", "growing"
    assert segment_members(survey) == []  # every company here is a first-time exporter
