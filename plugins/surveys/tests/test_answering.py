"""Answering through a personal link: conditions, validation, single use,
anonymity, closing date, and the activity that feeds the KPIs."""

from __future__ import annotations

import json

from sqlalchemy import text

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.surveys.distribution import invite
from tremplin.plugins.surveys.models import Answer, Invitation, Response

from .fixtures import fake_events, links_in_mail

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys"]}}
EXTRA_PLUGINS = [fake_events()]  # the same app as the distribution tests
QUESTIONS = [
    {
        "kind": "single",
        "label_fr": "Avez-vous rencontré des partenaires ?",
        "label_en": "Did you meet partners?",
        "options": "Oui | Yes\nNon | No",
        "required": True,
    },
    {
        "kind": "number",
        "label_fr": "Combien de partenariats ?",
        "cond_on": 0,
        "cond_values": ["1"],
        "required": True,
        "impact": "partnerships",
    },
    {"kind": "nps", "label_fr": "Recommanderiez-vous la mission ?", "required": True},
    {"kind": "text", "label_fr": "Un commentaire ?"},
    {"kind": "matrix", "label_fr": "Notez", "options": "Bien\nMal", "rows": "Accueil\nAteliers"},
    {
        "kind": "single",
        "label_fr": "Question agro",
        "options": "A\nB",
        "cond_profile": "sector",
        "cond_profile_values": ["A"],
    },
]


def _link(app, make_user, build_survey, **fields):
    user = make_user("awa")
    survey = build_survey(QUESTIONS, **fields)
    invite(survey, [user.id])
    db.session.commit()
    return survey, links_in_mail(app, "awa@example.org")[0]


def _post(client, link, **data):
    page = client.get(link)
    return client.post(link, data={"csrf_token": csrf_token(page.text), **data})


def test_answer_page_states_conditions_and_hides_profile_questions(
    app, client, make_user, build_survey
):
    _survey, link = _link(app, make_user, build_survey)
    page = client.get(link)
    assert page.status_code == 200
    assert "Combien de partenariats ?" in page.text
    assert "Répondez seulement si vous avez répondu « Oui » à la question « Avez-vous" in page.text
    assert "Question agro" not in page.text  # the member's company is not in sector A
    assert "anonymes" in page.text
    english = client.get(link.replace("/fr/", "/en/"))
    assert "Did you meet partners?" in english.text


def test_conditional_answers_are_kept_only_when_the_condition_holds(
    app, client, make_user, build_survey
):
    survey, link = _link(app, make_user, build_survey)
    q = survey.questions
    done = _post(client, link, **{f"q{q[0].id}": "2", f"q{q[1].id}": "3", f"q{q[2].id}": "9"})
    assert done.status_code == 200 and "Merci" in done.text
    stored = {a.question_id: a.value for a in db.session.query(Answer)}
    assert stored == {q[0].id: "2", q[2].id: "9"}  # "3 partnerships" dropped: they answered No
    response = db.session.query(Response).one()
    assert response.user_id is None  # anonymous
    invitation = db.session.query(Invitation).one()
    assert invitation.used_at is not None and invitation.used_at.hour == 0  # only the day


def test_required_conditional_question_and_bad_input(app, client, make_user, build_survey):
    survey, link = _link(app, make_user, build_survey)
    q = survey.questions
    page = _post(
        client, link, **{f"q{q[0].id}": "1", f"q{q[1].id}": "beaucoup", f"q{q[2].id}": "11"}
    )
    assert page.status_code == 400
    assert "Saisissez un nombre" in page.text and "Choix invalide" in page.text
    assert db.session.query(Response).count() == 0
    missing = _post(client, link, **{f"q{q[0].id}": "1", f"q{q[2].id}": "10"})
    assert missing.status_code == 400 and "obligatoire" in missing.text
    too_long = _post(
        client, link, **{f"q{q[0].id}": "2", f"q{q[2].id}": "10", f"q{q[3].id}": "x" * 2001}
    )
    assert too_long.status_code == 400 and "trop long" in too_long.text


def test_single_use_xss_and_activity(app, client, make_user, build_survey):
    survey, link = _link(app, make_user, build_survey)
    q = survey.questions
    xss = "<script>alert(1)</script>"
    data = {
        f"q{q[0].id}": "1",
        f"q{q[1].id}": "2",
        f"q{q[2].id}": "10",
        f"q{q[3].id}": xss,
        f"q{q[4].id}_1": "1",
    }
    assert _post(client, link, **data).status_code == 200
    again = client.get(link)
    assert again.status_code == 410 and "déjà servi" in again.text
    assert db.session.query(Response).count() == 1
    user_id, data = db.session.execute(
        text("SELECT user_id, data FROM core_activity WHERE event = 'surveys.answered'")
    ).one()
    data = json.loads(data) if isinstance(data, str) else data
    assert user_id is None
    assert data["nps"] == 10 and data["impact_partnerships"] == 2.0
    assert client.get("/fr/surveys/r/unknown-token").status_code == 404
    assert client.get("/fr/surveys/r/" + "x" * 300).status_code == 404


def test_identified_mode_keeps_the_member_and_closed_survey_refuses(
    app, client, make_user, build_survey
):
    survey, link = _link(
        app,
        make_user,
        build_survey,
        anonymous=False,
        purpose_fr="Suivi d’impact",
        consent_fr="J’accepte",
    )
    from types import SimpleNamespace

    from tremplin.core.testing.members import give_company

    give_company(SimpleNamespace(id=db.session.query(Invitation).one().user_id), "Atlas", "MA")
    q = survey.questions
    data = {f"q{q[0].id}": "2", f"q{q[2].id}": "5"}
    refused = _post(client, link, **data)
    assert refused.status_code == 400 and "consentement" in refused.text
    assert _post(client, link, consent="yes", **data).status_code == 200
    kept = db.session.query(Response).one()
    assert kept.user_id is not None
    assert (kept.country, kept.sector, kept.export_stage) == ("MA", "C10", "first_time")
    _other, second = _link_for_other(app, make_user, survey)
    survey.state = "closed"
    db.session.commit()
    assert client.get(second).status_code == 410


def _link_for_other(app, make_user, survey):
    user = make_user("ben")
    invite(survey, [user.id])
    db.session.commit()
    return user, links_in_mail(app, "ben@example.org")[0]
