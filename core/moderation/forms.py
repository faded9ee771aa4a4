"""The back-office forms of the sanctions: suspend for a period, ban, lift."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from .models import utcnow
from .sanctions import MAX_DAYS, MAX_NOTE, SUSPENSION_DAYS
from .services import REASONS

CONFIRM = _l("Je confirme cette sanction")


def _reason_field() -> Any:
    return SelectField(
        _l("Motif communiqué au membre"),
        choices=[(key, label) for key, label in REASONS.items()],
        validators=[DataRequired()],
    )


def _note_field() -> Any:
    return TextAreaField(
        _l("Message au membre"),
        description=_l("Envoyé au membre avec le motif. 500 caractères au plus."),
        validators=[
            DataRequired(_l("Expliquez au membre la raison de la sanction.")),
            Length(max=MAX_NOTE),
        ],
    )


class SuspendForm(FlaskForm):
    """Suspend the author's account for 7, 30 or 90 days, or through a chosen date."""

    duration = SelectField(
        _l("Durée"),
        choices=[(str(d), _l("%(n)d jours", n=d)) for d in SUSPENSION_DAYS]
        + [("date", _l("Jusqu’à la date choisie"))],
        default="7",
        validators=[DataRequired()],
    )
    until = DateField(
        _l("Jusqu’au"),
        description=_l("Seulement avec « Jusqu’à la date choisie » ; format AAAA-MM-JJ."),
        validators=[Optional()],
    )
    reason = _reason_field()
    note = _note_field()
    confirm = BooleanField(CONFIRM, validators=[InputRequired(_l("Cochez la confirmation."))])

    def validate_until(self, field: Any) -> None:
        if self.duration.data != "date":
            return
        if field.data is None:
            raise ValidationError(_l("Indiquez la date de fin de la suspension."))
        today = utcnow().date()
        if not today < field.data <= today + timedelta(days=MAX_DAYS):
            raise ValidationError(_l("Choisissez une date entre demain et dans un an au plus."))

    def days(self) -> int | None:
        return None if self.duration.data == "date" else int(self.duration.data or 0)


class BanForm(FlaskForm):
    """Ban the author's account until an administrator lifts it."""

    reason = _reason_field()
    note = _note_field()
    confirm = BooleanField(CONFIRM, validators=[InputRequired(_l("Cochez la confirmation."))])


class LiftForm(FlaskForm):
    """Lift a sanction before its end (only CSRF)."""
