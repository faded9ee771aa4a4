"""Building surveys: parsing the builder's option lists, checking questions and
their conditions, adding questions in order, opening and closing a survey."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from tremplin.core.api import EXPORT_STAGES, db, is_sector

from .models import KINDS, Question, Survey, utcnow

MAX_OPTIONS = 30
NPS_RANGE = tuple(str(n) for n in range(11))
SCALE_RANGE = tuple(str(n) for n in range(1, 6))
CSAT_RANGE = SCALE_RANGE
# Questions whose answers can show a later question.
CONDITION_KINDS = ("single", "multiple", "scale", "nps", "csat")
PROFILE_FIELDS = ("sector", "export_stage")


class SurveyError(ValueError):
    """Invalid builder input; ``message`` is translated for the administrator."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_options(text: str) -> list[dict[str, str]]:
    """One option a line, ``Libellé français | English label``; values are 1, 2..."""
    options: list[dict[str, str]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        french, _sep, english = line.partition("|")
        options.append(
            {
                "value": str(len(options) + 1),
                "fr": french.strip()[:200],
                "en": english.strip()[:200],
            }
        )
    if len(options) > MAX_OPTIONS:
        from flask_babel import gettext as _

        raise SurveyError(_("Trop d’options (%(n)d au plus).", n=MAX_OPTIONS))
    return options


def format_options(options: list[dict[str, str]]) -> str:
    return "\n".join(f"{o['fr']} | {o['en']}" if o.get("en") else o["fr"] for o in options)


def parse_values(text: str) -> list[str]:
    return [v for v in re.split(r"[\s,;]+", text or "") if v][:MAX_OPTIONS]


def allowed_values(question: Question) -> tuple[str, ...]:
    """The values an answer to ``question`` may take (empty: free input)."""
    if question.kind == "nps":
        return NPS_RANGE
    if question.kind in ("scale", "csat"):
        return SCALE_RANGE
    if question.kind in ("single", "multiple", "matrix"):
        return tuple(o["value"] for o in question.options)
    return ()


def check_fields(fields: dict[str, Any]) -> None:
    """Refuse an unknown type, an empty French label, too few options or rows."""
    from flask_babel import gettext as _

    kind = fields.get("kind")
    if kind not in KINDS:
        raise SurveyError(_("Type de question inconnu."))
    if not (fields.get("label_fr") or "").strip():
        raise SurveyError(_("Le libellé en français est obligatoire."))
    if kind in ("single", "multiple", "matrix") and len(fields.get("options") or []) < 2:
        raise SurveyError(_("Donnez au moins deux options, une par ligne."))
    if kind == "matrix" and not fields.get("rows"):
        raise SurveyError(_("Une matrice a besoin d’au moins une ligne."))


def check_condition(survey: Survey, position: int | None, fields: dict[str, Any]) -> None:
    """Refuse a condition on a question that is not earlier than ``position`` (None: a
    new question, after every other), on a question without set answers, on answers
    the question does not offer, or on unknown profile values."""
    from flask_babel import gettext as _

    target_id = fields.get("cond_question_id")
    values = list(fields.get("cond_values") or [])
    if target_id is None and values:
        raise SurveyError(_("Choisissez la question précédente dont dépend la condition."))
    if target_id is not None:
        target = next((q for q in survey.questions if q.id == target_id), None)
        if target is None or (position is not None and target.position >= position):
            raise SurveyError(_("La condition doit porter sur une question précédente."))
        if target.kind not in CONDITION_KINDS:
            raise SurveyError(
                _("La condition doit porter sur un choix, une échelle, un NPS ou un CSAT.")
            )
        if not values:
            raise SurveyError(_("Choisissez au moins une réponse qui affiche la question."))
        if set(values) - set(allowed_values(target)):
            raise SurveyError(
                _(
                    "La condition porte sur une option qui n’existe pas (ou plus) : "
                    "choisissez-la à nouveau."
                )
            )
    _check_profile(fields.get("cond_profile") or "", list(fields.get("cond_profile_values") or []))


def _check_profile(profile: str, values: list[str]) -> None:
    from flask_babel import gettext as _

    if not profile:
        return
    if profile not in PROFILE_FIELDS:
        raise SurveyError(_("Condition sur le profil inconnue."))
    if not values:
        raise SurveyError(_("Choisissez au moins une valeur du profil."))
    known = is_sector if profile == "sector" else EXPORT_STAGES.__contains__
    if not all(known(v) for v in values):
        raise SurveyError(_("Une valeur du profil n’est pas dans la liste de référence."))


def add_question(survey: Survey, **fields: Any) -> Question:
    check_fields(fields)
    check_condition(survey, None, fields)
    if not fields.get("cond_profile"):
        fields["cond_profile_values"] = []
    position = db.session.scalar(
        select(func.coalesce(func.max(Question.position), 0)).where(Question.survey_id == survey.id)
    )
    question = Question(survey=survey, position=int(position or 0) + 1, **fields)
    db.session.add(question)
    return question


def open_survey(survey: Survey, now: datetime | None = None) -> None:
    from flask_babel import gettext as _

    if not survey.questions:
        raise SurveyError(_("Ajoutez au moins une question avant d’ouvrir l’enquête."))
    if not survey.anonymous and not survey.purpose_fr.strip():
        raise SurveyError(_("En mode identifié, indiquez la finalité du traitement."))
    survey.state = "open"
    if survey.recurrence_months and survey.next_run_at is None:
        survey.next_run_at = now or utcnow()


def is_open(survey: Survey, now: datetime | None = None) -> bool:
    moment = now or utcnow()
    return survey.state == "open" and (survey.closes_at is None or moment < survey.closes_at)


def all_surveys() -> list[Survey]:
    return list(db.session.scalars(select(Survey).order_by(Survey.created_at.desc())))
