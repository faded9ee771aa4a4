"""Results: NPS/CSAT scoring, the anonymity threshold, segment filters, the
longitudinal view, CSV and Word exports."""

from __future__ import annotations

import io
from datetime import date

from docx import Document

from tremplin.core.api import db
from tremplin.plugins.surveys.models import Answer, Response
from tremplin.plugins.surveys.report import csv_export, word_report
from tremplin.plugins.surveys.results import Filters, csat, longitudinal, nps, results

from .fixtures import fake_events

CONFIG_OVERRIDES = {"plugins": {"enabled": ["pages", "surveys"]}}
EXTRA_PLUGINS = [fake_events()]  # the same app as the distribution tests
QUESTIONS = [
    {"kind": "nps", "label_fr": "Recommanderiez-vous ?", "required": True},
    {"kind": "csat", "label_fr": "Satisfait ?"},
    {"kind": "text", "label_fr": "Commentaire"},
]


def add(survey, country, nps_score, csat_score=None, text=None, wave=1, stage=""):
    response = Response(
        survey_id=survey.id,
        wave=wave,
        submitted_on=date(2030, 1, 1),
        country=country,
        export_stage=stage,
    )
    q = survey.questions
    response.answers.append(Answer(question_id=q[0].id, value=str(nps_score), number=nps_score))
    if csat_score is not None:
        response.answers.append(
            Answer(question_id=q[1].id, value=str(csat_score), number=csat_score)
        )
    if text is not None:
        response.answers.append(Answer(question_id=q[2].id, value=text))
    db.session.add(response)


def test_nps_and_csat_scores():
    assert nps([10, 9, 8, 7, 6, 0]) == 0.0  # 2 promoters, 2 detractors of 6
    assert nps([10, 10, 9, 3]) == 50.0
    assert nps([]) is None
    assert csat([5, 4, 3, 1]) == 50.0


def test_anonymous_results_hide_groups_under_five(app, build_survey):
    survey = build_survey(QUESTIONS)
    for score in (10, 10, 9, 5, 7):
        add(survey, "SN", score, csat_score=5)
    add(survey, "CA", 0, text="Secret")
    add(survey, "CA", 10)
    db.session.commit()
    whole = results(survey, Filters(), "fr")
    assert whole.responses == 7 and not whole.hidden
    assert whole.questions[0].score == round(100 * (4 - 2) / 7, 1)
    assert whole.questions[1].score == 100.0
    assert whole.questions[2].hidden  # one comment only: never shown
    canada = results(survey, Filters(country="CA"), "fr")
    assert canada.hidden and canada.responses == 2
    assert all(not item.counts and item.score is None for item in canada.questions)
    assert csv_export(survey, Filters(country="CA"), "fr") is None
    text = csv_export(survey, Filters(), "fr")
    assert text is not None and "Secret" not in text and text.count("\n") == 8


def test_identified_results_show_small_groups_and_exports(app, build_survey):
    survey = build_survey(QUESTIONS, anonymous=False, purpose_fr="Suivi")
    add(survey, "SN", 10, text='=HYPERLINK("http://x")')
    add(survey, "SN", 3, wave=2)
    db.session.commit()
    summary = results(survey, Filters(), "fr")
    assert not summary.hidden and summary.questions[0].score == 0.0
    assert summary.questions[2].texts == ['=HYPERLINK("http://x")']
    assert "'=HYPERLINK" in (csv_export(survey, Filters(), "fr") or "")  # formula neutralised
    waves = longitudinal(survey, "fr")
    assert [(wave, score) for wave, _, score in waves[0][1]] == [(1, 100.0), (2, -100.0)]
    document = Document(io.BytesIO(word_report(survey, Filters(), "fr")))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Bilan de mission" in paragraphs and "NPS : 0.0" in paragraphs


def test_word_report_of_a_too_small_anonymous_group(app, build_survey):
    survey = build_survey(QUESTIONS)
    add(survey, "SN", 10)
    db.session.commit()
    document = Document(io.BytesIO(word_report(survey, Filters(), "en")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "10" not in text.replace("Responses: 1", "")


def test_results_filtered_by_export_stage(app, client, make_user, login, build_survey):
    from tremplin.plugins.surveys.results import segments

    survey = build_survey(QUESTIONS, anonymous=False, purpose_fr="Suivi")
    add(survey, "SN", 10, stage="growing")
    add(survey, "SN", 2, stage="first_time")
    add(survey, "CA", 9, stage="growing")
    db.session.commit()
    assert segments(survey)["export_stage"] == ["first_time", "growing"]
    growing = results(survey, Filters(export_stage="growing"), "fr")
    assert growing.responses == 2 and growing.questions[0].score == 100.0
    text = csv_export(survey, Filters(export_stage="first_time"), "fr") or ""
    assert "Catégorie d’export" in text and text.count("first_time") == 1
    make_user("chief", roles=["Admin"])
    login("chief")
    page = client.get(f"/admin/surveys/{survey.id}/results?export_stage=growing")
    assert page.status_code == 200
    assert '<option value="growing" selected>En croissance internationale</option>' in page.text
    assert "Réponses : 2" in page.text
