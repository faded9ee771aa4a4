"""The feedback form (every page's « Votre avis » link)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.validators import DataRequired, Length

RATINGS = [(str(n), str(n)) for n in range(1, 6)]


class FeedbackForm(FlaskForm):
    rating = RadioField(
        _l("Votre note (1 : mauvais, 5 : excellent)"),
        choices=RATINGS,
        validators=[DataRequired(message=_l("Choisissez une note de 1 à 5."))],
    )
    comment = TextAreaField(
        _l("Votre commentaire (facultatif, sans données personnelles)"),
        validators=[Length(max=2000, message=_l("2 000 caractères au plus."))],
    )
    page = HiddenField(validators=[Length(max=200)])
