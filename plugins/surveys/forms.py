"""Back-office forms of the survey builder and the portal's consent check."""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from tremplin.core.api import country_choices, sector_choices

KIND_CHOICES = [
    ("single", _l("Choix unique")),
    ("multiple", _l("Choix multiple")),
    ("scale", _l("Échelle de 1 à 5")),
    ("nps", _l("NPS (0 à 10)")),
    ("csat", _l("Satisfaction (CSAT, 1 à 5)")),
    ("text", _l("Texte libre")),
    ("number", _l("Nombre")),
    ("date", _l("Date")),
    ("matrix", _l("Matrice")),
]
IMPACT_CHOICES = [
    ("", _l("Aucun")),
    ("markets", _l("Nouveaux marchés explorés (nombre)")),
    ("revenue", _l("Évolution du chiffre d’affaires export (%)")),
    ("partnerships", _l("Partenariats conclus (nombre)")),
]
EXPORT_STAGE_CHOICES = [
    ("first_time", _l("Primo-exportateur")),
    ("growing", _l("En croissance internationale")),
    ("experienced", _l("Exportateur expérimenté")),
]
PROFILE_CHOICES = [
    ("", _l("Aucune")),
    ("sector", _l("Secteur de l’entreprise")),
    ("export_stage", _l("Catégorie d’export de l’entreprise")),
]


class SurveyForm(FlaskForm):
    title_fr = StringField(_l("Titre (français)"), validators=[DataRequired(), Length(max=200)])
    title_en = StringField(_l("Titre (anglais)"), validators=[Length(max=200)])
    intro_fr = TextAreaField(_l("Introduction (français)"), validators=[Length(max=5000)])
    intro_en = TextAreaField(_l("Introduction (anglais)"), validators=[Length(max=5000)])
    anonymous = BooleanField(
        _l("Anonyme (aucun lien gardé entre la réponse et le membre)"), default=True
    )
    purpose_fr = TextAreaField(
        _l("Finalité (mode identifié, français)"), validators=[Length(max=2000)]
    )
    purpose_en = TextAreaField(
        _l("Finalité (mode identifié, anglais)"), validators=[Length(max=2000)]
    )
    consent_fr = TextAreaField(
        _l("Texte de consentement (français)"), validators=[Length(max=2000)]
    )
    consent_en = TextAreaField(_l("Texte de consentement (anglais)"), validators=[Length(max=2000)])
    retention_days = IntegerField(
        _l("Durée de conservation des réponses (jours)"),
        default=730,
        validators=[DataRequired(), NumberRange(min=1, max=3650)],
    )
    closes_at = DateTimeLocalField(
        _l("Date de clôture (UTC)"), format="%Y-%m-%dT%H:%M", validators=[Optional()]
    )
    audience = SelectField(
        _l("Destinataires"),
        choices=[
            ("event", _l("Participants d’un événement ou d’une mission, à la fin")),
            ("segment", _l("Un segment de membres")),
        ],
    )
    event_id = IntegerField(
        _l("Numéro de l’événement ou de la mission"), validators=[Optional(), NumberRange(min=1)]
    )
    seg_role = StringField(_l("Segment : rôle"), validators=[Length(max=40)])
    seg_country = SelectField(_l("Segment : pays"), choices=[], default="")
    seg_sector = SelectField(
        _l("Segment : secteur (une section couvre toutes ses divisions)"), choices=[], default=""
    )
    seg_export = SelectField(
        _l("Segment : catégorie d’export"),
        choices=[("", _l("Toutes"))] + EXPORT_STAGE_CHOICES,
        default="",
    )
    recurrence_months = IntegerField(
        _l("Récurrence (tous les N mois, 0 : une seule fois)"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=24)],
    )

    reminder_days = IntegerField(
        _l("Relance des non-répondants après (jours, 0 : jamais)"),
        default=7,
        validators=[Optional(), NumberRange(min=0, max=90)],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = str(get_locale() or "fr")
        self.seg_country.choices = [("", _l("Tous les pays"))] + country_choices(lang)
        self.seg_sector.choices = [("", _l("Tous les secteurs"))] + sector_choices(lang)


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Type"), choices=KIND_CHOICES)
    label_fr = StringField(_l("Question (français)"), validators=[DataRequired(), Length(max=500)])
    label_en = StringField(_l("Question (anglais)"), validators=[Length(max=500)])
    section_fr = StringField(_l("Section (français)"), validators=[Length(max=200)])
    section_en = StringField(_l("Section (anglais)"), validators=[Length(max=200)])
    options = TextAreaField(
        _l("Options, une par ligne : « français | anglais » (choix, colonnes de matrice)"),
        validators=[Length(max=6000)],
    )
    rows = TextAreaField(
        _l("Lignes de la matrice, une par ligne : « français | anglais »"),
        validators=[Length(max=6000)],
    )
    required = BooleanField(_l("Réponse obligatoire"))
    cond_question_id = SelectField(
        _l("Afficher seulement si la question précédente…"),
        choices=[],
        coerce=str,
        validate_choice=False,  # checked by services.check_condition, with a clear message
    )
    # Choices grouped by earlier question (optgroups), values "<question id>:<value>".
    cond_values = SelectMultipleField(
        _l("… a reçu l’une de ces réponses (une ou plusieurs)"),
        choices=[],
        validate_choice=False,
    )
    cond_profile = SelectField(_l("Condition sur le profil"), choices=PROFILE_CHOICES)
    cond_sectors = SelectMultipleField(
        _l("Secteurs concernés (une section couvre toutes ses divisions)"),
        choices=[],
        validate_choice=False,
    )
    cond_export_stages = SelectMultipleField(
        _l("Catégories d’export concernées"), choices=EXPORT_STAGE_CHOICES, validate_choice=False
    )
    impact = SelectField(_l("Indicateur d’impact alimenté"), choices=IMPACT_CHOICES)


class SectionForm(FlaskForm):
    """Renames one section: every question carrying its French title."""

    old = HiddenField()
    section_fr = StringField(_l("Titre de la section (français)"), validators=[Length(max=200)])
    section_en = StringField(_l("Titre de la section (anglais)"), validators=[Length(max=200)])


class ActionForm(FlaskForm):
    """A bare form: the CSRF token of the action buttons."""
