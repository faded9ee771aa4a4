"""Reading a step's answers from a submitted form, and the back-office forms."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import MultiDict
from wtforms import TextAreaField
from wtforms.validators import DataRequired

from .definition import Dimension, Question

MAX_FIELD = 40


def field_name(question: Question) -> str:
    return f"q-{question.key}"


def read_step(
    dimension: Dimension, form: MultiDict[str, str]
) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """The answers to the dimension's questions (``None`` for a skipped one), the
    errors of answers that cannot be read, and the required questions left empty,
    each by question key. Valid answers are returned even when others are wrong, so
    that nothing the member typed is lost."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    missing: dict[str, str] = {}
    for question in dimension.questions:
        value, error = _read(question, form)
        if error:
            errors[question.key] = error
            continue
        if value is None and question.required:
            missing[question.key] = _("Cette question est obligatoire : choisissez une réponse.")
        answers[question.key] = value
    return answers, errors, missing


def _read(question: Question, form: MultiDict[str, str]) -> tuple[Any, str | None]:
    name = field_name(question)
    if question.type == "multiple":
        keys = {o.key for o in question.options}
        chosen = [v for v in form.getlist(name) if v]
        if any(v not in keys for v in chosen):
            return None, _("Réponse inconnue : choisissez parmi les cases proposées.")
        return (sorted(set(chosen), key=[o.key for o in question.options].index) or None), None
    raw = (form.get(name) or "").strip()[: MAX_FIELD + 1]
    if not raw:
        return None, None
    if question.type == "single":
        if raw not in {o.key for o in question.options}:
            return None, _("Réponse inconnue : choisissez parmi les réponses proposées.")
        return raw, None
    if question.type == "yesno":
        return (raw, None) if raw in ("yes", "no") else (None, _("Répondez par oui ou par non."))
    return _read_number(question, raw)


def _read_number(question: Question, raw: str) -> tuple[Any, str | None]:
    low, high = question.minimum, question.maximum
    message = _("Entrez un nombre entre %(low)s et %(high)s.", low=_fmt(low), high=_fmt(high))
    try:
        value = float(raw.replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except ValueError:
        return None, message
    if value != value or not low <= value <= high:  # NaN or out of range
        return None, message
    if question.type == "scale":
        if value != int(value):
            return None, message
        return int(value), None
    return (int(value) if value == int(value) else value), None


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def displayed(
    answers: Mapping[str, Any], question: Question, raw: MultiDict[str, str] | None
) -> Any:
    """What to show in a field: what was just submitted, or the saved answer."""
    if raw is not None:
        name = field_name(question)
        return raw.getlist(name) if question.type == "multiple" else raw.get(name, "")
    value = answers.get(question.key)
    if value is None:
        return [] if question.type == "multiple" else ""
    return (
        value
        if question.type == "multiple"
        else (_fmt(value) if isinstance(value, float) else str(value))
    )


class DefinitionForm(FlaskForm):
    definition = TextAreaField(_l("Définition (JSON)"), validators=[DataRequired()])


class ImportForm(FlaskForm):
    file = FileField(_l("Fichier JSON"))
