"""Flask-WTF forms of the messaging pages (CSRF on every POST)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from tremplin.core.api import moderation

from .text import MAX_BODY


class MessageForm(FlaskForm):
    body = TextAreaField(
        _l("Votre message"),
        validators=[DataRequired(message=_l("Écrivez un message.")), Length(max=MAX_BODY)],
    )
    attachment = FileField(_l("Pièce jointe (PDF ou image, facultatif)"))


class NewConversationForm(MessageForm):
    recipients = SelectMultipleField(
        _l("Destinataires"),
        coerce=int,
        validators=[DataRequired(message=_l("Choisissez au moins un destinataire."))],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
    )


class ContactSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search

    company = StringField(_l("Entreprise"), validators=[Optional(), Length(max=100)])
    sector = StringField(_l("Secteur (code CITI)"), validators=[Optional(), Length(max=8)])
    country = StringField(_l("Pays (code ISO)"), validators=[Optional(), Length(max=8)])
    verified = BooleanField(_l("Profils vérifiés seulement"))


class ReportForm(FlaskForm):
    reason = SelectField(
        _l("Motif"),
        choices=[(k, v) for k, v in moderation.REASONS.items()],
        validators=[DataRequired()],
    )
    comment = TextAreaField(
        _l("Précisions (facultatif)"), validators=[Optional(), Length(max=1000)]
    )


class PreferencesForm(FlaskForm):
    text_in_email = BooleanField(_l("Inclure le texte des messages dans les e-mails d’alerte"))
