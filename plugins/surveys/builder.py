"""Changing a survey's questions after they were added: editing, moving up and
down (within and across sections), renaming sections, deleting.

A question that already has answers keeps its meaning: its wording (labels, option
labels, section, required) may be corrected, but its type, the number and order of
its options and matrix rows may not change (the stored answers are option numbers);
it cannot be deleted either. The administrator adds a new question instead.
Conditions stay valid: a question always comes after the question it depends on,
and never loses the options its dependents are shown on.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from tremplin.core.api import db

from .models import Answer, Question, Survey
from .services import (
    CONDITION_KINDS,
    SurveyError,
    allowed_values,
    check_condition,
    check_fields,
)


def has_answers(question: Question) -> bool:
    query = select(Answer.id).where(Answer.question_id == question.id).limit(1)
    return db.session.scalar(query) is not None


def dependents(question: Question) -> list[Question]:
    """The questions shown on a condition on ``question``'s answers."""
    return [q for q in question.survey.questions if q.cond_question_id == question.id]


def _labels(items: list[dict[str, str]]) -> list[str]:
    return [item.get("fr", "") for item in items]


def _check_answered(question: Question, fields: dict[str, Any]) -> None:
    """Only the wording of an answered question may change."""
    old, new = _labels(question.options or []), _labels(fields.get("options") or [])
    old_rows, new_rows = _labels(question.rows or []), _labels(fields.get("rows") or [])
    moved = any(
        label in old and old.index(label) != index for index, label in enumerate(new)
    ) or any(label in old_rows and old_rows.index(label) != i for i, label in enumerate(new_rows))
    if (
        fields.get("kind") != question.kind
        or len(new) != len(old)
        or len(new_rows) != len(old_rows)
        or moved
    ):
        raise SurveyError(
            _(
                "Cette question a déjà reçu des réponses : vous pouvez corriger ses libellés, "
                "mais pas changer son type ni ajouter, retirer ou réordonner ses options ou "
                "ses lignes (les réponses changeraient de sens). Ajoutez plutôt une nouvelle "
                "question."
            )
        )


def _check_dependents(question: Question, fields: dict[str, Any]) -> None:
    """The later questions conditional on this one must keep their options."""
    preview = Question(kind=fields.get("kind"), options=fields.get("options") or [])
    allowed = set(allowed_values(preview))
    for other in dependents(question):
        missing = [v for v in other.cond_values if v not in allowed]
        if preview.kind not in CONDITION_KINDS or missing:
            raise SurveyError(
                _(
                    "La question « %(other)s » dépend des réponses à celle-ci : modifiez "
                    "d’abord sa condition.",
                    other=other.label_fr,
                )
            )


def update_question(question: Question, **fields: Any) -> None:
    """Apply the builder's fields to ``question`` (raises ``SurveyError``)."""
    check_fields(fields)
    if has_answers(question):
        _check_answered(question, fields)
    _check_dependents(question, fields)
    check_condition(question.survey, question.position, fields)
    if not fields.get("cond_profile"):
        fields["cond_profile_values"] = []
    for name, value in fields.items():
        setattr(question, name, value)


def _same_group(question: Question, neighbour: Question, up: bool) -> bool:
    """Whether the neighbour shows under the same section heading (a question with
    no section title shows under the heading before it)."""
    if question.section_fr == neighbour.section_fr:
        return True
    later = question if up else neighbour
    return not later.section_fr


def move_question(question: Question, up: bool) -> None:
    """Move one step up or down. At a section's edge the question first joins the
    neighbouring section (keeping its place), then moves within it."""
    ordered = list(question.survey.questions)
    index = ordered.index(question)
    target = index - 1 if up else index + 1
    if target < 0 or target >= len(ordered):
        raise SurveyError(_("La question est déjà à cette extrémité."))
    neighbour = ordered[target]
    if not _same_group(question, neighbour, up):
        question.section_fr, question.section_en = neighbour.section_fr, neighbour.section_en
        return
    earlier, later = (neighbour, question) if up else (question, neighbour)
    if later.cond_question_id == earlier.id:
        raise SurveyError(
            _(
                "La question « %(later)s » dépend de « %(earlier)s » : elle doit rester après.",
                later=later.label_fr,
                earlier=earlier.label_fr,
            )
        )
    question.position, neighbour.position = neighbour.position, question.position
    if question.position == neighbour.position:  # equal positions (old data): make room
        question.position += -1 if up else 1


def sections(survey: Survey) -> list[tuple[str, str]]:
    """The survey's section titles (French, English), in order of appearance."""
    found: dict[str, str] = {}
    for question in survey.questions:
        if question.section_fr and question.section_fr not in found:
            found[question.section_fr] = question.section_en
    return list(found.items())


def rename_section(survey: Survey, old: str, french: str, english: str) -> int:
    """Give every question of section ``old`` the new titles (empty: no section);
    the number of questions changed."""
    if english.strip() and not french.strip():
        raise SurveyError(_("Le titre en français est obligatoire."))
    changed = [q for q in survey.questions if q.section_fr == old and old]
    if not changed:
        raise SurveyError(_("Cette section n’existe plus : rechargez la page."))
    for question in changed:
        question.section_fr, question.section_en = french.strip(), english.strip()
    return len(changed)


def delete_question(question: Question) -> None:
    """Delete a question nobody answered and no other question depends on."""
    others = dependents(question)
    if others:
        raise SurveyError(
            _(
                "La question « %(other)s » dépend des réponses à celle-ci : modifiez "
                "d’abord sa condition.",
                other=others[0].label_fr,
            )
        )
    if has_answers(question):
        raise SurveyError(
            _(
                "Cette question a déjà reçu des réponses : la supprimer effacerait ces "
                "réponses. Clôturez l’enquête et créez-en une nouvelle si elle ne convient plus."
            )
        )
    db.session.delete(question)


def condition_problem(question: Question, by_id: dict[int, Question]) -> str | None:
    """Why a stored condition no longer holds (older data), or None."""
    if question.cond_question_id is None:
        return None
    target = by_id.get(question.cond_question_id)
    if target is None or target.position >= question.position:
        return str(_("condition invalide : la question dont elle dépend n’est plus avant elle"))
    if set(question.cond_values) - set(allowed_values(target)):
        return str(_("condition invalide : une option choisie n’existe plus"))
    return None
