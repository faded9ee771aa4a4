"""Back office of the KPIs (Admin): the dashboard, the monthly report, feedback."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import Response, flash, redirect, request, url_for
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .charts import line_chart
from .figures import Range, figures, segments
from .labels import METRICS, shown
from .models import Feedback, utcnow
from .report import MonthError, month_range, report_csv, report_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_SPAN_DAYS = 3660


def _date(name: str, default: date) -> tuple[date, bool]:
    text = request.args.get(name, "")
    if not text:
        return default, True
    try:
        return date.fromisoformat(text[:10]), True
    except ValueError:
        return default, False


def _range() -> tuple[Range, list[str]]:
    today = utcnow().date()
    end, end_ok = _date("end", today - timedelta(days=1))
    start, start_ok = _date("start", end - timedelta(days=29))
    errors = [] if start_ok and end_ok else [_("Date invalide : écrivez AAAA-MM-JJ.")]
    if start > end or (end - start).days > MAX_SPAN_DAYS:
        errors.append(_("La période doit commencer avant sa fin et durer au plus dix ans."))
        start, end = end - timedelta(days=29), end
    country = request.args.get("country", "")[:8]
    sector = request.args.get("sector", "")[:8]
    return Range(start, end, country, sector), errors


class KpiDashboardView(BaseView):
    route_base = "/kpis"
    default_view = "dashboard"

    @expose("/")
    @has_access
    def dashboard(self) -> Any:
        span, errors = _range()
        result = figures(span)
        rows = [(key, label, shown(result.values[key], unit)) for key, label, unit in METRICS]
        chart = line_chart(result.mau_series, _("Membres actifs sur 30 jours (MAU), par jour"))
        return self.render_template(
            "kpis/dashboard.html",
            span=span,
            rows=rows,
            chart=chart,
            series=result.mau_series,
            errors=errors,
            segments=segments(),
            month=span.end.strftime("%Y-%m"),
        ), (400 if errors else 200)

    @expose("/report")
    @has_access
    def report(self) -> Any:
        try:
            span = month_range(request.args.get("month", ""))
        except MonthError as exc:
            flash(str(exc), "danger")
            return redirect(url_for(f"{self.endpoint}.dashboard"))
        name = f"tremplin-kpis-{span.start:%Y-%m}"
        if request.args.get("format") == "csv":
            return Response(
                "\ufeff" + report_csv(span),
                mimetype="text/csv",
                headers={"Content-Disposition": f"attachment; filename={name}.csv"},
            )
        return Response(
            report_docx(span),
            mimetype=DOCX,
            headers={"Content-Disposition": f"attachment; filename={name}.docx"},
        )


class FeedbackModelView(ModelView):
    datamodel = SQLAInterface(Feedback)
    route_base = "/feedback"
    list_title = _l("Avis des visiteurs")
    show_title = _l("Avis")
    edit_title = _l("Traiter l’avis")
    base_permissions = ["can_list", "can_show", "can_edit", "can_delete"]
    list_columns = ["created_at", "rating", "page", "comment", "reviewed"]
    show_columns = list_columns + ["language"]
    edit_columns = ["reviewed"]
    base_order = ("created_at", "desc")
    search_columns = ["rating", "page", "reviewed"]
    label_columns = {
        "created_at": _l("Reçu le"),
        "rating": _l("Note"),
        "page": _l("Page"),
        "comment": _l("Commentaire"),
        "reviewed": _l("Traité"),
        "language": _l("Langue"),
    }
    formatters_columns = {"reviewed": lambda value: _("Oui") if value else _("Non")}
