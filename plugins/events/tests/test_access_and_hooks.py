"""Extended access during a mission (time-boxed), the hooks other plugins use
(event_participants, event_summary, the directory's company_missions), the
dashboard card and the GDPR export and erasure."""

from __future__ import annotations

from tremplin.core.api import db
from tremplin.plugins.events.gdpr import erase, export
from tremplin.plugins.events.models import Meeting, Registration
from tremplin.plugins.events.registration import register
from tremplin.plugins.events.times import utc

from .fixtures import OVERRIDES, accepted_meeting

CONFIG_OVERRIDES = OVERRIDES


def test_participants_keep_the_mission_area_for_access_days_after_the_end(
    app, client_for, make_user, member_with_company, make_event
):
    recent = make_event(days=-10, kind="economic_mission", access_days=30)
    old = make_event(days=-40, kind="economic_mission", access_days=30)
    awa = member_with_company("awa", "Saveurs du Sine")
    register(recent, awa.id)
    register(old, awa.id)
    member = client_for("awa")
    assert member.get(f"/fr/events/{recent.id}/meetings").status_code == 200
    assert member.get(f"/fr/events/{old.id}/meetings").status_code == 404  # the grant ended
    assert member.get(f"/fr/events/{old.id}/outcomes").status_code == 404
    assert "Délégation" in member.get(f"/fr/events/{recent.id}").text  # Saveurs du Sine
    assert "Délégation" not in member.get(f"/fr/events/{old.id}").text
    make_user("orga", roles=["Moderator"])
    assert client_for("orga").get(f"/fr/events/{old.id}/meetings").status_code == 200
    workshop = make_event(kind="workshop")
    register(workshop, awa.id)
    assert member.get(f"/fr/events/{workshop.id}/meetings").status_code == 404  # no B2B


def test_hooks_answer_for_other_plugins(app, member_with_company, make_event):
    mission = make_event(
        kind="trade_mission", countries="SN CI", sectors="C10", title="Mission Abidjan"
    )
    awa = member_with_company("awa", "Saveurs du Sine")
    register(mission, awa.id)
    hook = app.extensions["tremplin"].pm.hook
    assert hook.event_participants(event_id=mission.id) == [awa.id]
    assert hook.event_participants(event_id=999999) is None
    summary = hook.event_summary(event_id=mission.id)
    assert summary["title"] == "Mission Abidjan" and summary["countries"] == ["SN", "CI"]
    assert summary["starts_at"] == utc(mission.starts_at).isoformat()
    company_id = db.session.get(Registration, register(mission, awa.id).id).company_id
    # The directory declares company_missions; without it the plugin still loads (this
    # app has only pages and events) and its answer is reachable by the hook's name.
    (answer,) = [a for a in hook.company_missions(company_id=company_id) if a]
    assert answer[0]["title"] == "Mission Abidjan" and answer[0]["countries"] == ["SN", "CI"]
    assert answer[0]["url"] == f"/fr/events/{mission.id}"


def test_dashboard_card_lists_upcoming_events_and_meetings(
    app, client_for, member_with_company, make_event
):
    mission = make_event(kind="trade_mission", meeting_tables=1, title="Mission Tunis")
    awa = member_with_company("awa", "Saveurs du Sine")
    ahmed = member_with_company("ahmed", "Madrasa Num", "MA")
    accepted_meeting(mission, ahmed, awa)
    page = client_for("awa").get("/fr/dashboard").text
    main = page[page.index("<main") :]
    assert "Mes prochains événements" in main, main
    assert "Rendez-vous B2B · Mission Tunis" in main, main


def test_gdpr_export_and_erasure(app, member_with_company, make_event):
    mission = make_event(kind="trade_mission", meeting_tables=1, questions="Objectif ?")
    awa = member_with_company("awa", "Saveurs du Sine")
    ahmed = member_with_company("ahmed", "Madrasa Num", "MA")
    register(mission, awa.id, ["Exporter au Maroc"])
    meeting = accepted_meeting(mission, awa, ahmed)
    data = export(awa.id)
    kinds = [r["type"] for r in data.records]
    assert "registration" in kinds and "meeting" in kinds
    assert any("Exporter au Maroc" in str(r.get("answers")) for r in data.records)
    erase(awa.id)
    db.session.commit()
    db.session.expire_all()
    assert db.session.query(Registration).filter_by(user_id=awa.id).count() == 0
    kept = db.session.get(Meeting, meeting.id)
    assert kept.requester_id == 0 and kept.message == "" and kept.state == "cancelled"
    assert not export(awa.id).records


def test_upcoming_missions_and_events_are_recommended_after_an_assessment(app, make_event):
    from types import SimpleNamespace

    from tremplin.plugins.events.recommendations import event_recommendations

    make_event(kind="trade_mission", title="Mission Abidjan", days=20)
    make_event(kind="webinar", title="Webinaire douanes", days=5)
    make_event(kind="workshop", title="Atelier passé", days=-5)
    weak = SimpleNamespace(user_id=1, weak_topics=("networks", "compliance"), language="fr")
    with app.test_request_context():  # the report page asks, inside its request
        found = event_recommendations(weak)
        answers = app.extensions["tremplin"].pm.hook.assessment_recommendations(result=weak)
    assert [(r["dimension"], r["priority"]) for r in found] == [("compliance", 3), ("networks", 2)]
    assert "« Webinaire douanes »" in found[0]["text"] and "Mission Abidjan" in found[1]["text"]
    assert found[1]["url"].startswith("/fr/events/")
    assert found in answers
