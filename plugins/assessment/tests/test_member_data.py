"""Activity records (KPIs), GDPR export and erasure, the level shown on a company page,
the sharing choice and the completion event."""

from __future__ import annotations

from flask import current_app, render_template_string
from sqlalchemy import select

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token

from ..models import Attempt, Sharing
from .fixtures import ENABLED, take

CONFIG_OVERRIDES = ENABLED


def _pm():
    return current_app.extensions["tremplin"].pm


def test_starting_and_completing_are_recorded_for_the_kpis(client, member):
    attempt_id = take(client, "high")
    activity = db.metadata.tables["core_activity"]
    rows = db.session.execute(
        select(activity.c.event, activity.c.user_id, activity.c.subject_id, activity.c.data)
        .where(activity.c.event.like("assessment.%"))
        .order_by(activity.c.id)
    ).all()
    assert [r.event for r in rows] == ["assessment.started", "assessment.completed"]
    done = rows[-1]
    assert (done.user_id, done.subject_id) == (member.id, str(attempt_id))
    assert done.data == {"score": 100.0, "level": "confirmed", "version": 1}


def test_gdpr_export_then_erasure(client, member):
    attempt_id = take(client, "low")
    exported = [
        p
        for p in _pm().hook.personal_data(user_id=member.id)
        if p and p.label == "Diagnostic export"
    ]
    assert len(exported) == 1
    record = exported[0].records[0]
    assert record["id"] == attempt_id and record["level"] == "primo"
    assert record["answers"]["strategy_plan"] == "none"
    _pm().hook.erase_personal_data(user_id=member.id)
    db.session.commit()
    assert db.session.scalars(select(Attempt).where(Attempt.user_id == member.id)).all() == []


def test_the_level_shows_on_the_company_page_only_when_the_member_chooses(client, member):
    take(client, "high")
    company_id = db.session.scalars(select(Attempt.company_id)).first()

    class Company:
        id = company_id

    def shown():
        with current_app.test_request_context("/fr/"):
            html = render_template_string(
                '{{ slot("directory.company.sections", company=company) }}', company=Company()
            )
        return "Diagnostic export : Exportateur confirmé" in html

    assert not shown()  # nothing shown by default
    page = client.get("/fr/assessment/")
    response = client.post(
        "/fr/assessment/sharing", data={"csrf_token": csrf_token(page.text), "show_level": "yes"}
    )
    assert response.status_code == 302
    assert db.session.get(Sharing, member.id).show_level is True
    assert shown()
    forged = client.post(
        "/fr/assessment/sharing", data={"csrf_token": csrf_token(page.text), "show_level": "<b>"}
    )
    assert forged.status_code == 400
    assert db.session.get(Sharing, member.id).show_level is True


def test_onboarding_step_badges_and_back_office_figure(client, member):
    from tremplin.core.api import members

    me = next(m for m in members(limit=50) if m.id == member.id)

    def step():
        with current_app.test_request_context("/fr/dashboard"):
            return next(
                s
                for answer in _pm().hook.onboarding_steps(member=me)
                for s in answer or ()
                if s.key == "assessment.take"
            )

    assert step().done is False and step().url == "/fr/assessment/"
    take(client, "high")
    assert step().done is True
    badges = {b.key: b for answer in _pm().hook.register_badges() for b in answer or ()}
    assert badges["assessment.confirmed"].where == {"level": "confirmed"}
    assert badges["assessment.first"].event == "assessment.completed"
    dashboard = client.get("/fr/dashboard")
    assert "Exportateur confirmé" in dashboard.text
    with current_app.test_request_context("/admin/"):
        figure = next(
            f
            for answer in _pm().hook.backoffice_figures()
            for f in answer or ()
            if f.key == "assessment.completion"
        )
    assert figure.value == 1 and "100.0" in str(figure.hint)
