"""The monthly KPI report: CSV and Word, and its e-mail to the administrators."""

from __future__ import annotations

import calendar
import csv
import io
import re
from datetime import date

from docx import Document
from flask_babel import force_locale
from flask_babel import gettext as _

from tremplin.core.api import members, send_mail, setting

from .figures import Range, figures
from .labels import METRICS, shown

MONTH = re.compile(r"(\d{4})-(\d{2})")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class MonthError(ValueError):
    pass


def month_range(text: str) -> Range:
    """``YYYY-MM`` as the month's first and last day."""
    match = MONTH.fullmatch(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
        raise MonthError(_("Mois invalide : écrivez AAAA-MM, par exemple 2026-11."))
    year, month = int(match.group(1)), int(match.group(2))
    return Range(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def rows(span: Range) -> list[tuple[str, str]]:
    values = figures(span).values
    return [(str(label), shown(values[key], unit)) for key, label, unit in METRICS]


def report_csv(span: Range) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Indicateur"), _("Valeur")])
    writer.writerows(rows(span))
    return out.getvalue()


def report_docx(span: Range) -> bytes:
    document = Document()
    title = _(
        "Indicateurs Tremplin du %(start)s au %(end)s",
        start=span.start.isoformat(),
        end=span.end.isoformat(),
    )
    document.core_properties.title = title
    document.add_heading(title, level=0)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = _("Indicateur"), _("Valeur")
    for label, value in rows(span):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_paragraph(_("Définitions : voir la documentation « Indicateurs (KPI) »."))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def email_report(span: Range) -> int:
    """E-mail the month's figures (Word and CSV attached) to every administrator,
    after aggregating the days not done yet; how many were sent."""
    from .aggregation import catch_up
    from .models import utcnow

    catch_up(until=min(span.end, utcnow().date()))
    base = setting("app", "base_url").rstrip("/")
    link = f"{base}/admin/kpis/?start={span.start.isoformat()}&end={span.end.isoformat()}"
    sent = 0
    for admin in members(role="Admin", limit=500):
        with force_locale(admin.language or "fr"):
            lines = "\n".join(f"- {label} : {value}" for label, value in rows(span))
            month = span.start.strftime("%Y-%m")
            text = _("Indicateurs du mois %(month)s :", month=month)
            text += f"\n\n{lines}\n\n" + _("Tableau de bord : %(link)s", link=link)
            attachments = (
                (f"indicateurs-{month}.docx", DOCX, report_docx(span)),
                (f"indicateurs-{month}.csv", "text/csv", report_csv(span).encode("utf-8-sig")),
            )
            send_mail(
                admin.email,
                _("Rapport mensuel des indicateurs Tremplin"),
                text,
                attachments=attachments,
            )
        sent += 1
    return sent
