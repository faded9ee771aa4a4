"""Back office of the surveys (Admin): the builder, distribution and results."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, flash, redirect, request
from flask_appbuilder import BaseView, expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core.api import db

from . import services
from .admin_builder import QuestionRoutes, question_form, section_forms
from .builder import condition_problem
from .charts import bar_chart
from .distribution import send_to_segment
from .forms import EXPORT_STAGE_CHOICES, KIND_CHOICES, ActionForm, SurveyForm
from .models import Survey
from .report import csv_export, word_report
from .results import Filters, longitudinal, results, segments
from .services import SurveyError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SURVEY_FIELDS = (
    "title_fr",
    "title_en",
    "intro_fr",
    "intro_en",
    "anonymous",
    "purpose_fr",
    "purpose_en",
    "consent_fr",
    "consent_en",
    "retention_days",
    "closes_at",
    "audience",
    "event_id",
    "seg_role",
    "seg_country",
    "seg_sector",
    "seg_export",
    "recurrence_months",
    "reminder_days",
)


def _lang() -> str:
    return str(get_locale() or "fr")


def _survey(survey_id: int) -> Survey:
    survey = db.session.get(Survey, survey_id)
    if survey is None:
        abort(404)
    return survey


def _filters() -> Filters:
    wave = request.args.get("wave", "")
    return Filters(
        country=request.args.get("country", "")[:8],
        sector=request.args.get("sector", "")[:8],
        export_stage=request.args.get("export_stage", "")[:20],
        wave=int(wave) if wave.isdigit() else None,
    )


def _chart(item: Any) -> Any:
    label = item.question.text("label", _lang())
    return bar_chart([(text, n) for _value, text, n in item.counts], label)


class SurveysAdminView(QuestionRoutes, BaseView):
    """The survey builder and results."""

    route_base = "/surveys"
    default_view = "index"

    @expose("/", methods=["GET", "POST"])
    @has_access
    def index(self) -> Any:
        form = SurveyForm()
        if form.validate_on_submit():
            survey = Survey()
            form.populate_obj(survey)
            db.session.add(survey)
            db.session.commit()
            flash(_("Enquête créée : ajoutez maintenant ses questions."), "success")
            return redirect(self.get_redirect_url("edit", survey_id=survey.id))
        status = 400 if request.method == "POST" else 200
        return self.render_template(
            "surveys/admin_index.html", form=form, surveys=services.all_surveys(), lang=_lang()
        ), status

    def get_redirect_url(self, method: str, **values: Any) -> str:
        from flask import url_for

        return url_for(f"{self.endpoint}.{method}", **values)

    @expose("/<int:survey_id>", methods=["GET", "POST"])
    @has_access
    def edit(self, survey_id: int) -> Any:
        survey = _survey(survey_id)
        form = SurveyForm(obj=survey)
        if request.method == "POST" and form.validate_on_submit():
            for name in SURVEY_FIELDS:
                setattr(survey, name, getattr(form, name).data)
            db.session.commit()
            flash(_("Enquête enregistrée."), "success")
            return redirect(self.get_redirect_url("edit", survey_id=survey.id))
        return self._edit_page(survey, form, question_form(survey))

    def _edit_page(self, survey: Survey, form: Any, qform: Any, status: int = 200) -> Any:
        if request.method == "POST" and status == 200:
            status = 400
        by_id = {q.id: q for q in survey.questions}
        return self.render_template(
            "surveys/admin_edit.html",
            survey=survey,
            form=form or SurveyForm(obj=survey),
            qform=qform,
            actions=ActionForm(),
            sections=section_forms(survey),
            problems={q.id: condition_problem(q, by_id) for q in survey.questions},
            lang=_lang(),
            kinds=dict(KIND_CHOICES),
        ), status

    @expose("/<int:survey_id>/state", methods=["POST"])
    @has_access
    def change_state(self, survey_id: int) -> Any:
        survey = _survey(survey_id)
        if not ActionForm().validate_on_submit():
            abort(400)
        action = request.form.get("action", "")
        try:
            if action == "open":
                services.open_survey(survey)
                flash(_("Enquête ouverte."), "success")
            elif action == "close":
                survey.state = "closed"
                flash(_("Enquête close."), "success")
            elif action == "send" and survey.state == "open" and survey.audience == "segment":
                sent = send_to_segment(survey)
                flash(_("%(n)d invitation(s) envoyée(s).", n=sent), "success")
            else:
                raise SurveyError(_("Action impossible dans l’état actuel de l’enquête."))
        except SurveyError as exc:
            db.session.rollback()
            flash(exc.message, "danger")
            return redirect(self.get_redirect_url("edit", survey_id=survey.id))
        db.session.commit()
        return redirect(self.get_redirect_url("edit", survey_id=survey.id))

    @expose("/<int:survey_id>/results")
    @has_access
    def show_results(self, survey_id: int) -> Any:
        survey = _survey(survey_id)
        filters = _filters()
        return self.render_template(
            "surveys/admin_results.html",
            survey=survey,
            summary=results(survey, filters, _lang()),
            filters=filters,
            segments=segments(survey),
            lines=longitudinal(survey, _lang()),
            stages=dict(EXPORT_STAGE_CHOICES),
            chart=_chart,
            lang=_lang(),
        )

    @expose("/<int:survey_id>/results.csv")
    @has_access
    def export_csv(self, survey_id: int) -> Any:
        survey = _survey(survey_id)
        text = csv_export(survey, _filters(), _lang())
        if text is None:
            flash(_("Trop peu de réponses pour exporter en mode anonyme."), "warning")
            return redirect(self.get_redirect_url("show_results", survey_id=survey.id))
        return Response(
            "\ufeff" + text,
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename=survey-{survey.id}.csv"},
        )

    @expose("/<int:survey_id>/report.docx")
    @has_access
    def export_word(self, survey_id: int) -> Any:
        survey = _survey(survey_id)
        return Response(
            word_report(survey, _filters(), _lang()),
            mimetype=DOCX,
            headers={"Content-Disposition": f"attachment; filename=survey-{survey.id}.docx"},
        )
