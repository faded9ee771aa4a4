"""The builder's question routes (a mixin of ``SurveysAdminView``): adding, editing,
moving, deleting questions and renaming sections, with the condition editor that
lists earlier questions and their answers by label."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request
from flask_appbuilder import expose
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale
from flask_babel import gettext as _

from tremplin.core.api import db, sector_choices

from . import builder, services
from .forms import ActionForm, QuestionForm, SectionForm
from .models import Question, Survey
from .services import CONDITION_KINDS, SurveyError, allowed_values, format_options, parse_options


def _lang() -> str:
    return str(get_locale() or "fr")


def answer_choices(question: Question, lang: str) -> list[tuple[str, str]]:
    """``("<id>:<value>", label)`` for each answer that can show a later question."""
    return [
        (f"{question.id}:{value}", question.option_label(value, lang))
        for value in allowed_values(question)
    ]


def question_form(survey: Survey, question: Question | None = None) -> QuestionForm:
    """The builder's form; conditions offer only the questions before ``question``
    (every question for a new one) that have set answers."""
    lang = _lang()
    form = (
        QuestionForm(obj=question)
        if question is not None and request.method == "GET"
        else QuestionForm()
    )
    earlier = [
        q
        for q in survey.questions
        if q.kind in CONDITION_KINDS and (question is None or q.position < question.position)
    ]
    form.cond_question_id.choices = [("", _("Toujours"))] + [
        (str(q.id), f"{index}. {q.text('label', lang)}")
        for index, q in enumerate(survey.questions, 1)
        if q in earlier
    ]
    form.cond_values.choices = {
        f"{survey.questions.index(q) + 1}. {q.text('label', lang)}": answer_choices(q, lang)
        for q in earlier
    }
    form.cond_sectors.choices = sector_choices(lang)
    if question is not None and request.method == "GET":
        _fill(form, question)
    return form


def _fill(form: QuestionForm, question: Question) -> None:
    form.options.data = format_options(question.options or [])
    form.rows.data = format_options(question.rows or [])
    form.cond_question_id.data = str(question.cond_question_id or "")
    form.cond_values.data = [f"{question.cond_question_id}:{v}" for v in question.cond_values]
    picked = list(question.cond_profile_values or [])
    form.cond_sectors.data = picked if question.cond_profile == "sector" else []
    form.cond_export_stages.data = picked if question.cond_profile == "export_stage" else []


def _condition_values(qform: QuestionForm, target: int | None) -> list[str]:
    values = []
    for item in qform.cond_values.data or []:
        ident, _sep, value = str(item).partition(":")
        if target is None or ident != str(target):
            raise SurveyError(_("Les réponses choisies doivent appartenir à la question choisie."))
        values.append(value)
    return values


def question_fields(qform: QuestionForm) -> dict[str, Any]:
    """The model's fields from a validated form (raises ``SurveyError``)."""
    condition = qform.cond_question_id.data or ""
    target = int(condition) if condition.isdigit() else None
    profile = qform.cond_profile.data or ""
    profile_values = {
        "sector": qform.cond_sectors.data,
        "export_stage": qform.cond_export_stages.data,
    }.get(profile)
    return {
        "kind": qform.kind.data,
        "label_fr": qform.label_fr.data.strip(),
        "label_en": (qform.label_en.data or "").strip(),
        "section_fr": (qform.section_fr.data or "").strip(),
        "section_en": (qform.section_en.data or "").strip(),
        "options": parse_options(qform.options.data or ""),
        "rows": parse_options(qform.rows.data or ""),
        "required": bool(qform.required.data),
        "cond_question_id": target,
        "cond_values": _condition_values(qform, target),
        "cond_profile": profile,
        "cond_profile_values": [str(v) for v in profile_values or []][:30],
        "impact": qform.impact.data or "",
    }


class QuestionRoutes:
    """Routes of ``SurveysAdminView`` that change questions and sections."""

    def _survey_question(self, survey_id: int, question_id: int) -> tuple[Survey, Question]:
        survey = db.session.get(Survey, survey_id)
        question = db.session.get(Question, question_id)
        if survey is None or question is None or question.survey_id != survey.id:
            abort(404)
        return survey, question

    def _back(self, survey: Survey) -> Any:
        return redirect(self.get_redirect_url("edit", survey_id=survey.id))  # type: ignore[attr-defined]

    @expose("/<int:survey_id>/questions", methods=["POST"])
    @has_access
    def add_question(self, survey_id: int) -> Any:
        survey = db.session.get(Survey, survey_id) or abort(404)
        qform = question_form(survey)
        if qform.validate_on_submit():
            try:
                services.add_question(survey, **question_fields(qform))
            except SurveyError as exc:
                db.session.rollback()
                qform.form_errors.append(exc.message)
                return self._edit_page(survey, None, qform, 400)  # type: ignore[attr-defined]
            db.session.commit()
            flash(_("Question ajoutée."), "success")
            return self._back(survey)
        return self._edit_page(survey, None, qform, 400)  # type: ignore[attr-defined]

    @expose("/<int:survey_id>/questions/<int:question_id>", methods=["GET", "POST"])
    @has_access
    def edit_question(self, survey_id: int, question_id: int) -> Any:
        survey, question = self._survey_question(survey_id, question_id)
        qform = question_form(survey, question)
        status = 200
        if request.method == "POST":
            status = 400
            if qform.validate_on_submit():
                try:
                    builder.update_question(question, **question_fields(qform))
                    db.session.commit()
                    flash(_("Question enregistrée."), "success")
                    return self._back(survey)
                except SurveyError as exc:
                    db.session.rollback()
                    qform.form_errors.append(exc.message)
        page = self.render_template(  # type: ignore[attr-defined]
            "surveys/admin_question.html",
            survey=survey,
            question=question,
            qform=qform,
            answered=builder.has_answers(question),
            lang=_lang(),
        )
        return page, status

    def _act(self, survey: Survey, change: Any, done: str, checked: bool = False) -> Any:
        """Run ``change`` (raises ``SurveyError``) after the CSRF check (``checked``:
        already done by the caller's form); flash the result."""
        if not checked and not ActionForm().validate_on_submit():
            abort(400)
        try:
            change()
        except SurveyError as exc:
            db.session.rollback()
            flash(exc.message, "danger")
            return self._back(survey)
        db.session.commit()
        flash(done, "success")
        return self._back(survey)

    @expose("/<int:survey_id>/questions/<int:question_id>/move", methods=["POST"])
    @has_access
    def move_question(self, survey_id: int, question_id: int) -> Any:
        survey, question = self._survey_question(survey_id, question_id)
        up = request.form.get("direction") != "down"
        return self._act(
            survey, lambda: builder.move_question(question, up), _("Question déplacée.")
        )

    @expose("/<int:survey_id>/questions/<int:question_id>/delete", methods=["POST"])
    @has_access
    def delete_question(self, survey_id: int, question_id: int) -> Any:
        survey, question = self._survey_question(survey_id, question_id)
        return self._act(
            survey, lambda: builder.delete_question(question), _("Question supprimée.")
        )

    @expose("/<int:survey_id>/sections/<int:index>", methods=["POST"])
    @has_access
    def rename_section(self, survey_id: int, index: int) -> Any:
        survey = db.session.get(Survey, survey_id) or abort(404)
        form = SectionForm(prefix=f"s{index}")
        if not form.validate_on_submit():
            abort(400)

        def change() -> None:
            builder.rename_section(
                survey, form.old.data or "", form.section_fr.data or "", form.section_en.data or ""
            )

        return self._act(survey, change, _("Section renommée."), checked=True)


def section_forms(survey: Survey) -> list[SectionForm]:
    """One rename form a section, prefixed ``s1``, ``s2``... (unique field ids)."""
    forms = []
    for index, (french, english) in enumerate(builder.sections(survey), 1):
        form = SectionForm(prefix=f"s{index}", formdata=None)
        form.old.data, form.section_fr.data, form.section_en.data = french, french, english
        forms.append(form)
    return forms
