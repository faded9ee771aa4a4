"""Exports of a survey's results: CSV (one line per response) and a Word report."""

from __future__ import annotations

import csv
import io

from docx import Document
from flask_babel import gettext as _
from sqlalchemy import select

from tremplin.core.api import db

from .models import Answer, Response, Survey
from .results import Filters, filtered, results

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Neutralise spreadsheet formulas in exported text."""
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_export(survey: Survey, filters: Filters, lang: str) -> str | None:
    """The responses as CSV; None in anonymous mode when the group is too small."""
    summary = results(survey, filters, lang)
    if summary.hidden:
        return None
    query = select(Response).where(Response.survey_id == survey.id).order_by(Response.id)
    responses = list(db.session.scalars(filtered(query, filters)))
    answers: dict[int, dict[int, list[str]]] = {}
    if responses:
        for answer in db.session.scalars(
            select(Answer).where(Answer.response_id.in_([r.id for r in responses]))
        ):
            cell = f"{answer.row}={answer.value}" if answer.row else answer.value
            answers.setdefault(answer.response_id, {}).setdefault(answer.question_id, []).append(
                cell
            )
    hidden = {item.question.id for item in summary.questions if item.hidden}
    questions = [q for q in survey.questions if q.id not in hidden]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [_("Vague"), _("Date"), _("Pays"), _("Secteur"), _("Catégorie d’export")]
        + [q.text("label", lang) for q in questions]
    )
    for response in responses:
        given = answers.get(response.id, {})
        writer.writerow(
            [
                response.wave,
                response.submitted_on.isoformat(),
                response.country,
                response.sector,
                response.export_stage,
            ]
            + [_cell(" | ".join(given.get(q.id, []))) for q in questions]
        )
    return out.getvalue()


def word_report(survey: Survey, filters: Filters, lang: str) -> bytes:
    summary = results(survey, filters, lang)
    document = Document()
    document.core_properties.title = survey.text("title", lang)
    document.add_heading(survey.text("title", lang), level=0)
    document.add_paragraph(_("Réponses : %(n)d", n=summary.responses))
    if survey.anonymous:
        document.add_paragraph(
            _(
                "Enquête anonyme : les groupes de moins de %(n)d réponses ne sont pas montrés.",
                n=summary.min_group,
            )
        )
    if summary.hidden:
        document.add_paragraph(_("Trop peu de réponses pour afficher les résultats."))
        return _save(document)
    section = ""
    for item in summary.questions:
        question = item.question
        if question.text("section", lang) and question.text("section", lang) != section:
            section = question.text("section", lang)
            document.add_heading(section, level=1)
        document.add_heading(question.text("label", lang), level=2)
        if item.hidden:
            document.add_paragraph(
                _("Moins de %(n)d réponses : résultat masqué.", n=summary.min_group)
            )
            continue
        document.add_paragraph(_("Réponses : %(n)d", n=item.answered))
        if item.score is not None:
            document.add_paragraph(f"{_score_label(question.kind)} : {item.score}")
        if item.counts:
            table = document.add_table(rows=1, cols=2)
            table.rows[0].cells[0].text = _("Réponse")
            table.rows[0].cells[1].text = _("Nombre")
            for _value, label, count in item.counts:
                cells = table.add_row().cells
                cells[0].text, cells[1].text = label, str(count)
        for text in item.texts[:200]:
            document.add_paragraph(text, style="List Bullet")
    return _save(document)


def _score_label(kind: str) -> str:
    labels = {"nps": _("NPS"), "csat": _("CSAT (%)")}
    return str(labels.get(kind, _("Moyenne")))


def _save(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()
