"""Portal forms: the custom-study request."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError


class StudyRequestForm(FlaskForm):
    sector = StringField(
        _l("Secteur"), validators=[DataRequired(_l("Indiquez le secteur.")), Length(max=200)]
    )
    markets = StringField(
        _l("Marchés visés"),
        validators=[DataRequired(_l("Indiquez au moins un marché.")), Length(max=300)],
    )
    questions = TextAreaField(
        _l("Vos questions"),
        validators=[DataRequired(_l("Décrivez vos questions.")), Length(min=10, max=5000)],
    )
    deadline = DateField(
        _l("Date souhaitée"),
        validators=[Optional()],
        format="%Y-%m-%d",
    )

    def validate_deadline(self, field: DateField) -> None:
        if field.data is not None and field.data < date.today():  # noqa: DTZ011
            raise ValidationError(str(_l("La date souhaitée doit être dans le futur.")))
