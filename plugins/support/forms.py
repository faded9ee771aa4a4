"""The support desk's forms (Flask-WTF: CSRF and translated errors)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp

from .services import MAX_BODY

CATEGORY_LABELS = {
    "account": _l("Mon compte et la connexion"),
    "verification": _l("La vérification de mon entreprise"),
    "technical": _l("Un problème technique"),
    "content": _l("Un contenu (guide, fiche, événement)"),
    "accessibility": _l("L’accessibilité du site"),
    "other": _l("Autre question"),
}
STATUS_LABELS = {
    "open": _l("Ouverte"),
    "in_progress": _l("En cours de traitement"),
    "waiting": _l("En attente de votre réponse"),
    "resolved": _l("Résolue"),
    "closed": _l("Clôturée"),
}
REQUIRED = _l("Ce champ est obligatoire.")
EMAIL = r"^[^@\s<>\"'`;,()\\]+@[^@\s<>\"'`;,()\\]+\.[^@\s<>\"'`;,()\\]+$"


def _body(label: str | object) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            DataRequired(message=REQUIRED),
            Length(max=MAX_BODY, message=_l("%(max)d caractères au plus.", max=MAX_BODY)),
        ],
    )


class TicketForm(FlaskForm):
    category = SelectField(
        _l("Sujet de la demande"),
        choices=list(CATEGORY_LABELS.items()),
        validate_choice=True,
    )
    subject = StringField(
        _l("Titre"),
        validators=[
            DataRequired(message=REQUIRED),
            Length(max=150, message=_l("150 caractères au plus.")),
        ],
    )
    description = _body(_l("Décrivez votre demande"))
    attachment = FileField(_l("Pièce jointe (PDF ou image, facultative)"))


class ReplyForm(FlaskForm):
    body = _body(_l("Votre message"))
    attachment = FileField(_l("Pièce jointe (PDF ou image, facultative)"))


class SatisfactionForm(FlaskForm):
    score = IntegerField(
        _l("Note"),
        validators=[
            DataRequired(message=_l("Choisissez une note de 1 à 5.")),
            NumberRange(min=1, max=5, message=_l("Choisissez une note de 1 à 5.")),
        ],
    )
    comment = TextAreaField(
        _l("Commentaire (facultatif)"),
        validators=[Optional(), Length(max=1000, message=_l("1000 caractères au plus."))],
    )


class AccessibilityForm(FlaskForm):
    """Open to visitors too (spec 7.2.6): an address to answer them."""

    email = EmailField(
        _l("Votre adresse e-mail"),
        validators=[
            DataRequired(message=REQUIRED),
            Regexp(
                EMAIL, message=_l("Saisissez une adresse e-mail valide, p. ex. nom@exemple.org.")
            ),
            Length(max=254),
        ],
    )
    page_url = StringField(
        _l("Page concernée (adresse, facultative)"),
        validators=[Optional(), Length(max=500, message=_l("500 caractères au plus."))],
    )
    description = _body(_l("Quelle difficulté avez-vous rencontrée ?"))


class AgentReplyForm(FlaskForm):
    body = TextAreaField(
        _l("Réponse ou note"),
        validators=[Optional(), Length(max=MAX_BODY, message=_l("5000 caractères au plus."))],
    )
    internal = SelectField(
        _l("Visibilité"),
        choices=[("0", _l("Réponse au membre")), ("1", _l("Note interne (jamais montrée)"))],
    )
    status = SelectField(_l("Statut"), choices=list(STATUS_LABELS.items()))
    canned = SelectField(_l("Réponse type"), choices=[("", "—")], validate_choice=False)
