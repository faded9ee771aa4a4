"""Editing and reordering questions, renaming sections, the condition editor (by
label, profile lists) and what an answered question may no longer change."""

from __future__ import annotations

from datetime import date

from tremplin.core.api import db
from tremplin.core.testing.fixtures import csrf_token
from tremplin.plugins.surveys.models import Answer, Question, Response

from .fixtures import fake_events

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys"]}}
EXTRA_PLUGINS = [fake_events()]  # the same app as the other surveys tests
BASE = "/admin/surveys"
QUESTIONS = [
    {"kind": "single", "label_fr": "Exportez-vous ?", "options": "Oui | Yes\nNon | No\nBientôt"},
    {"kind": "nps", "label_fr": "Recommanderiez-vous ?", "section_fr": "Avis"},
    {
        "kind": "text",
        "label_fr": "Pourquoi ?",
        "section_fr": "Avis",
        "cond_on": 0,
        "cond_values": ["3"],
    },
    {"kind": "number", "label_fr": "Combien de marchés ?", "section_fr": "Impact"},
]
BLANK = {"cond_question_id": "", "cond_profile": "", "impact": "", "kind": "text"}


def _admin(make_user, login):
    make_user("chief", roles=["Admin"])
    login("chief")


def _post(client, url, page_url, **data):
    page = client.get(page_url)
    return client.post(url, data={"csrf_token": csrf_token(page.text), **data})


def _questions(survey):
    db.session.expire_all()
    return list(db.session.query(Question).filter_by(survey_id=survey.id).order_by("position"))


def _edit(client, survey, question, **data):
    url = f"{BASE}/{survey.id}/questions/{question.id}"
    return _post(client, url, url, **{**BLANK, **data})


def _answer(survey, question, value="1"):
    response = Response(survey_id=survey.id, submitted_on=date(2031, 1, 2))
    response.answers.append(Answer(question_id=question.id, value=value))
    db.session.add(response)
    db.session.commit()


def test_condition_editor_lists_earlier_questions_and_answers_by_label(
    app, client, make_user, login, build_survey
):
    _admin(make_user, login)
    survey = build_survey(QUESTIONS)
    first, nps, why, markets = _questions(survey)
    page = client.get(f"{BASE}/{survey.id}/questions/{why.id}")
    assert page.status_code == 200
    assert f'<option selected value="{first.id}:3">Bientôt</option>' in page.text
    assert f'value="{nps.id}:10">10</option>' in page.text
    assert f'value="{markets.id}"' not in page.text  # a later question is not offered
    assert 'value="growing">En croissance internationale' in page.text
    assert 'value="C10"' in page.text  # the ISIC reference list
    saved = _edit(
        client,
        survey,
        markets,
        kind="number",
        label_fr="Combien de marchés ?",
        cond_question_id=str(first.id),
        cond_values=[f"{first.id}:1", f"{first.id}:3"],
        cond_profile="export_stage",
        cond_export_stages=["growing", "experienced"],
        cond_sectors=["C"],  # ignored: the profile condition is on the export stage
    )
    assert saved.status_code == 302
    markets = _questions(survey)[3]
    assert markets.cond_question_id == first.id and markets.cond_values == ["1", "3"]
    assert markets.cond_profile_values == ["growing", "experienced"]


def test_invalid_conditions_are_refused_with_a_clear_message(
    app, client, make_user, login, build_survey
):
    _admin(make_user, login)
    survey = build_survey(QUESTIONS)
    first, nps, why, markets = _questions(survey)
    cases = [
        ({"cond_question_id": str(markets.id), "cond_values": [f"{markets.id}:1"]}, first),
        ({"cond_question_id": str(first.id), "cond_values": [f"{nps.id}:9"]}, markets),
        ({"cond_question_id": str(first.id), "cond_values": [f"{first.id}:7"]}, markets),
        ({"cond_question_id": str(first.id)}, markets),
        ({"cond_question_id": str(why.id), "cond_values": [f"{why.id}:x"]}, markets),
        ({"cond_profile": "sector", "cond_sectors": ["ZZ9"]}, markets),
        ({"cond_profile": "export_stage"}, markets),
    ]
    messages = (
        "question précédente",
        "doivent appartenir à la question choisie",
        "option qui n’existe pas",
        "au moins une réponse",
        "doit porter sur un choix",
        "liste de référence",
        "au moins une valeur du profil",
    )
    for (data, question), message in zip(cases, messages, strict=True):
        fields = {"kind": question.kind, "label_fr": "Nouveau libellé", **data}
        if question.kind == "single":
            fields["options"] = "Oui\nNon\nBientôt"
        refused = _edit(client, survey, question, **fields)
        assert refused.status_code == 400, data
        assert message in refused.text.replace("&#39;", "'"), (data, message)
        assert 'role="alert"' in refused.text
        assert "Nouveau libellé" in refused.text  # nothing typed is lost
    assert [q.label_fr for q in _questions(survey)] == [q["label_fr"] for q in QUESTIONS]
    # Removing the option a later question depends on is refused too.
    removed = _edit(
        client, survey, first, kind="single", label_fr="Exportez-vous ?", options="Oui\nNon"
    )
    assert removed.status_code == 400 and "Pourquoi ?" in removed.text
    assert len(_questions(survey)[0].options) == 3


def test_move_questions_within_and_across_sections_and_rename_sections(
    app, client, make_user, login, build_survey
):
    _admin(make_user, login)
    survey = build_survey(QUESTIONS)
    first, nps, why, markets = _questions(survey)
    edit = f"{BASE}/{survey.id}"

    def move(question, direction):
        url = f"{edit}/questions/{question.id}/move"
        return _post(client, url, edit, direction=direction)

    assert move(markets, "up").status_code == 302  # joins "Avis", keeps its place
    assert [(q.label_fr, q.section_fr) for q in _questions(survey)][3] == (
        "Combien de marchés ?",
        "Avis",
    )
    move(markets, "up")  # then moves within it
    assert [q.id for q in _questions(survey)] == [first.id, nps.id, markets.id, why.id]
    assert move(why, "up").status_code == 302
    move(why, "up")
    assert [q.id for q in _questions(survey)] == [first.id, why.id, nps.id, markets.id]
    move(why, "up")  # at the edge of "Avis": nothing before in its group, first has no section
    blocked = move(why, "up")
    assert [q.id for q in _questions(survey)][:2] == [first.id, why.id]
    assert "doit rester après" in client.get(blocked.location).text
    page = client.get(edit)
    assert "Monter la question 2" in page.text and "Descendre la question 4" not in page.text
    renamed = _post(
        client,
        f"{edit}/sections/1",
        edit,
        **{"s1-old": "Avis", "s1-section_fr": "Votre avis", "s1-section_en": "Your view"},
    )
    assert renamed.status_code == 302
    assert {q.section_fr for q in _questions(survey)} == {"", "Votre avis"}
    assert _post(client, f"{edit}/sections/1", edit, **{"s1-old": "Inconnue"}).status_code == 302
    assert (
        client.post(f"{edit}/questions/{why.id}/move", data={"direction": "up"}).status_code == 400
    )


def test_answered_question_keeps_its_meaning(app, client, make_user, login, build_survey):
    _admin(make_user, login)
    survey = build_survey(QUESTIONS)
    first = _questions(survey)[0]
    _answer(survey, first, "2")
    same = {"kind": "single", "label_fr": "Exportez-vous déjà ?"}
    page = client.get(f"{BASE}/{survey.id}/questions/{first.id}")
    assert "a déjà reçu des réponses" in page.text
    for change in (
        {"kind": "multiple", "options": "Oui\nNon\nBientôt"},
        {"options": "Oui\nNon\nBientôt\nJamais"},
        {"options": "Non\nOui\nBientôt"},  # reordered: the stored "2" would change meaning
    ):
        refused = _edit(client, survey, first, **{**same, **change})
        assert refused.status_code == 400
        assert "les réponses changeraient de sens" in refused.text.replace("&#39;", "'")
    reworded = _edit(
        client,
        survey,
        first,
        **same,
        options="Oui, déjà | Yes, already\nPas encore | Not yet\nBientôt",
        label_en="Do you already export?",
        required="y",
    )
    assert reworded.status_code == 302
    first = _questions(survey)[0]
    assert first.label_fr == "Exportez-vous déjà ?" and first.required
    assert first.option_label("2", "en") == "Not yet"
    edit = f"{BASE}/{survey.id}"
    deleted = _post(client, f"{edit}/questions/{first.id}/delete", edit)
    assert deleted.status_code == 302 and len(_questions(survey)) == 4
    markets = _questions(survey)[3]
    assert _post(client, f"{edit}/questions/{markets.id}/delete", edit).status_code == 302
    assert len(_questions(survey)) == 3  # unanswered, nobody depends on it


def test_members_cannot_edit_or_move_questions(app, client, make_user, login, build_survey):
    survey = build_survey(QUESTIONS)
    first = _questions(survey)[0]
    make_user("awa")
    login("awa")
    url = f"{BASE}/{survey.id}/questions/{first.id}"
    assert client.get(url).status_code in (302, 403, 404)
    for path in (url, f"{url}/move", f"{BASE}/{survey.id}/sections/1"):
        assert client.post(path, data={"label_fr": "x", "direction": "down"}).status_code in (
            302,
            400,
            403,
            404,
        )
    assert _questions(survey)[0].label_fr == "Exportez-vous ?"
    assert client.get(f"{BASE}/{survey.id}/questions/99999").status_code in (302, 403, 404)


def test_broken_stored_condition_is_flagged_on_the_builder(
    app, client, make_user, login, build_survey
):
    _admin(make_user, login)
    survey = build_survey(QUESTIONS)
    why = _questions(survey)[2]
    why.cond_values = ["9"]  # older data: an option that no longer exists
    db.session.commit()
    page = client.get(f"{BASE}/{survey.id}")
    assert "condition invalide : une option choisie n’existe plus" in page.text
    why.cond_values = ["3"]
    db.session.commit()
    assert "condition invalide" not in client.get(f"{BASE}/{survey.id}").text
