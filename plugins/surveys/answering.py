"""Answering through a personal link: which questions a member sees (conditions
on earlier answers and on the company's profile), validation, and the single-use
submission (anonymous responses keep no link to the member)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select, update

from tremplin.core.api import company_of, db, record

from .distribution import token_hash
from .models import Answer, Invitation, Question, Response, Survey, utcnow
from .services import allowed_values, is_open

MAX_TEXT = 2000
MAX_NUMBER = 1e12
IMPACT_KEYS = {
    "markets": "impact_markets",
    "revenue": "impact_revenue",
    "partnerships": "impact_partnerships",
}


@dataclass
class Submission:
    values: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # qid: [(row, value)]
    errors: dict[int, str] = field(default_factory=dict)
    consent_missing: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.consent_missing


def find_invitation(token: str) -> tuple[Invitation, Survey] | None:
    row = db.session.execute(
        select(Invitation, Survey)
        .join(Survey, Survey.id == Invitation.survey_id)
        .where(Invitation.token_hash == token_hash(token))
    ).first()
    return (row[0], row[1]) if row else None


def profile_of(user_id: int) -> dict[str, str]:
    company = company_of(user_id)
    if company is None:
        return {"country": "", "sector": "", "export_stage": ""}
    return {
        "country": company.country or "",
        "sector": company.sector or "",
        "export_stage": getattr(company, "export_stage", "") or "",
    }


def profile_allows(question: Question, profile: Mapping[str, str]) -> bool:
    if not question.cond_profile:
        return True
    value = profile.get(question.cond_profile, "")
    if question.cond_profile == "sector":  # "C" matches the section's divisions ("C10")
        return any(
            value == v or (len(v) == 1 and value.startswith(v))
            for v in question.cond_profile_values
        )
    return value in question.cond_profile_values


def profile_questions(survey: Survey, profile: Mapping[str, str]) -> list[Question]:
    """Questions the profile allows (those conditional on an earlier answer
    included: the page states their condition, the submission applies it)."""
    shown: dict[int, Question] = {}
    for question in survey.questions:
        if not profile_allows(question, profile):
            continue
        if question.cond_question_id is not None and question.cond_question_id not in shown:
            continue
        shown[question.id] = question
    return list(shown.values())


def conditions(survey: Survey, lang: str) -> dict[int, tuple[str, str]]:
    """For each question shown on a condition: the earlier question's wording and
    the answers that show it (labels, not option numbers)."""
    by_id = {q.id: q for q in survey.questions}
    found = {}
    for question in survey.questions:
        earlier = by_id.get(question.cond_question_id or 0)
        if earlier is not None:
            labels = " / ".join(earlier.option_label(v, lang) for v in question.cond_values)
            found[question.id] = (earlier.text("label", lang), labels)
    return found


def visible_questions(
    survey: Survey, profile: Mapping[str, str], values: Mapping[int, list[tuple[str, str]]]
) -> list[Question]:
    """Questions shown given the profile and the answers so far (None answers: the
    condition on earlier answers is left to the submission)."""
    shown: dict[int, Question] = {}
    for question in survey.questions:
        if not profile_allows(question, profile):
            continue
        if question.cond_question_id is not None:
            if question.cond_question_id not in shown:
                continue
            given = {v for _, v in values.get(question.cond_question_id, [])}
            if not given & set(question.cond_values):
                continue
        shown[question.id] = question
    return list(shown.values())


def _read(question: Question, form: Any) -> tuple[list[tuple[str, str]], str | None]:
    name = f"q{question.id}"
    allowed = allowed_values(question)
    if question.kind == "multiple":
        picked = [v for v in form.getlist(name) if v]
        if any(v not in allowed for v in picked):
            return [], _("Choix invalide.")
        return [("", v) for v in dict.fromkeys(picked)], None
    if question.kind == "matrix":
        pairs = []
        for row in question.rows:
            value = (form.get(f"{name}_{row['value']}") or "").strip()
            if value and value not in allowed:
                return [], _("Choix invalide.")
            if value:
                pairs.append((row["value"], value))
        if question.required and len(pairs) < len(question.rows):
            return pairs, _("Répondez pour chaque ligne.")
        return pairs, None
    value = (form.get(name) or "").strip()
    if not value:
        return [], None
    if allowed and value not in allowed:
        return [], _("Choix invalide.")
    if question.kind == "number":
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            return [], _("Saisissez un nombre, par exemple 12 ou 3,5.")
        if abs(number) > MAX_NUMBER:
            return [], _("Ce nombre est trop grand.")
    if question.kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            return [], _("Saisissez une date au format AAAA-MM-JJ.")
    if len(value) > MAX_TEXT:
        return [], _("Texte trop long (%(n)d caractères au plus).", n=MAX_TEXT)
    return [("", value)], None


def read_submission(survey: Survey, profile: Mapping[str, str], form: Any) -> Submission:
    result = Submission()
    for question in survey.questions:
        values, error = _read(question, form)
        if error:
            result.errors[question.id] = error
        result.values[question.id] = values
    shown = {q.id for q in visible_questions(survey, profile, result.values)}
    for question in survey.questions:
        if question.id not in shown:
            result.values.pop(question.id, None)
            result.errors.pop(question.id, None)
        elif question.required and not result.values.get(question.id):
            result.errors.setdefault(question.id, _("Cette question est obligatoire."))
    if survey.text("consent", "fr").strip() and not form.get("consent"):
        result.consent_missing = True
    return result


def _number(question: Question, value: str) -> float | None:
    if question.kind in ("nps", "scale", "csat", "number"):
        return float(value.replace(",", "."))
    return None


def _activity_data(survey: Survey, submission: Submission) -> dict[str, Any]:
    data: dict[str, Any] = {"wave": survey.wave}
    for question in survey.questions:
        values = submission.values.get(question.id) or []
        if not values:
            continue
        if question.kind in ("nps", "csat") and question.kind not in data:
            data[question.kind] = int(values[0][1])
        if question.impact in IMPACT_KEYS and question.kind == "number":
            data[IMPACT_KEYS[question.impact]] = float(values[0][1].replace(",", "."))
    return data


def submit(
    invitation: Invitation,
    survey: Survey,
    submission: Submission,
    lang: str,
    now: datetime | None = None,
) -> bool:
    """Store the answers once; False when the link was used meanwhile (double
    submit) or the survey is closed."""
    moment = now or utcnow()
    if not is_open(survey, moment):
        return False
    # Anonymous: only the day is kept, so the time cannot tie the answer to the link.
    used = moment.replace(hour=0, minute=0, second=0, microsecond=0) if survey.anonymous else moment
    claimed = db.session.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=used)
    )
    if not getattr(claimed, "rowcount", 0):
        db.session.rollback()
        return False
    profile = profile_of(invitation.user_id)
    response = Response(
        survey_id=survey.id,
        wave=invitation.wave,
        submitted_on=moment.date(),
        user_id=None if survey.anonymous else invitation.user_id,
        country=profile["country"],
        sector=profile["sector"],
        export_stage=profile["export_stage"],
        language=lang,
    )
    by_id = {q.id: q for q in survey.questions}
    for qid, values in submission.values.items():
        for row, value in values:
            response.answers.append(
                Answer(question_id=qid, row=row, value=value, number=_number(by_id[qid], value))
            )
    db.session.add(response)
    actor = None if survey.anonymous else invitation.user_id
    record(
        "surveys.answered",
        ("surveys_survey", survey.id),
        user_id=actor,
        **_activity_data(survey, submission),
    )
    db.session.commit()
    return True
