"""Forms of the sessions page and of the audience-measurement choice."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length, Regexp


class EndSessionForm(FlaskForm):
    session_id = HiddenField(
        validators=[
            DataRequired(_l("Session inconnue.")),
            Regexp(r"^[0-9a-f]{64}$", message=_l("Session inconnue.")),
        ]
    )


class EndOthersForm(FlaskForm):
    pass


class ConsentForm(FlaskForm):
    """Asked of anonymous visitors: no CSRF token (it would need a session cookie
    before the choice); the view checks that the POST comes from this site."""

    class Meta:
        csrf = False

    choice = StringField(
        validators=[
            DataRequired(_l("Choix inconnu.")),
            Length(max=10),
            Regexp(r"^(accept|refuse)$", message=_l("Choix inconnu.")),
        ]
    )
    next = HiddenField(validators=[Length(max=500)])
