"""Flask-WTF forms of the events pages (CSRF on every one)."""

from __future__ import annotations

import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    URL,
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)

from .models import KINDS, OUTCOMES

DATETIME = "%Y-%m-%dT%H:%M"


def kind_labels() -> dict[str, Any]:
    return {
        "economic_mission": _l("Mission économique"),
        "trade_mission": _l("Mission commerciale"),
        "webinar": _l("Webinaire"),
        "workshop": _l("Atelier"),
        "partner_event": _l("Événement partenaire"),
    }


def outcome_labels() -> dict[str, Any]:
    return {
        "none": _l("Pas de suite"),
        "discussion": _l("En discussion"),
        "agreement": _l("Accord conclu"),
    }


class EventForm(FlaskForm):
    title = StringField(_l("Titre"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Type"), choices=[])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    starts_at = DateTimeLocalField(
        _l("Début (heure locale de l'événement)"), format=DATETIME, validators=[InputRequired()]
    )
    ends_at = DateTimeLocalField(
        _l("Fin (heure locale de l'événement)"), format=DATETIME, validators=[InputRequired()]
    )
    timezone = SelectField(_l("Fuseau horaire de l'événement"), choices=[])
    online = BooleanField(_l("En ligne"))
    place = StringField(_l("Lieu"), validators=[Optional(), Length(max=300)])
    countries = SelectMultipleField(_l("Pays"), choices=[], validate_choice=True)
    sectors = SelectMultipleField(_l("Secteurs"), choices=[], validate_choice=True)
    capacity = IntegerField(_l("Nombre de places"), validators=[Optional(), NumberRange(1, 100000)])
    language = SelectField(_l("Langue"), choices=[("fr", "Français"), ("en", "English")])
    organiser = StringField(
        _l("Organisateur"), default="OIF", validators=[DataRequired(), Length(max=200)]
    )
    requires_approval = BooleanField(_l("Chaque inscription est validée par l'organisateur"))
    questions = TextAreaField(
        _l("Questions d'inscription (une par ligne, facultatives)"),
        validators=[Optional(), Length(max=2000)],
    )
    reminder_text = TextAreaField(
        _l("Texte ajouté aux rappels"), validators=[Optional(), Length(max=2000)]
    )
    access_days = IntegerField(
        _l("Accès étendu des participants après la fin (jours)"),
        default=30,
        validators=[Optional(), NumberRange(0, 365)],
    )
    published = BooleanField(_l("Publié"), default=True)

    def fill_choices(
        self, countries: list[Any], sectors: list[Any], zones: tuple[str, ...]
    ) -> None:
        self.kind.choices = [(k, kind_labels()[k]) for k in KINDS]
        self.countries.choices = countries
        self.sectors.choices = sectors
        self.timezone.choices = [(z, z) for z in zones]


class GridForm(FlaskForm):
    first_slot = DateTimeLocalField(
        _l("Premier créneau (heure locale de l'événement)"),
        format=DATETIME,
        validators=[InputRequired()],
    )
    minutes = IntegerField(
        _l("Durée d'un créneau (minutes)"),
        default=30,
        validators=[InputRequired(), NumberRange(5, 240)],
    )
    count = IntegerField(
        _l("Nombre de créneaux"), default=8, validators=[InputRequired(), NumberRange(1, 200)]
    )
    tables = IntegerField(
        _l("Nombre de tables"), default=10, validators=[InputRequired(), NumberRange(1, 500)]
    )


class ProgrammeForm(FlaskForm):
    title = StringField(_l("Intitulé"), validators=[DataRequired(), Length(max=200)])
    starts_at = DateTimeLocalField(_l("Début"), format=DATETIME, validators=[InputRequired()])
    ends_at = DateTimeLocalField(_l("Fin"), format=DATETIME, validators=[InputRequired()])
    place = StringField(_l("Lieu"), validators=[Optional(), Length(max=300)])


class WebinarForm(FlaskForm):
    provider = SelectField(_l("Solution de webinaire"), choices=[])


def web_address() -> Regexp:
    """An http(s) address only (``URL`` alone lets ``javascript://`` through)."""
    return Regexp(r"^https?://[^\s]+$", re.IGNORECASE, _l("Indiquez une adresse web (https://…)."))


class RecordingForm(FlaskForm):
    recording_url = StringField(
        _l("Lien de l'enregistrement (YouTube, Vimeo...)"),
        validators=[DataRequired(), URL(require_tld=False), web_address(), Length(max=500)],
    )


class ActionForm(FlaskForm):
    """A button that changes something (cancel, accept...): CSRF only."""


class RegisterForm(FlaskForm):
    """Answers are read from ``answer_<n>`` fields, one per question of the event."""


class OffersForm(FlaskForm):
    offers = TextAreaField(_l("Ce que vous proposez"), validators=[Optional(), Length(max=2000)])
    needs = TextAreaField(_l("Ce que vous recherchez"), validators=[Optional(), Length(max=2000)])


class MeetingRequestForm(FlaskForm):
    recipient_id = HiddenField(validators=[DataRequired()])
    message = TextAreaField(
        _l("Message de présentation"), validators=[DataRequired(), Length(max=1000)]
    )


class PlaceForm(FlaskForm):
    meeting_id = SelectField(_l("Rendez-vous"), coerce=int, choices=[])
    slot_id = SelectField(_l("Créneau"), coerce=int, choices=[])
    table = IntegerField(_l("Table"), validators=[InputRequired(), NumberRange(1, 500)])


class OutcomeForm(FlaskForm):
    meeting_id = HiddenField(validators=[DataRequired()])
    stage = HiddenField(default="end")
    outcome = RadioField(
        _l("Suite donnée"), choices=[(o, o) for o in OUTCOMES], validators=[InputRequired()]
    )

    def label_choices(self) -> None:
        self.outcome.choices = [(o, outcome_labels()[o]) for o in OUTCOMES]


class ZoneForm(FlaskForm):
    timezone = SelectField(_l("Votre fuseau horaire"), choices=[])
