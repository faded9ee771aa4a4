"""The member's forms (upload, appeal) and the moderator's decision form."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import DateField, RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .checks import DOC_TYPES
from .services import DOC_LABELS


class UploadForm(FlaskForm):
    doc_type = SelectField(
        _l("Type de document"),
        choices=[],
        validators=[DataRequired(_l("Choisissez le type de document."))],
    )
    file = FileField(_l("Fichier (PDF, JPEG ou PNG)"))
    issued_on = DateField(_l("Date du document (facultatif)"), validators=[Optional()])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.doc_type.choices = [(t, str(DOC_LABELS[t])) for t in DOC_TYPES]


REASON_REQUIRED = _l("Indiquez le motif de la décision : il est obligatoire.")


def long_text(label: Any, required: Any = REASON_REQUIRED) -> TextAreaField:
    """A mandatory text of at most 5,000 characters (reasons, appeals)."""
    return TextAreaField(
        label,
        validators=[
            DataRequired(required),
            Length(max=5000, message=_l("5 000 caractères au plus.")),
        ],
    )


class AppealForm(FlaskForm):
    text = long_text(
        _l("Vos explications et informations nouvelles"),
        _l("Expliquez votre appel : ce champ est obligatoire."),
    )


class DecisionForm(FlaskForm):
    action = RadioField(
        _l("Décision"),
        choices=[
            ("approve", _l("Approuver")),
            ("more_info", _l("Demander des informations")),
            ("reject", _l("Refuser")),
        ],
        validators=[DataRequired(_l("Choisissez une décision."))],
    )
    reason = long_text(_l("Motif (communiqué à l’entreprise)"))


class RecommendForm(FlaskForm):
    reason = long_text(_l("Motif"))
