"""The report as a Word document (python-docx): same content as the page, with the chart."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm
from flask_babel import format_date
from flask_babel import gettext as _

from .charts import radar_png
from .report import Report


def _score(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def report_docx(report: Report, member_name: str) -> bytes:
    attempt = report.attempt
    doc = Document()
    doc.core_properties.title = _("Rapport de diagnostic export")
    doc.core_properties.language = report.language
    doc.add_heading(_("Rapport de diagnostic export"), level=0)
    doc.add_paragraph(
        _(
            "%(name)s — %(date)s — questionnaire version %(version)d",
            name=member_name,
            date=format_date(attempt.completed_at, "long") if attempt.completed_at else "",
            version=attempt.questionnaire.version,
        )
    )
    doc.add_heading(_("Niveau : %(level)s", level=report.level_title), level=1)
    doc.add_paragraph(_("Score global : %(score)s / 100", score=_score(attempt.overall)))
    if report.level_description:
        doc.add_paragraph(report.level_description)

    doc.add_heading(_("Scores par thème"), level=1)
    doc.add_picture(io.BytesIO(radar_png([r.score for r in report.dimensions])), width=Cm(11))
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, ("N°", _("Thème"), _("Score / 100")), strict=True):
        cell.text = label
    for number, row in enumerate(report.dimensions, 1):
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = str(number), row.title, _score(row.score)

    _list(
        doc,
        _("Points forts"),
        [f"{r.title} ({_score(r.score)})" for r in report.strengths],
        _("Aucun thème n’atteint encore 70 / 100."),
    )
    _list(
        doc,
        _("Écarts à combler"),
        [f"{r.title} ({_score(r.score)})" for r in report.gaps],
        _("Aucun thème sous 50 / 100."),
    )
    doc.add_heading(_("Recommandations prioritaires"), level=1)
    if not report.recommendations:
        doc.add_paragraph(_("Aucune recommandation pour ce résultat."))
    for rec in report.recommendations:
        paragraph = doc.add_paragraph(rec.text, style="List Number")
        for label, url in rec.links:
            paragraph.add_run(f" — {label} : {url}")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _list(doc: object, heading: str, items: list[str], empty: str) -> None:
    doc.add_heading(heading, level=1)  # type: ignore[attr-defined]
    if not items:
        doc.add_paragraph(empty)  # type: ignore[attr-defined]
    for item in items:
        doc.add_paragraph(item, style="List Bullet")  # type: ignore[attr-defined]
