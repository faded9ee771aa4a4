"""Forms of sign-up, confirmation resend and privacy consent (Flask-WTF, CSRF)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..profile.models import EXPORT_STAGES
from ..shared.checks import BadValue, check_email, check_label, check_name, country_choices

MAX_EXPERTISE = 20
MAX_COUNTRIES = 30


class Checked:
    """WTForms validator running a ``shared.checks`` function; keeps the cleaned value."""

    def __init__(self, check: Callable[[str], Any]) -> None:
        self.check = check

    def __call__(self, form: FlaskForm, field: Any) -> None:
        if not field.data:
            return
        try:
            field.data = self.check(field.data)
        except BadValue as exc:
            raise ValidationError(str(exc)) from None


def _label(max_length: int, required: bool = False) -> Checked:
    return Checked(lambda value: check_label(value, max_length, required))


STAGE_LABELS = {
    "first_time": _l("Primo-exportateur (premières ventes à l'étranger)"),
    "growing": _l("En développement à l'international"),
    "experienced": _l("Exportateur expérimenté"),
}


class SignupForm(FlaskForm):
    kind = RadioField(
        _l("Vous vous inscrivez comme"),
        choices=[("company", _l("Représentant d'entreprise")), ("expert", _l("Expert ou mentor"))],
        validators=[InputRequired(_l("Choisissez un type de compte."))],
    )
    first_name = StringField(
        _l("Prénom"),
        validators=[
            DataRequired(_l("Indiquez votre prénom.")),
            Length(max=64),
            Checked(check_name),
        ],
        render_kw={"autocomplete": "given-name"},
    )
    last_name = StringField(
        _l("Nom"),
        validators=[DataRequired(_l("Indiquez votre nom.")), Length(max=64), Checked(check_name)],
        render_kw={"autocomplete": "family-name"},
    )
    email = StringField(
        _l("Adresse e-mail"),
        validators=[
            DataRequired(_l("Indiquez votre adresse e-mail.")),
            Length(max=254),
            Checked(check_email),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )
    job_title = StringField(
        _l("Fonction"),
        validators=[Optional(), Length(max=120), _label(120)],
        render_kw={"autocomplete": "organization-title"},
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[DataRequired(_l("Choisissez un mot de passe.")), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )
    password_confirm = PasswordField(
        _l("Confirmez le mot de passe"),
        validators=[DataRequired(_l("Saisissez à nouveau le mot de passe.")), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )

    company_mode = RadioField(
        _l("Votre entreprise"),
        default="new",
        choices=[
            ("new", _l("Créer une entreprise")),
            ("join", _l("Rejoindre une entreprise existante")),
        ],
        validators=[Optional()],
    )
    company_name = StringField(
        _l("Nom de l'entreprise"),
        validators=[Optional(), Length(max=200), _label(200)],
        render_kw={"autocomplete": "organization"},
    )
    company_country = SelectField(
        _l("Pays de l'entreprise"), validators=[Optional()], validate_choice=True
    )
    company_city = StringField(_l("Ville"), validators=[Optional(), Length(max=120), _label(120)])
    company_sector = StringField(
        _l("Secteur d'activité"), validators=[Optional(), Length(max=120), _label(120)]
    )
    export_share = IntegerField(
        _l("Part du chiffre d'affaires réalisée à l'export (%)"),
        validators=[Optional(), NumberRange(0, 100, _l("Un nombre entier de 0 à 100."))],
        render_kw={"inputmode": "numeric"},
    )
    export_stage = RadioField(
        _l("Votre expérience de l'export"),
        default=None,
        choices=[(s, STAGE_LABELS[s]) for s in EXPORT_STAGES],
        validators=[Optional()],
    )

    organisation = StringField(
        _l("Organisation"), validators=[Optional(), Length(max=200), _label(200)]
    )
    expertise = TextAreaField(_l("Domaines d'expertise"), validators=[Optional(), Length(max=2000)])
    countries = SelectMultipleField(_l("Pays couverts"), validators=[Optional()])

    accept_privacy = BooleanField(
        _l("J'accepte la politique de confidentialité"),
        validators=[DataRequired(_l("Vous devez accepter la politique de confidentialité."))],
    )
    altcha = HiddenField(_l("Vérification anti-robot"))
    invitation = HiddenField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        countries = country_choices()
        self.company_country.choices = [("", _l("— Choisissez —"))] + countries
        self.countries.choices = countries

    def validate_password_confirm(self, field: Any) -> None:
        if self.password.data and field.data != self.password.data:
            raise ValidationError(_l("Les deux mots de passe ne sont pas identiques."))

    def validate_expertise(self, field: Any) -> None:
        field.data = "\n".join(self.expertise_list())

    def expertise_list(self) -> list[str]:
        raw = (self.expertise.data or "").replace(",", "\n").splitlines()
        items = [item.strip() for item in raw if item.strip()]
        if len(items) > MAX_EXPERTISE:
            raise ValidationError(_l("%(n)d domaines au plus.", n=MAX_EXPERTISE))
        try:
            return [check_label(item, 100) for item in items]
        except BadValue as exc:
            raise ValidationError(str(exc)) from None

    def validate_countries(self, field: Any) -> None:
        if len(field.data or []) > MAX_COUNTRIES:
            raise ValidationError(_l("%(n)d pays au plus.", n=MAX_COUNTRIES))

    def validate(self, extra_validators: Any = None) -> bool:
        ok: bool = super().validate(extra_validators)
        required = self._required_by_kind()
        for name, message in required:
            field = self[name]
            if not field.errors and not field.data and field.data != 0:
                field.errors = [*field.errors, message]
                ok = False
        return ok

    def _required_by_kind(self) -> list[tuple[str, Any]]:
        if self.kind.data == "company":
            needed = [
                ("company_name", _l("Indiquez le nom de l'entreprise.")),
                ("company_country", _l("Choisissez le pays de l'entreprise.")),
            ]
            if self.company_mode.data != "join":
                needed.append(("export_stage", _l("Choisissez votre expérience de l'export.")))
            return needed
        if self.kind.data == "expert":
            return [
                ("organisation", _l("Indiquez votre organisation.")),
                ("expertise", _l("Indiquez au moins un domaine d'expertise.")),
            ]
        return []


class ResendForm(FlaskForm):
    email = StringField(
        _l("Adresse e-mail"),
        validators=[
            DataRequired(_l("Indiquez votre adresse e-mail.")),
            Length(max=254),
            Checked(check_email),
        ],
        render_kw={"autocomplete": "email", "spellcheck": "false", "type": "email"},
    )


class ConfirmForm(FlaskForm):
    """The button that confirms an address (a POST, so mail scanners that open
    links do not use up the single-use link)."""


class ConsentForm(FlaskForm):
    accept_privacy = BooleanField(
        _l("J'accepte la politique de confidentialité"),
        validators=[DataRequired(_l("Vous devez accepter la politique de confidentialité."))],
    )
