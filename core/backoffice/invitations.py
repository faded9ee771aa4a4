"""Back office of invite-only access (Admin and Moderator): invitations sent,
inviting one address or a list, importing mission participants from CSV."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, request
from flask_appbuilder import BaseView, ModelView, expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.wrappers import Response
from wtforms import BooleanField, SelectField, TextAreaField
from wtforms.validators import Length

from ..accounts.invitations import services as invitations
from ..accounts.invitations.models import Invitation
from ..accounts.participants import services as participants
from ..accounts.participants.models import Participant
from ..contributions import AdminView
from ..extensions import db

MAX_UPLOAD = participants.MAX_BYTES
CATEGORY = "Onboarding"
ROLES = ("Admin", "Moderator")


class InviteForm(FlaskForm):
    addresses = TextAreaField(_l("Adresses e-mail"), validators=[Length(max=60000)])
    csv_file = FileField(_l("… ou un fichier CSV (une colonne « email »)"))
    kind = SelectField(
        _l("Type de compte proposé"),
        choices=[
            ("", _l("Au choix de la personne")),
            ("company", _l("Représentant d'entreprise")),
            ("expert", _l("Expert ou mentor")),
        ],
    )
    language = SelectField(
        _l("Langue de l'e-mail"), choices=[("fr", "Français"), ("en", "English")]
    )


class ParticipantsForm(FlaskForm):
    csv_file = FileField(_l("Fichier CSV des participants"))
    dry_run = BooleanField(_l("Vérifier seulement (ne rien importer)"))


def _upload(form_field: Any) -> bytes | None:
    """The uploaded bytes, or None when nothing was sent; at most MAX_UPLOAD."""
    storage = form_field.data
    if not storage or not getattr(storage, "filename", ""):
        return None
    data: bytes = storage.stream.read(MAX_UPLOAD + 1)
    return data


class InvitationModelView(ModelView):
    datamodel = SQLAInterface(Invitation)
    route_base = "/invitations"
    list_title = _l("Invitations envoyées")
    show_title = _l("Invitation")
    base_permissions = ["can_list", "can_show"]
    list_columns = [
        "email",
        "kind",
        "language",
        "created_at",
        "expires_at",
        "used_at",
        "revoked_at",
    ]
    show_columns = list_columns + ["user_id", "created_by_id"]
    search_columns = ["email", "kind"]
    base_order = ("created_at", "desc")
    label_columns = {
        "email": _l("Adresse e-mail"),
        "kind": _l("Type"),
        "language": _l("Langue"),
        "created_at": _l("Envoyée le"),
        "expires_at": _l("Expire le"),
        "used_at": _l("Utilisée le"),
        "revoked_at": _l("Révoquée le"),
        "user_id": _l("Compte créé"),
        "created_by_id": _l("Envoyée par"),
    }

    @action("revoke", _l("Révoquer"), _l("Révoquer les invitations choisies ?"), "fa-ban")
    def revoke(self, items: Any) -> Response:
        for item in items if isinstance(items, list) else [items]:
            invitations.revoke(item)
        db.session.commit()
        flash(_("Invitations révoquées."), "info")
        return redirect(self.get_redirect())


class ParticipantModelView(ModelView):
    datamodel = SQLAInterface(Participant)
    route_base = "/participants"
    list_title = _l("Participants aux missions")
    show_title = _l("Participant")
    base_permissions = ["can_list", "can_show", "can_delete"]
    list_columns = [
        "email",
        "first_name",
        "last_name",
        "company",
        "country",
        "mission",
        "matched_at",
    ]
    show_columns = list_columns + ["imported_at", "user_id"]
    search_columns = ["email", "last_name", "company", "country", "mission"]
    label_columns = {
        "email": _l("Adresse e-mail"),
        "first_name": _l("Prénom"),
        "last_name": _l("Nom"),
        "company": _l("Entreprise"),
        "country": _l("Pays"),
        "mission": _l("Mission"),
        "matched_at": _l("Inscrit le"),
        "imported_at": _l("Importé le"),
        "user_id": _l("Compte"),
    }


class OnboardingAdminView(BaseView):
    """Invite addresses and import participant lists."""

    route_base = "/onboarding"
    default_view = "invite"

    @expose("/invite", methods=["GET", "POST"])
    @has_access
    def invite(self) -> Any:
        form = InviteForm()
        errors: list[Any] = []
        if form.validate_on_submit():
            text = form.addresses.data or ""
            data = _upload(form.csv_file)
            if data is not None:
                text = self._decoded(data, errors)
            if not errors:
                made, errors = invitations.invite_many(
                    text,
                    getattr(current_user, "id", None),
                    form.kind.data or "",
                    form.language.data or str(get_locale() or "fr"),
                )
                if made:
                    flash(_("%(n)d invitation(s) envoyée(s).", n=len(made)), "success")
                    return redirect(self.get_redirect_url("invite"))
        status = 400 if request.method == "POST" else 200
        return self.render_template(
            "accounts/invitation_admin.html", form=form, errors=errors, mode="invite"
        ), status

    @staticmethod
    def _decoded(data: bytes, errors: list[Any]) -> str:
        if len(data) > MAX_UPLOAD:
            errors.append(invitations.LineError(0, _("Fichier trop volumineux (2 Mo au plus).")))
            return ""
        try:
            return participants.decode(data)
        except UnicodeDecodeError:
            errors.append(
                invitations.LineError(
                    0, _("Encodage illisible : enregistrez le fichier en CSV UTF-8.")
                )
            )
            return ""

    @expose("/participants", methods=["GET", "POST"])
    @has_access
    def import_participants(self) -> Any:
        form = ParticipantsForm()
        result = None
        if form.validate_on_submit():
            data = _upload(form.csv_file)
            if data is None:
                form.csv_file.errors = [_("Choisissez un fichier CSV.")]
            else:
                result = participants.import_bytes(data, dry_run=bool(form.dry_run.data))
        status = 400 if result is not None and not result.ok else 200
        if request.method == "POST" and result is None:
            status = 400
        return self.render_template(
            "accounts/invitation_admin.html",
            form=form,
            result=result,
            errors=result.errors if result else [],
            mode="participants",
        ), status

    @expose("/participants.csv")
    @has_access
    def export_participants(self) -> Response:
        response = Response(participants.export_csv(), mimetype="text/csv")
        response.headers["Content-Disposition"] = "attachment; filename=participants.csv"
        return response

    def get_redirect_url(self, endpoint: str) -> str:
        from flask import url_for

        return url_for(f"{self.endpoint}.{endpoint}")


def admin_views() -> list[AdminView]:
    """The views ``core/hooks.py`` registers, for Admin and Moderator."""
    label = _l("Inscriptions")
    return [
        AdminView(
            OnboardingAdminView,
            "Invite",
            CATEGORY,
            "fa-envelope",
            label=_l("Inviter"),
            category_label=label,
            roles=ROLES,
        ),
        AdminView(
            InvitationModelView,
            "Invitations",
            CATEGORY,
            "fa-paper-plane",
            label=_l("Invitations"),
            category_label=label,
            roles=ROLES,
        ),
        AdminView(
            ParticipantModelView,
            "Participants",
            CATEGORY,
            "fa-users",
            label=_l("Participants"),
            category_label=label,
            roles=ROLES,
        ),
    ]
