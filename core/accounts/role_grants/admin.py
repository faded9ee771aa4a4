"""Back office: time-boxed role grants (Admin only): list, create, end early."""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect
from flask_appbuilder import ModelView
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Length, ValidationError

from .models import REASON_MAX, RoleGrant
from .services import apply_due, grant_problem, revoke


def _grant_dates(form: Any, field: Any) -> None:
    """Cross-field check on ``ends_at`` so the form comes back with what was typed."""
    problem = grant_problem(form.starts_at.data, field.data, form.reason.data or "")
    if problem and "motif" not in problem:
        raise ValidationError(_("Dates invalides : %(problem)s.", problem=problem))


def _reason(form: Any, field: Any) -> None:
    problem = grant_problem(None, None, field.data or "")
    if problem and "motif" in problem:
        raise ValidationError(_("Motif invalide : %(problem)s.", problem=problem))


class RoleGrantView(ModelView):
    """Roles granted for a period (e.g. a trade mission); they expire by themselves."""

    datamodel = SQLAInterface(RoleGrant)
    base_permissions = ["can_list", "can_show", "can_add"]
    list_columns = ["user", "role", "starts_at", "ends_at", "state", "granted_by", "reason"]
    show_columns = [
        "user",
        "role",
        "starts_at",
        "ends_at",
        "state",
        "added_role",
        "granted_by",
        "reason",
        "created_at",
    ]
    add_columns = ["user", "role", "starts_at", "ends_at", "reason"]
    search_columns = ["user", "role", "state", "starts_at", "ends_at"]
    base_order = ("starts_at", "desc")
    validators_columns = {
        "user": [DataRequired()],
        "role": [DataRequired()],
        "ends_at": [DataRequired(), _grant_dates],
        "reason": [DataRequired(), Length(max=REASON_MAX), _reason],
    }
    label_columns = {
        "user": _l("Compte"),
        "role": _l("Rôle"),
        "starts_at": _l("Début (UTC)"),
        "ends_at": _l("Fin (UTC)"),
        "state": _l("État"),
        "granted_by": _l("Accordé par"),
        "reason": _l("Motif"),
        "added_role": _l("Rôle ajouté par l'attribution"),
        "created_at": _l("Créé le"),
    }
    description_columns = {"reason": _l("Par exemple : mission économique à Dakar.")}

    def pre_add(self, item: RoleGrant) -> None:
        item.granted_by_id = g.user.id
        item.reason = (item.reason or "").strip()

    def post_add(self, item: RoleGrant) -> None:
        apply_due(user_id=item.user_id)

    @action(
        "end_now",
        _l("Terminer maintenant"),
        _l("Terminer ces attributions maintenant ?"),
        "fa-stop",
    )
    def end_now(self, items: Any) -> Any:
        for item in items if isinstance(items, list) else [items]:
            revoke(item)
        flash(_("Attribution(s) terminée(s)."), "success")
        self.update_redirect()
        return redirect(self.get_redirect())
