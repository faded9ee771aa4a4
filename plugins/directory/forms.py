"""Forms of the directory: company profile, expert profile, media, representatives."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    Field,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from tremplin.core import api

from . import tags as tag_service
from .experts import LANGUAGES
from .profiles import COMPANY_FIELDS as COMPANY_FIELDS_STORED
from .profiles import PROFILE_FIELDS as PROFILE_FIELDS_STORED
from .visibility import (
    COMPANY_FIELD_LABELS,
    COMPANY_FIELDS,
    EXPERT_FIELD_LABELS,
    EXPERT_FIELDS,
    LEVEL_LABELS,
    LEVELS,
)

MAX_MARKETS = 30
MAX_EXPERTISE = 15
SIZE_LABELS = {
    "micro": _l("Très petite entreprise (1 à 9 personnes)"),
    "small": _l("Petite entreprise (10 à 49 personnes)"),
    "medium": _l("Moyenne entreprise (50 à 249 personnes)"),
    "large": _l("Grande entreprise (250 personnes ou plus)"),
}
REVENUE_LABELS = {
    "lt_100k": _l("Moins de 100 000 €"),
    "100k_1m": _l("De 100 000 € à 1 million €"),
    "1m_10m": _l("De 1 à 10 millions €"),
    "10m_50m": _l("De 10 à 50 millions €"),
    "gt_50m": _l("Plus de 50 millions €"),
}
STAGE_LABELS = {
    "first_time": _l("Primo-exportateur"),
    "growing": _l("En développement à l'international"),
    "experienced": _l("Exportateur expérimenté"),
}
WEB_ADDRESS = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


class PlainText:
    """No control characters (newlines allowed in multi-line fields), no leading
    spreadsheet formula on single-line fields."""

    def __init__(self, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, form: Any, field: Field) -> None:
        value = field.data or ""
        allowed = {"\n", "\r", "\t"} if self.multiline else set()
        if any(unicodedata.category(c) in ("Cc", "Cf") and c not in allowed for c in value):
            raise ValidationError(_l("Caractères de contrôle interdits."))
        if not self.multiline and value.strip()[:1] in ("=", "+", "@"):
            raise ValidationError(_l("Ne doit pas commencer par =, + ou @."))
        field.data = value.strip()


def _text(label: Any, max_length: int, required: bool = False) -> StringField:
    first = DataRequired(_l("Ce champ est obligatoire.")) if required else Optional()
    return StringField(label, validators=[first, Length(max=max_length), PlainText()])


def _area(label: Any, max_length: int = 4000) -> TextAreaField:
    return TextAreaField(
        label, validators=[Optional(), Length(max=max_length), PlainText(multiline=True)]
    )


def _choices(labels: dict[str, Any], empty: Any = None) -> list[tuple[str, Any]]:
    return ([("", empty)] if empty is not None else []) + list(labels.items())


def _lang() -> str:
    return str(get_locale() or "fr")


class VisibilityMixin:
    def add_visibility(self, fields: dict[str, str]) -> None:
        levels = [(level, LEVEL_LABELS[level]) for level in LEVELS]
        for name in fields:
            getattr(self, f"vis_{name}").choices = levels

    def visibility_data(self, fields: dict[str, str]) -> dict[str, str]:
        return {name: getattr(self, f"vis_{name}").data for name in fields}


def _vis(name: str, labels: dict[str, Any], defaults: dict[str, str]) -> SelectField:
    return SelectField(labels[name], default=defaults[name], validate_choice=True)


class CompanyForm(FlaskForm, VisibilityMixin):
    name = _text(_l("Nom de l'entreprise"), 200, required=True)
    country = SelectField(_l("Pays"), validators=[DataRequired(_l("Choisissez un pays."))])
    city = _text(_l("Ville"), 120)
    sector = SelectField(_l("Secteur d'activité (CITI Rév. 4)"), validators=[Optional()])
    legal_form = _text(_l("Forme juridique (SARL, SA, SAS…)"), 80)
    registration_number = _text(_l("Numéro d'immatriculation (RCCM, RC, SIREN…)"), 64)
    address = _text(_l("Adresse"), 300)
    postal_code = _text(_l("Code postal"), 20)
    year_founded = IntegerField(
        _l("Année de création"),
        validators=[
            Optional(),
            NumberRange(1800, datetime.now(UTC).year, _l("Une année entre 1800 et cette année.")),
        ],
    )
    size_band = SelectField(_l("Effectif"), choices=_choices(SIZE_LABELS, _l("— Non précisé —")))
    revenue_band = SelectField(
        _l("Chiffre d'affaires annuel"), choices=_choices(REVENUE_LABELS, _l("— Non précisé —"))
    )
    export_stage = SelectField(_l("Expérience de l'export"), choices=_choices(STAGE_LABELS))
    export_share = IntegerField(
        _l("Part du chiffre d'affaires à l'export (%)"),
        validators=[Optional(), NumberRange(0, 100, _l("Un nombre entier de 0 à 100."))],
    )
    website = URLField(_l("Site web"), validators=[Optional(), Length(max=300)])
    description = _area(_l("Présentation (en français)"))
    description_en = _area(_l("Présentation (en anglais)"))
    products_fr = _area(_l("Produits et services (en français)"))
    products_en = _area(_l("Produits et services (en anglais)"))
    seeks = _area(_l("Ce que vous cherchez (distributeurs, fournisseurs, partenaires…)"), 2000)
    objectives = _area(_l("Objectifs à l'international"), 2000)
    markets = SelectMultipleField(_l("Marchés cibles"), validators=[Optional()])
    tags = SelectMultipleField(_l("Thèmes"), validators=[Optional()])
    free_tags = _text(_l("Mots-clés libres, séparés par des virgules"), 450)
    vis_profile = _vis("profile", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_description = _vis("description", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_products = _vis("products", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_markets = _vis("markets", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_media = _vis("media", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_representatives = _vis("representatives", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_identity = _vis("identity", COMPANY_FIELD_LABELS, COMPANY_FIELDS)
    vis_figures = _vis("figures", COMPANY_FIELD_LABELS, COMPANY_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = _lang()
        countries = api.country_choices(lang)
        self.country.choices = [("", _l("— Choisissez —")), *countries]
        self.markets.choices = countries
        self.sector.choices = [("", _l("— Choisissez —")), *api.sector_choices(lang)]
        self.tags.choices = [(t.slug, t.label(lang)) for t in tag_service.curated()]
        self.add_visibility(COMPANY_FIELDS)

    def validate_website(self, field: Field) -> None:
        if field.data and not WEB_ADDRESS.match(field.data.strip()):
            raise ValidationError(_l("Une adresse qui commence par https:// ou http://."))

    def validate_markets(self, field: Field) -> None:
        if len(field.data or []) > MAX_MARKETS:
            raise ValidationError(_l("%(max)d marchés au plus.", max=MAX_MARKETS))

    def validate_free_tags(self, field: Field) -> None:
        try:
            field.parsed = tag_service.parse_free_tags(field.data or "")
        except tag_service.TagError as exc:
            raise ValidationError(str(exc)) from exc

    def values(self) -> dict[str, Any]:
        """The cleaned values, as ``profiles.save_company`` takes them."""
        names = [
            n
            for n in (*COMPANY_FIELDS_STORED, *PROFILE_FIELDS_STORED)
            if n not in ("website", "visibility", "free_tags")
        ]
        found = {name: getattr(self, name).data for name in names}
        found["website"] = (self.website.data or "").strip()
        found["free_tags"] = getattr(self.free_tags, "parsed", [])
        found["visibility"] = self.visibility_data(COMPANY_FIELDS)
        found["markets"] = list(dict.fromkeys(found["markets"] or []))
        for name, value in found.items():
            if value is None and name not in ("year_founded", "export_share"):
                found[name] = [] if name == "tags" else ""
        found["tags"] = list(found["tags"])
        return found


class ExpertForm(FlaskForm, VisibilityMixin):
    headline = _text(
        _l("Titre (p. ex. « Consultante en export agroalimentaire »)"), 200, required=True
    )
    expertise = _text(_l("Domaines d'expertise, séparés par des virgules"), 600, required=True)
    sectors = SelectMultipleField(_l("Secteurs"), validators=[Optional()])
    countries = SelectMultipleField(_l("Pays que vous connaissez"), validators=[Optional()])
    languages = SelectMultipleField(
        _l("Langues"), choices=list(LANGUAGES.items()), validators=[Optional()]
    )
    bio_fr = _area(_l("Biographie courte (en français)"), 2000)
    bio_en = _area(_l("Biographie courte (en anglais)"), 2000)
    mentoring = BooleanField(_l("Disponible pour du mentorat"))
    vis_profile = _vis("profile", EXPERT_FIELD_LABELS, EXPERT_FIELDS)
    vis_bio = _vis("bio", EXPERT_FIELD_LABELS, EXPERT_FIELDS)
    vis_countries = _vis("countries", EXPERT_FIELD_LABELS, EXPERT_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = _lang()
        self.sectors.choices = api.sector_choices(lang)
        self.countries.choices = api.country_choices(lang)
        self.add_visibility(EXPERT_FIELDS)

    def validate_expertise(self, field: Field) -> None:
        areas = [" ".join(a.split()) for a in (field.data or "").split(",") if a.strip()]
        if len(areas) > MAX_EXPERTISE:
            raise ValidationError(_l("%(max)d domaines au plus.", max=MAX_EXPERTISE))
        if any(len(a) > 60 for a in areas):
            raise ValidationError(_l("Chaque domaine fait 60 caractères au plus."))
        field.parsed = list(dict.fromkeys(areas))

    def values(self) -> dict[str, Any]:
        return {
            "headline": self.headline.data,
            "expertise": getattr(self.expertise, "parsed", []),
            "sectors": list(self.sectors.data or []),
            "countries": list(self.countries.data or [])[:MAX_MARKETS],
            "languages": list(self.languages.data or []),
            "bio_fr": self.bio_fr.data or "",
            "bio_en": self.bio_en.data or "",
            "mentoring": bool(self.mentoring.data),
            "visibility": self.visibility_data(EXPERT_FIELDS),
        }


class UploadForm(FlaskForm):
    file = FileField(_l("Fichier"))
    title = _text(_l("Légende ou titre (facultatif)"), 200)


class VideoForm(FlaskForm):
    url = _text(_l("Adresse de la vidéo (YouTube ou Vimeo)"), 300, required=True)
    title = _text(_l("Titre de la vidéo"), 200)


class InviteForm(FlaskForm):
    email = EmailField(
        _l("Adresse e-mail du membre à inviter"),
        validators=[
            DataRequired(_l("Ce champ est obligatoire.")),
            Email(_l("Adresse e-mail invalide.")),
            Length(max=254),
        ],
    )


class ConfirmForm(FlaskForm):
    """A button that changes something (CSRF only)."""


class ReportForm(FlaskForm):
    """Report a profile to the moderation: a reason and an optional comment."""

    reason = SelectField(
        _l("Motif"),
        choices=[("", _l("Choisissez un motif"))]
        + [(k, v) for k, v in api.moderation.REASONS.items()],
        validators=[DataRequired(_l("Choisissez un motif."))],
    )
    comment = TextAreaField(
        _l("Précisions (facultatif)"), validators=[Optional(), Length(max=1000)]
    )
